"""Restoring: the journal gets exactly the backup's content, what it replaces is kept, and a
backup that cannot be used is refused before anything changes."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, event

from colearn_desktop.core.errors import (
    DamagedJournalError,
    DiskFullError,
    JournalTooNewError,
    NotAJournalError,
    ReadOnlyError,
)
from colearn_desktop.core.storage.backups.restore import restore_replacing
from colearn_desktop.core.storage.backups.verified_copy import backup_file
from colearn_desktop.core.storage.migrate import head_revision, inspect_file
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.faults.damage import overwrite_page_of
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact, log_call, sha256

# Restoring backups: commits wait for the disk as the app's do (tests/conftest.py).
pytestmark = pytest.mark.durable_journal


@pytest.fixture
def with_backup(journal, clock):
    ana = add_contact(journal, "Ana")
    log_call(journal, ana, when=clock.now(), notes="Kick-off", learned="Budgets in January")
    backup = journal.backups.make("manual").path
    clock.advance(hours=1)
    add_contact(journal, "Ben")
    return backup


def test_restore_brings_back_exactly_the_backup_and_keeps_the_replaced_journal(
    journal, with_backup
):
    wanted = table_rows(with_backup)
    before = table_rows(journal.path)
    changes = []
    journal.subscribe(changes.append)

    outcome = journal.backups.restore(with_backup)

    assert table_rows(journal.path) == wanted
    assert outcome.counts.contacts == 1
    assert outcome.previous_counts.contacts == 2
    assert "before-restore" in outcome.previous_backup.name
    assert table_rows(outcome.previous_backup) == before
    assert [c.topic for c in changes] == ["journal"]
    assert journal.check() == []
    # The same Journal keeps working on the restored content.
    assert [r.display_name for r in journal.contact_list.rows()] == ["Ana García"]
    add_contact(journal, "Cleo")
    assert journal.stats().contacts == 2


def test_restore_can_be_undone_with_the_before_restore_backup(journal, with_backup):
    before = table_rows(journal.path)
    outcome = journal.backups.restore(with_backup)
    journal.backups.restore(outcome.previous_backup)
    assert table_rows(journal.path) == before


def test_a_backup_from_an_older_version_is_upgraded_after_restoring(journal, tmp_path):
    old = tmp_path / "old.sqlite3"
    make_first_revision_journal(old)
    journal.backups.restore(old)
    assert inspect_file(journal.path).revision == head_revision()
    assert journal.contacts.get(1).display_name == "Zoë Ørsted"
    assert journal.check() == []


def test_a_backup_with_another_page_size_is_restored(journal, with_backup, tmp_path):
    other = tmp_path / "big-pages.sqlite3"
    backup_file(with_backup, other)
    connection = sqlite3.connect(other, isolation_level=None)
    connection.execute("PRAGMA page_size = 8192")
    connection.execute("VACUUM")
    assert connection.execute("PRAGMA page_size").fetchone()[0] == 8192
    connection.close()
    journal.backups.restore(other)
    assert table_rows(journal.path) == table_rows(with_backup)


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(
    journal, with_backup, tmp_path
):
    newer = tmp_path / "newer.sqlite3"
    backup_file(with_backup, newer)
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before, backups = table_rows(journal.path), journal.backups.list()
    with pytest.raises(JournalTooNewError, match="newer version"):
        journal.backups.restore(newer)
    assert table_rows(journal.path) == before
    assert journal.backups.list() == backups  # refused before backing anything up


def test_a_damaged_backup_or_a_stranger_is_refused(journal, with_backup, tmp_path):
    before = table_rows(journal.path)
    damaged = tmp_path / "damaged.sqlite3"
    backup_file(with_backup, damaged)
    overwrite_page_of(damaged, "contact")
    with pytest.raises(DamagedJournalError, match="damaged"):
        journal.backups.restore(damaged)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(NotAJournalError):
        journal.backups.restore(text)
    with pytest.raises(NotAJournalError, match="There is no backup"):
        journal.backups.restore(tmp_path / "missing.sqlite3")
    assert table_rows(journal.path) == before


def _pin(journal, pragma: str) -> None:
    journal.db.engine.dispose()

    @event.listens_for(journal.db.engine, "connect")
    def _apply(dbapi_connection, _record):
        dbapi_connection.execute(pragma)


def test_restoring_into_a_read_only_journal_says_so_and_changes_nothing(journal, with_backup):
    """A read-only connection (as a read-only file or mount gives; ``query_only`` does not
    stop the backup API) refuses the copy."""
    from colearn_desktop.core.storage import db

    before = table_rows(journal.path)
    journal.backups.make("manual")  # so the before-restore backup is the existing one
    journal.db.engine.dispose()
    read_only = create_engine(f"sqlite:///{journal.path.as_uri()}?mode=ro&uri=true")
    event.listen(read_only, "connect", db.set_write_pragmas)
    event.listen(read_only, "begin", db._on_begin)
    journal.db.engine = read_only
    with pytest.raises(ReadOnlyError, match="read-only"):
        journal.backups.restore(with_backup)
    assert table_rows(journal.path) == before


def test_a_full_disk_during_restore_changes_nothing(journal, with_backup, tmp_path):
    big = tmp_path / "big.sqlite3"
    backup_file(with_backup, big)
    connection = sqlite3.connect(big)
    with connection:
        connection.execute("UPDATE contact SET notes = ?", ("y" * 200_000,))
    connection.close()
    journal.backups.make("manual")
    with journal.db.read_raw() as raw:
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
    _pin(journal, f"PRAGMA max_page_count = {pages}")
    before = table_rows(journal.path)
    with pytest.raises(DiskFullError, match="disk is full"):
        journal.backups.restore(big)
    assert table_rows(journal.path) == before


def test_restore_replacing_keeps_the_damaged_journal_with_its_log(journal, with_backup, clock):
    path = journal.path
    journal.close()
    overwrite_page_of(path, "contact")
    damaged_bytes = sha256(path)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"log")
    outcome = restore_replacing(path, with_backup, clock.now())
    assert outcome.damaged_kept == path.with_name("journal-damaged-20261122-103000.sqlite3")
    assert sha256(outcome.damaged_kept) == damaged_bytes
    assert outcome.damaged_kept.with_name(outcome.damaged_kept.name + "-wal").read_bytes() == (
        b"log"
    )
    assert not wal.exists()
    assert table_rows(path) == table_rows(with_backup)
