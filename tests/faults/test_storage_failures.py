"""A full disk or a read-only journal while saving: the failing write rolls back whole, earlier
data is intact, the message says what happened, and the journal keeps working afterwards.
A failed backup never touches earlier ones."""

from __future__ import annotations

import os
import sqlite3

import pytest
from sqlalchemy import event

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.errors import DiskFullError, ReadOnlyError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.backups import verified_copy as backup_module
from colearn_desktop.core.storage.backups.verified_copy import BackupError
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact, sha256


def _on_every_connection(journal, pragma: str) -> None:
    journal.db.engine.dispose()

    @event.listens_for(journal.db.engine, "connect")
    def _apply(dbapi_connection, _record):
        dbapi_connection.execute(pragma)


def _pages(journal) -> int:
    with journal.db.read_raw() as connection:
        return connection.execute("PRAGMA page_count").fetchone()[0]


def test_disk_full_rolls_back_the_failing_write_and_keeps_everything_before(journal):
    generate_demo(journal, contacts=20, conversations_per_contact=2)
    before = table_rows(journal.path)
    _on_every_connection(journal, f"PRAGMA max_page_count = {_pages(journal)}")

    with pytest.raises(DiskFullError, match="disk is full") as caught:
        journal.contacts.create(ContactInput(name="Big", notes="x" * 400_000))
    assert "Free some space and try again" in str(caught.value)
    with pytest.raises(DiskFullError):  # a bulk write (as imports do) fails whole too
        generate_demo(journal, contacts=50, conversations_per_contact=5, append=True, seed=9)
    assert table_rows(journal.path) == before

    _on_every_connection(journal, "PRAGMA max_page_count = 1073741823")  # space freed
    add_contact(journal, "After", "Space")
    assert journal.stats().contacts == 21
    assert journal.check() == []


def test_read_only_while_saving_says_so_and_keeps_everything(journal):
    add_contact(journal, "Kept")
    before = table_rows(journal.path)
    _on_every_connection(journal, "PRAGMA query_only = 1")  # refuses writes as a read-only file
    with pytest.raises(ReadOnlyError, match="read-only") as caught:
        add_contact(journal, "Lost")
    assert "Check the file's permissions" in str(caught.value)
    assert table_rows(journal.path) == before
    # Backups only read the journal: still possible, and they say where the data is safe.
    assert journal.backups.make("manual").made


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_journal_made_read_only_on_disk(journal_path, clock):
    journal = open_journal(journal_path, clock=clock)
    add_contact(journal, "Kept")
    journal.close()
    os.chmod(journal_path, 0o400)
    try:
        journal = open_journal(journal_path, clock=clock)
        with pytest.raises(ReadOnlyError, match="read-only"):
            add_contact(journal, "Lost")
        assert [r.display_name for r in journal.contact_list.rows()] == ["Kept García"]
        journal.close()
    finally:
        os.chmod(journal_path, 0o600)


def test_a_backup_failing_on_a_full_disk_leaves_earlier_backups_alone(journal, monkeypatch):
    add_contact(journal)
    earlier = journal.backups.make("manual").path
    earlier_bytes = sha256(earlier)
    generate_demo(journal, contacts=30, conversations_per_contact=3, append=True)
    real_connect = sqlite3.connect

    def full_destination(target, *args, **kwargs):
        connection = real_connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            connection.execute("PRAGMA max_page_count = 3")
        return connection

    monkeypatch.setattr(backup_module.sqlite3, "connect", full_destination)
    with pytest.raises(BackupError, match="full"):
        journal.backups.make("manual")
    monkeypatch.undo()
    assert sha256(earlier) == earlier_bytes
    assert [b.path for b in journal.backups.list()] == [earlier]
    assert not list(journal.backups_dir.glob("*.partial"))
