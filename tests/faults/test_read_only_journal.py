"""A journal that cannot be written is still shown: it opens read-only, says why (naming the
file, folder or disk at fault and what to do), and every save repeats that sentence without
changing a byte.  Stale read-only -wal/-shm files of ours are repaired once the journal is
writable again."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.errors import ReadOnlyError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.db import translate
from tests.faults.read_only import fail_writable_opens
from tests.helpers import add_contact, sha256

as_a_user = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions"
)


@pytest.fixture
def kept(journal_path, clock):
    """A journal holding one contact, closed cleanly (no -wal or -shm left)."""
    journal = open_journal(journal_path, clock=clock)
    add_contact(journal, "Kept")
    journal.close()
    return journal_path


def _names(journal) -> list[str]:
    return [row.display_name for row in journal.contact_list.rows()]


def test_a_disk_io_error_at_open_shows_the_journal_read_only_and_says_why(kept, clock, monkeypatch):
    before = sha256(kept)
    fail_writable_opens(monkeypatch, kept)
    journal = open_journal(kept, clock=clock)
    try:
        reason = journal.read_only_reason
        assert reason.startswith("Saving is off: CoLearn opened the journal read-only because")
        assert "disk I/O error" in reason
        assert str(kept.parent) in reason
        assert "Free some space" in reason
        assert _names(journal) == ["Kept García"]
        assert journal.stats().contacts == 1
        with pytest.raises(ReadOnlyError) as caught:
            add_contact(journal, "Lost")
        assert str(caught.value) == reason  # every save says the same sentence
        assert _names(journal) == ["Kept García"]
    finally:
        journal.close()
    assert sha256(kept) == before


def test_the_cli_reads_a_journal_it_cannot_write(kept, tmp_path, monkeypatch, capsys):
    fail_writable_opens(monkeypatch, kept)
    folder = str(kept.parent)
    for argv, shown in ((["stats"], "contacts "), (["due"], ""), (["search", "Kept"], "Kept")):
        code = main(["--data-dir", folder, *argv])
        out, err = capsys.readouterr()
        assert (code, shown in out, err) == (0, True, ""), (argv, out, err)
    target = tmp_path / "out.csv"
    assert main(["--data-dir", folder, "export", "contacts", "-o", str(target)]) == 0
    assert "Kept" in target.read_text("utf-8-sig")
    capsys.readouterr()
    assert main(["--data-dir", folder, "demo-data", "--contacts", "1", "--append"]) == 1
    err = capsys.readouterr().err  # one line: the same sentence
    assert err.startswith("colearn: Saving is off: CoLearn opened the journal read-only because")
    assert len(err.splitlines()) == 1


@as_a_user
def test_a_read_only_folder_shows_the_journal_and_names_the_folder(kept, clock):
    folder = kept.parent
    files = sorted(folder.iterdir())
    os.chmod(folder, 0o500)
    try:
        journal = open_journal(kept, clock=clock)
        try:
            assert f"the folder {folder} is read-only" in journal.read_only_reason
            assert _names(journal) == ["Kept García"]
            with pytest.raises(ReadOnlyError, match="Make the folder writable"):
                add_contact(journal, "Lost")
        finally:
            journal.close()
        assert sorted(folder.iterdir()) == files
    finally:
        os.chmod(folder, 0o700)


@as_a_user
def test_side_files_left_read_only_are_repaired_once_the_journal_is_writable(kept, clock):
    os.chmod(kept, 0o400)
    journal = open_journal(kept, clock=clock)  # reads; SQLite makes -wal/-shm read-only too
    assert f"the journal file {kept} is read-only" in journal.read_only_reason
    with pytest.raises(ReadOnlyError, match="Make it writable"):
        add_contact(journal, "Lost")
    assert _names(journal) == ["Kept García"]
    journal.close()

    os.chmod(kept, 0o600)  # the user fixes the journal's mode
    journal = open_journal(kept, clock=clock)
    try:
        assert journal.read_only_reason == ""
        add_contact(journal, "Saved")
        assert _names(journal) == ["Kept García", "Saved García"]
    finally:
        journal.close()
    for side in kept.parent.glob("journal.sqlite3-*"):
        assert stat.S_IMODE(side.stat().st_mode) == 0o600


@as_a_user
@pytest.mark.parametrize(
    ("suffix", "advice"),
    [("-shm", "delete that file or make it writable"), ("-wal", "do not delete it")],
)
def test_a_save_refused_by_a_read_only_side_file_names_it(kept, suffix, advice):
    side = kept.with_name(kept.name + suffix)
    side.write_bytes(b"")
    os.chmod(side, 0o400)
    refused = sqlite3.OperationalError("attempt to write a readonly database")
    refused.sqlite_errorcode = sqlite3.SQLITE_READONLY  # as SQLite raises it: sorted by code
    error = translate(refused, kept)
    assert isinstance(error, ReadOnlyError)
    assert str(error).startswith(f"The change was not saved because {side} is read-only")
    assert advice in str(error)
