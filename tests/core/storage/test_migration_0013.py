"""Revision 0013 gives a journal's addresses their parts: the one-block text written before
stays as the street lines, untouched; the new parts are edited, recorded for undo and checked
like every column."""

from __future__ import annotations

import sqlite3

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import head_revision, inspect_file, upgrade

# Migrations are the real path: each journal here is migrated for its test (tests/conftest.py).
pytestmark = pytest.mark.real_journal

STAMP = "2026-01-01 09:00:00.000000"


def make_0012_journal(path):
    engine = create_journal_engine(path)
    upgrade(engine, path, target="0012")
    engine.dispose()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO contact (id, given_name, family_name, display_name, sort_name, "
            "address, created_at, updated_at) VALUES (1, 'Ana', 'García', 'Ana García', "
            "'ana garcía', ?, ?, ?)",
            ("Calle Mayor 1\n28013 Madrid\nEspaña", STAMP, STAMP),
        )
    connection.close()


def test_an_old_address_becomes_the_street_and_the_journal_checks_clean(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_0012_journal(path)
    journal = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    try:
        assert inspect_file(path).revision == head_revision()
        data = journal.contacts.get(1).data
        assert data.address == "Calle Mayor 1\n28013 Madrid\nEspaña"
        assert (data.city, data.region, data.postal_code, data.country) == ("", "", "", "")
        assert journal.check() == []
        # The new columns are recorded by the undo log like the others.
        journal.contacts.update(
            1, data.with_changes(address="Calle Mayor 1", city="Madrid", postal_code="28013")
        )
        assert journal.contacts.get(1).data.city == "Madrid"
        journal.undo.undo()
        restored = journal.contacts.get(1).data
        assert (restored.address, restored.city) == ("Calle Mayor 1\n28013 Madrid\nEspaña", "")
    finally:
        journal.close()
