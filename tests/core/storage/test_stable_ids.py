"""Every row a person sees or another row points to has a stable random id (``uid``): filled
by revision 0011 for existing rows, given by SQLite's default to new ones, unique, and kept
by undo."""

from __future__ import annotations

import importlib
import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from colearn_desktop.core.records import ContactInput
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import _config, upgrade
from colearn_desktop.core.storage.models import NEW_UID_SQL, metadata, new_uid
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.core.storage.test_schema_parity import differences, schema_of

revision_0011 = importlib.import_module(
    "colearn_desktop.core.storage.migrations.versions.0011_stable_ids"
)
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_the_models_give_a_uid_to_exactly_the_tables_the_revision_does():
    with_uid = {
        name for name, table in metadata.tables.items() if "id" in table.c and "uid" in table.c
    }
    assert with_uid == set(revision_0011.UID_TABLES)
    assert NEW_UID_SQL == revision_0011.NEW_UID_SQL  # frozen copy, same text
    assert UUID4.fullmatch(new_uid())


def test_an_upgrade_gives_every_existing_row_its_own_uid(tmp_path: Path):
    path = tmp_path / "journal.sqlite3"
    make_first_revision_journal(path)  # a contact, a conversation, a favour ...
    engine = create_journal_engine(path)
    upgrade(engine, path)
    engine.dispose()
    connection = sqlite3.connect(path)
    try:
        seen: set[str] = set()
        filled = 0
        for table in revision_0011.UID_TABLES:
            for (uid,) in connection.execute(f"SELECT uid FROM {table}"):
                assert UUID4.fullmatch(uid), (table, uid)
                assert uid not in seen
                seen.add(uid)
                filled += 1
        assert filled >= 3
        assert connection.execute("SELECT given_name FROM contact").fetchone() == ("Zoë",)
    finally:
        connection.close()


def test_rows_inserted_by_plain_sql_get_a_fresh_uid_and_a_uid_cannot_be_given_twice(journal):
    with journal.db.raw() as connection:
        for _ in range(3):
            connection.execute(
                "INSERT INTO tag (name, name_key, created_at) VALUES (?, ?, '2026-01-01')",
                (f"t{_}", f"t{_}"),
            )
        uids = [row[0] for row in connection.execute("SELECT uid FROM tag ORDER BY name")]
        assert len(set(uids)) == 3
        assert all(UUID4.fullmatch(uid) for uid in uids)
        with pytest.raises(sqlite3.IntegrityError, match="uid"):
            connection.execute("UPDATE tag SET uid = ? WHERE name = 't1'", (uids[0],))


def test_undoing_a_delete_brings_the_contact_back_with_its_uid(journal):
    contact_id = journal.contacts.create(ContactInput(name="Ana García"))
    with journal.db.read_raw() as connection:
        (uid,) = connection.execute(
            "SELECT uid FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
    with journal.db.raw("Delete Ana García") as connection:
        connection.execute("DELETE FROM contact WHERE id = ?", (contact_id,))
    journal.undo.undo()
    assert journal.contacts.resolve_uid(uid) == contact_id


def test_a_downgrade_gives_back_the_schema_before_ids(tmp_path: Path):
    """Down to 0010 and up again: the undo log's triggers name the uid columns, so they must
    go before the tables are rebuilt without them."""
    before, after = tmp_path / "before.sqlite3", tmp_path / "after.sqlite3"
    for path, target in ((before, "0010"), (after, "head")):
        engine = create_journal_engine(path)
        upgrade(engine, path, target=target)
        engine.dispose()
    engine = create_journal_engine(after)
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            config = _config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
    engine.dispose()
    assert differences(schema_of(before), schema_of(after)) == []
