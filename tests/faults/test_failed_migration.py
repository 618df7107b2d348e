"""A migration that fails at its second step leaves the file byte-identical, with the backup
made before it kept, and that backup restores to the content from before."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from colearn_desktop.core import opening
from colearn_desktop.core.errors import MigrationError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.backups.restore import restore_replacing
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import inspect_file, revision_chain
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.faults.snapshots import table_rows
from tests.helpers import sha256


def test_failure_at_the_second_step_changes_no_byte_and_keeps_the_backup(tmp_path, clock):
    path, backups = tmp_path / "journal.sqlite3", tmp_path / "backups"
    make_first_revision_journal(path)
    before_bytes, before_rows = sha256(path), table_rows(path)
    second = revision_chain()[1]

    def fail_at_second(revision: str) -> None:
        if revision == second:
            raise RuntimeError("injected failure in the second step")

    with pytest.raises(MigrationError) as caught:
        open_journal(path, backups_dir=backups, clock=clock, after_migration_step=fail_at_second)
    assert sha256(path) == before_bytes
    [backup] = backups.glob("*before-upgrade*.sqlite3")
    assert str(backup) in str(caught.value)
    assert "left unchanged" in str(caught.value)
    assert table_rows(backup) == before_rows

    # The kept backup is a real way back: restored elsewhere it is the old journal exactly.
    elsewhere = tmp_path / "restored" / "journal.sqlite3"
    elsewhere.parent.mkdir()
    restore_replacing(elsewhere, backup, clock.now())
    assert table_rows(elsewhere) == before_rows
    assert inspect_file(elsewhere).revision == revision_chain()[0]


def test_a_full_disk_during_the_upgrade_is_told_in_a_sentence(tmp_path, clock, monkeypatch):
    path, backups = tmp_path / "journal.sqlite3", tmp_path / "backups"
    make_first_revision_journal(path)
    before = sha256(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    def full_disk_engine(journal_path):
        engine = create_journal_engine(journal_path)
        event.listen(
            engine, "connect", lambda raw, _: raw.execute(f"PRAGMA max_page_count = {pages}")
        )
        return engine

    monkeypatch.setattr(opening, "create_journal_engine", full_disk_engine)
    with pytest.raises(MigrationError) as caught:
        open_journal(path, backups_dir=backups, clock=clock)

    message = str(caught.value)
    assert message.startswith(f"Upgrading {path} failed: the disk is full (free some space")
    assert "left unchanged" in message
    [backup] = backups.glob("*before-upgrade*.sqlite3")
    assert message.endswith(f"A backup made just before is kept at {backup}.")
    for raw_text in ("[SQL", "sqlalche.me", "OperationalError", "INSERT", "CREATE"):
        assert raw_text not in message
    assert sha256(path) == before
