"""What a failure to read the journal means is decided by SQLite's result code, never by the
words of the message: a message also carries the journal's path, and a folder named
"locked" or "access" must not turn damage into a lock (left in place) or a permission problem."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.errors import (
    DamagedJournalError,
    LockedError,
    sqlite_code_of,
    sqlite_error_of,
)
from colearn_desktop.core.integrity import Verdict, check_journal, verdict_of
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.recovery import Outcome, open_at_startup
from tests.faults.damage import checkpoint, garbage_schema_page


def _journal_in(folder, clock):
    journal = open_journal(folder / "journal.sqlite3", backups_dir=folder / "backups", clock=clock)
    generate_demo(journal, contacts=4, conversations_per_contact=1)
    journal.backups.make("manual")
    journal.close()
    checkpoint(folder / "journal.sqlite3")
    return folder / "journal.sqlite3"


@pytest.mark.parametrize("folder", ["locked drawer", "client access", "busy week"])
def test_a_damaged_journal_is_called_damaged_whatever_its_folder_is_called(tmp_path, clock, folder):
    journal = _journal_in(tmp_path / folder, clock)
    garbage_schema_page(journal)

    report = check_journal(journal)

    assert report.verdict is Verdict.DAMAGED
    assert report.message.startswith(f"{journal} cannot be read")


def test_a_damaged_journal_in_a_folder_named_locked_is_moved_aside_at_start(tmp_path, clock):
    journal = _journal_in(tmp_path / "locked", clock)
    garbage_schema_page(journal)

    startup = open_at_startup(journal, journal.parent / "backups", clock)

    assert startup.outcome is Outcome.DAMAGED
    assert startup.damaged_kept is not None
    assert startup.damaged_kept.exists()
    assert startup.candidate is not None
    assert startup.candidate.counts.contacts == 4
    assert not journal.exists()


def test_a_lock_is_found_by_its_code_through_sqlalchemy_and_our_own_errors(tmp_path):
    path = tmp_path / "journal.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN EXCLUSIVE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.01})
    try:
        with pytest.raises(OperationalError) as caught, engine.connect() as connection:
            connection.execute(text("SELECT * FROM t")).fetchall()
    finally:
        engine.dispose()
        other.close()
    wrapped = caught.value
    try:
        raise DamagedJournalError(path, f"{path} cannot be read.") from wrapped
    except DamagedJournalError as error:
        chained = error

    assert sqlite_error_of(wrapped) is wrapped.orig
    assert sqlite_code_of(wrapped) == sqlite3.SQLITE_BUSY
    assert sqlite_code_of(chained) == sqlite3.SQLITE_BUSY
    assert verdict_of(chained) is Verdict.LOCKED  # never damage: it would be moved aside
    assert verdict_of(LockedError("held")) is Verdict.LOCKED
    assert sqlite_code_of(ValueError("no SQLite here")) is None
