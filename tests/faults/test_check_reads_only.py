"""``colearn check`` reads only: a healthy journal is left byte-identical (no change tag, so no
unneeded backup), and a read-only or locked journal is not called damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from colearn_desktop.core import integrity
from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.opening import open_journal
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.faults.damage import checkpoint
from tests.faults.test_corruption import in_this_process
from tests.helpers import sha256


@pytest.fixture
def data(tmp_path, clock):
    """A data folder whose journal has a search index (so FTS5's own check runs)."""
    folder = tmp_path / "data"
    journal = open_journal(folder / "journal.sqlite3", backups_dir=folder / "backups", clock=clock)
    generate_demo(journal, contacts=10, conversations_per_contact=2)
    journal.close()
    checkpoint(folder / "journal.sqlite3")
    return folder


def test_check_leaves_the_journal_byte_identical(data):
    journal = data / "journal.sqlite3"
    before, mtime = sha256(journal), journal.stat().st_mtime_ns

    check = in_this_process(data, "check")

    assert (check.returncode, check.stdout, check.stderr) == (0, "ok\n", "")
    assert sha256(journal) == before  # no change tag stamped: no backup needed at next close
    assert journal.stat().st_mtime_ns == mtime


@pytest.fixture
def immutable(data):
    """The journal made immutable (chattr +i): even root cannot write it, as on a read-only
    disk."""
    journal = data / "journal.sqlite3"
    if shutil.which("chattr") is None:
        pytest.skip("no chattr here")
    if subprocess.run(["chattr", "+i", str(journal)], check=False).returncode != 0:
        pytest.skip("this file system has no immutable files")
    yield journal
    subprocess.run(["chattr", "-i", str(journal)], check=True)


def test_a_journal_that_cannot_be_written_is_checked_not_called_damaged(data, immutable):
    before = sha256(immutable)

    check = in_this_process(data, "check")

    assert check.returncode == 0, check.stderr
    assert check.stdout == "ok\n"
    assert "is read-only: CoLearn can show it but cannot save changes" in check.stderr
    assert "damaged" not in check.stderr
    assert sha256(immutable) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_is_checked_not_called_damaged(data):
    journal = data / "journal.sqlite3"
    os.chmod(journal, 0o444)
    try:
        check = in_this_process(data, "check")
    finally:
        os.chmod(journal, 0o600)
    assert (check.returncode, check.stdout) == (0, "ok\n")
    assert "read-only" in check.stderr


def test_a_writer_holding_the_journal_does_not_stop_the_check(data):
    other = sqlite3.connect(data / "journal.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # in WAL mode readers go on
        check = in_this_process(data, "check")
    finally:
        other.close()
    assert (check.returncode, check.stdout, check.stderr) == (0, "ok\n", "")


def test_a_journal_locked_by_another_program_is_called_locked(data, monkeypatch):
    monkeypatch.setattr(integrity, "LOCK_WAIT_SECONDS", 0.05)
    journal = data / "journal.sqlite3"
    before = sha256(journal)
    other = sqlite3.connect(journal, isolation_level=None)
    waits: list[float] = []
    connect = sqlite3.connect

    def connect_noting_the_wait(*args, timeout: float = 5.0, **kwargs):
        waits.append(timeout)
        return connect(*args, timeout=timeout, **kwargs)

    try:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")  # as some SQLite tools do
        other.execute("BEGIN EXCLUSIVE")
        monkeypatch.setattr(sqlite3, "connect", connect_noting_the_wait)
        check = in_this_process(data, "check")
    finally:
        monkeypatch.setattr(sqlite3, "connect", connect)
        other.close()

    # Every look at the locked file waits the check's time, not SQLite's default 5 s.
    assert waits
    assert set(waits) == {0.05}

    assert check.returncode == 3
    assert "keeps" in check.stderr
    assert "locked" in check.stderr
    assert "damaged" not in check.stderr
    assert "restore" not in check.stderr
    assert sha256(journal) == before
    assert not list(data.glob("*damaged*"))


def test_a_journal_of_an_older_version_is_checked_as_it_is_not_upgraded(tmp_path):
    data = tmp_path / "data"
    make_first_revision_journal(data / "journal.sqlite3")
    before = sha256(data / "journal.sqlite3")

    check = in_this_process(data, "check")

    assert (check.returncode, check.stdout) == (0, "ok\n")
    assert "older version of CoLearn; it is upgraded (after a backup)" in check.stderr
    assert sha256(data / "journal.sqlite3") == before
    assert not (data / "backups").exists()
