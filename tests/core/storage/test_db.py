"""Real transactions: a multi-step change is all or nothing, and storage failures become
errors that say what happened."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import DiskFullError, LockedError, ReadOnlyError, StorageError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.core.storage import db
from tests.helpers import add_contact

# Transactions, locks and pragmas: the storage exactly as the app opens it (tests/conftest.py).
pytestmark = pytest.mark.real_journal


def test_a_failure_mid_transaction_rolls_back_every_step(journal):
    def two_steps_then_a_crash() -> None:
        with journal.db.write() as session:
            session.execute(
                text(
                    "INSERT INTO tag (name, name_key, created_at) "
                    "VALUES ('a', 'a', '2026-01-01 00:00:00.000000')"
                )
            )
            session.execute(text("CREATE TABLE scratch (x)"))  # DDL too: no implicit commit
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        two_steps_then_a_crash()
    with journal.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM tag")).scalar() == 0
        tables = session.execute(text("SELECT name FROM sqlite_master WHERE name='scratch'")).all()
        assert tables == []


def test_disk_full_rolls_back_and_keeps_earlier_data(journal):
    kept = add_contact(journal, "Kept")
    with journal.db.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
    # Every pooled connection must see the limit: pin it on each new connection.
    journal.db.engine.dispose()
    from sqlalchemy import event

    @event.listens_for(journal.db.engine, "connect")
    def _limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(DiskFullError, match="disk is full"):
        journal.contacts.create(ContactInput(name="Big", notes="x" * 500_000))
    assert [r.id for r in journal.contact_list.rows()] == [kept]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_journal_says_so(journal_path, clock):
    open_journal(journal_path, clock=clock).close()
    os.chmod(journal_path, 0o400)
    try:
        journal = open_journal(journal_path, clock=clock)
        with pytest.raises(ReadOnlyError, match="read-only"):
            journal.contacts.create(ContactInput(name="A"))
        journal.close()
    finally:
        os.chmod(journal_path, 0o600)


def test_another_writer_holding_the_lock_is_reported(journal, journal_path, monkeypatch):
    monkeypatch.setattr("colearn_desktop.core.storage.db.BUSY_TIMEOUT_MS", 100)
    journal.db.engine.dispose()
    blocker = sqlite3.connect(journal_path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LockedError, match="Another program"):
            journal.contacts.create(ContactInput(name="A"))
    finally:
        blocker.rollback()
        blocker.close()
    journal.contacts.create(ContactInput(name="A"))


def test_read_only_storage_is_reported_even_when_running_as_root(journal):
    """``query_only`` makes SQLite refuse writes exactly as a read-only file does."""
    from sqlalchemy import event

    kept = add_contact(journal, "Kept")
    journal.db.engine.dispose()

    @event.listens_for(journal.db.engine, "connect")
    def _read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = 1")

    with pytest.raises(ReadOnlyError, match="read-only"):
        journal.contacts.create(ContactInput(name="A"))
    assert [r.id for r in journal.contact_list.rows()] == [kept]


def test_read_raw_is_one_snapshot_and_can_never_write(journal, journal_path):
    add_contact(journal, "Before")
    tag = journal.backups.current_tag()
    with journal.db.read_raw() as connection:
        assert connection.in_transaction
        first = connection.execute("SELECT count(*) FROM contact").fetchone()[0]
        other = sqlite3.connect(journal_path)
        other.execute("INSERT INTO tag (name, name_key, created_at) VALUES ('x', 'x', '')")
        other.commit()
        other.close()
        # Another program's change does not show half-way through a read.
        assert connection.execute("SELECT count(*) FROM tag").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM contact").fetchone()[0] == first
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM tag").fetchone()[0] == 1

    def write_in_a_read() -> None:
        with journal.db.read_raw() as connection:
            connection.execute("DELETE FROM tag")

    with pytest.raises(RuntimeError, match="for reading"):
        write_in_a_read()
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM tag").fetchone()[0] == 1
        assert not connection.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0]
    assert journal.backups.current_tag() == tag


def test_read_raw_reports_storage_errors_as_journal_errors(journal):
    from colearn_desktop.core.errors import StorageError

    with pytest.raises(StorageError), journal.db.read_raw() as connection:
        connection.execute("SELECT * FROM no_such_table")
    with journal.db.read_raw() as connection:  # the connection is fine afterwards
        assert connection.execute("SELECT count(*) FROM contact").fetchone()[0] == 0


def test_a_bulk_write_gets_a_roomy_page_cache_and_gives_it_back(journal, monkeypatch):
    add_contact(journal, "Ana", "García")
    seen: list[int] = []
    roomy = db.roomy_cache

    def spy(connection: sqlite3.Connection):  # the cache size inside the bulk transaction
        with roomy(connection):
            seen.append(connection.execute("PRAGMA cache_size").fetchone()[0])
            yield

    monkeypatch.setattr("colearn_desktop.core.people.bulk.roomy_cache", contextmanager(spy))
    journal.bulk.add_tag(ContactQuery(), "vip")

    assert seen == [-db.ROOMY_CACHE_KB]
    with journal.db.read_raw() as connection:  # every pooled connection is back to 2 MB
        assert connection.execute("PRAGMA cache_size").fetchone()[0] == -2000


def test_a_journal_moved_aside_is_never_recreated_empty_by_a_late_read(journal, journal_path):
    """A restore moves the damaged journal aside; a screen's read arriving in between must
    fail, not leave an empty journal at the path for the restore to trip over."""
    journal.contact_list.count()  # the engine and its pool exist
    journal.db.dispose()  # the pooled connections close, as before a move
    journal_path.rename(journal_path.with_name("aside.sqlite3"))
    with pytest.raises(StorageError):
        journal.contact_list.count()
    with pytest.raises(StorageError):
        add_contact(journal, "Ana García")
    assert not journal_path.exists()


def test_a_closed_journal_refuses_every_read_and_write(journal_path, clock):
    journal = open_journal(journal_path, clock=clock)  # before the engine is made
    journal.close()
    with pytest.raises(StorageError, match="has been closed"):
        journal.contact_list.count()
    with pytest.raises(StorageError, match="has been closed"):
        add_contact(journal, "Ana García")


def test_a_background_checkpoint_copies_each_commit_into_the_journal_file(journal_path, clock):
    """In the app the log is copied back after every commit on a thread of its own, so no
    commit on the UI thread ever does it (it cost ~0.7 s at 100,000 contacts, every ~10th)."""
    journal = open_journal(journal_path, clock=clock)
    try:
        journal.db.checkpoint_in_background()
        add_contact(journal, "Ana García")
        assert journal.db.wait_for_checkpoint()
        before = journal_path.read_bytes()
        add_contact(journal, "Ben Okafor")
        assert journal.db.wait_for_checkpoint()
        assert journal_path.read_bytes() != before  # the journal file itself was written
        # the log holds nothing left to copy: a passive checkpoint finds every frame done
        check = sqlite3.connect(journal_path)
        try:
            _busy, frames, done = check.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            check.close()
        assert frames == done
    finally:
        journal.close()
    assert journal.db.wait_for_checkpoint()


def test_reads_before_the_engine_share_one_connection_that_the_engine_then_closes(
    journal_path, clock
):
    """Each new connection parses the whole schema (~5 ms): the start-up checks and the
    window's first reads, before the engine is made, go through one (issue 14)."""
    journal = open_journal(journal_path, clock=clock)  # the engine is made on first use
    try:
        seen = []
        for _ in range(3):
            with journal.db.read_raw() as connection:
                seen.append(connection)
        journal.db.wait_for_write_lock()
        with journal.db.read_raw() as connection:
            seen.append(connection)
            with journal.db.read_raw() as other:  # one already lent: another of its own
                assert other is not connection
        assert all(c is seen[0] for c in seen)
        journal.contact_list.count()  # the engine is made: its pool reads from now on
        with pytest.raises(sqlite3.ProgrammingError):  # closed
            seen[0].execute("SELECT 1")
        with journal.db.read_raw() as connection:
            assert connection is not seen[0]
    finally:
        journal.close()


def test_the_connection_kept_before_the_engine_closes_with_dispose_and_close(journal_path, clock):
    """A journal about to be moved is disposed first: a late read must then fail, not read
    the moved file through a connection kept open, nor recreate an empty journal."""
    journal = open_journal(journal_path, clock=clock)
    try:
        with journal.db.read_raw() as kept:
            pass
        journal.db.dispose()
        with pytest.raises(sqlite3.ProgrammingError):
            kept.execute("SELECT 1")
        journal_path.rename(journal_path.with_name("aside.sqlite3"))
        with pytest.raises(StorageError), journal.db.read_raw() as connection:
            connection.execute("SELECT count(*) FROM contact").fetchone()
        assert not journal_path.exists()
    finally:
        journal.close()
    with pytest.raises(StorageError, match="has been closed"), journal.db.read_raw():
        pass
