"""Start-up: an unclean shutdown gets a full check, a damaged journal is moved aside (never
overwritten) and the newest good backup offered; newer, locked or unreadable journals are left
exactly as they are."""

from __future__ import annotations

import os
import sqlite3

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.recovery import (
    MAIN_TABLES,
    Outcome,
    SessionMarker,
    open_at_startup,
    restore_candidate,
    start_empty,
)
from tests.faults.damage import garbage_header, overwrite_page_of
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact, sha256

# Recovery after a crash: the storage exactly as the app opens it (tests/conftest.py).
pytestmark = pytest.mark.real_journal


@pytest.fixture
def setup(tmp_path, clock):
    """A journal with two contacts and a backup of it, closed (as after a clean shutdown)."""
    path, backups = tmp_path / "journal.sqlite3", tmp_path / "backups"
    journal = open_journal(path, backups_dir=backups, clock=clock)
    add_contact(journal, "Ana")
    add_contact(journal, "Ben")
    backup = journal.backups.make("on-close").path
    journal.close()
    clock.advance(hours=2)
    return path, backups, backup


def test_a_healthy_journal_opens_without_the_full_check(setup, clock):
    path, backups, _ = setup
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.OPENED
    assert not result.checked
    assert result.journal.stats().contacts == 2
    result.journal.close()


def test_after_an_unclean_shutdown_the_full_check_runs(setup, clock):
    path, backups, _ = setup
    SessionMarker(path).begin(clock.now())  # a crashed session left its marker behind
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.OPENED
    assert result.checked
    result.journal.close()


def test_a_leftover_write_ahead_log_means_an_unclean_shutdown(setup, clock):
    path, backups, _ = setup
    holder = sqlite3.connect(path)  # an open connection keeps the -wal, as a crash does
    holder.execute("PRAGMA journal_mode")
    holder.execute("CREATE TEMP TABLE t (x)")
    with holder:
        holder.execute("UPDATE contact SET notes = 'x' WHERE id = 1")
    assert (path.parent / "journal.sqlite3-wal").stat().st_size > 0
    result = open_at_startup(path, backups, clock)
    holder.close()
    assert result.checked
    result.journal.close()


@pytest.mark.parametrize("damage", ["page", "header"])
def test_a_damaged_journal_is_moved_aside_and_the_newest_good_backup_offered(setup, clock, damage):
    path, backups, backup = setup
    if damage == "page":
        overwrite_page_of(path, "contact")
    else:
        garbage_header(path)
    damaged = sha256(path)
    SessionMarker(path).begin(clock.now())

    result = open_at_startup(path, backups, clock)

    assert result.outcome is Outcome.DAMAGED
    assert result.journal is None
    assert result.damaged_kept == path.with_name("journal-damaged-20261122-113000.sqlite3")
    assert sha256(result.damaged_kept) == damaged  # kept byte for byte
    assert not path.exists()
    assert result.candidate.path == backup
    assert result.candidate.counts.contacts == 2
    assert result.message

    journal, outcome = restore_candidate(path, backups, result.candidate.path, clock)
    assert table_rows(path) == table_rows(backup)
    assert outcome.counts.contacts == 2
    assert journal.check() == []
    journal.close()


def test_a_damaged_newest_backup_is_passed_over_for_an_older_good_one(setup, clock):
    path, backups, good = setup
    journal = open_journal(path, backups_dir=backups, clock=clock)
    add_contact(journal, "Cleo")
    bad = journal.backups.make("on-close").path
    journal.close()
    overwrite_page_of(bad, "contact")
    overwrite_page_of(path, "contact")
    SessionMarker(path).begin(clock.now())
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.DAMAGED
    assert result.candidate.path == good


def test_without_a_backup_an_empty_journal_starts_and_the_damaged_one_stays(setup, clock):
    path, backups, backup = setup
    backup.unlink()
    garbage_header(path)
    damaged = sha256(path)
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.DAMAGED
    assert result.candidate is None
    journal = start_empty(path, backups, clock)
    assert journal.stats().contacts == 0
    journal.close()
    assert sha256(result.damaged_kept) == damaged


def test_a_newer_journal_is_refused_and_left_byte_identical(setup, clock):
    path, backups, _ = setup
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before, kept = sha256(path), sorted(backups.iterdir())
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.TOO_NEW
    assert "newer version of CoLearn" in result.message
    assert sha256(path) == before
    assert path.exists()
    assert not list(path.parent.glob("*damaged*"))
    assert sorted(backups.iterdir()) == kept


def test_a_journal_another_program_keeps_locked_is_left_alone(setup, clock, monkeypatch):
    path, backups, _ = setup
    monkeypatch.setattr("colearn_desktop.core.storage.db.BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = open_at_startup(path, backups, clock)
    finally:
        blocker.rollback()
        blocker.close()
    assert result.outcome is Outcome.LOCKED
    assert "Another program is using the journal" in result.message
    assert path.exists()
    assert not list(path.parent.glob("*damaged*"))


def test_a_missing_journal_with_backups_offers_the_newest(setup, clock):
    path, backups, backup = setup
    path.unlink()
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.MISSING
    assert result.candidate.path == backup
    journal, _ = restore_candidate(path, backups, backup, clock)
    assert journal.stats().contacts == 2
    journal.close()


def test_a_first_start_opens_a_new_journal(tmp_path, clock):
    result = open_at_startup(tmp_path / "journal.sqlite3", tmp_path / "backups", clock)
    assert result.outcome is Outcome.OPENED
    result.journal.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_an_unreadable_journal_is_reported_not_moved(setup, clock):
    path, backups, _ = setup
    os.chmod(path, 0)
    try:
        result = open_at_startup(path, backups, clock)
    finally:
        os.chmod(path, 0o600)
    assert result.outcome is Outcome.UNUSABLE
    assert "ermission" in result.message
    assert not list(path.parent.glob("*damaged*"))


def test_the_session_marker_comes_and_goes(tmp_path, clock):
    marker = SessionMarker(tmp_path / "journal.sqlite3")
    assert not marker.left_behind()
    marker.begin(clock.now())
    assert marker.left_behind()
    marker.end()
    marker.end()
    assert not marker.left_behind()


@pytest.mark.parametrize("table", MAIN_TABLES)
def test_a_damaged_main_table_stops_the_start_before_the_window(setup, clock, table):
    path, backups, backup = setup
    overwrite_page_of(path, table)
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.DAMAGED
    assert result.candidate is not None
    assert result.candidate.path == backup


def test_a_healthy_start_reads_no_table_through(setup, clock, monkeypatch):
    """Before the window shows, the checks read each main table's first row, not all of them
    (counting them took 0.6-1 s at 100,000 contacts, issue 14); the quick check after the
    first paint reads every page."""
    path, backups, _ = setup
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    result = open_at_startup(path, backups, clock)
    assert result.outcome is Outcome.OPENED
    result.journal.close()
    assert statements  # (the trace saw the start-up's reads)
    assert [s for s in statements if "count(" in s.lower()] == []
