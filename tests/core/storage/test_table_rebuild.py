"""Rebuilding a table to change a CHECK keeps its rows, the rows that refer to it, its indexes,
and every trigger and view that names it, each working as before."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from colearn_desktop.core.storage.migrations.rebuild import (
    RebuildError,
    rebuild_table,
    replace_check,
)

SCHEMA = """
CREATE TABLE owner (id INTEGER PRIMARY KEY, gifts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE item (
    id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES owner (id) ON DELETE CASCADE,
    kind VARCHAR NOT NULL,
    label VARCHAR NOT NULL DEFAULT '',
    CONSTRAINT pk_item PRIMARY KEY (id),
    CONSTRAINT uq_item_label UNIQUE (owner_id, label),
    CONSTRAINT ck_item_label CHECK (label <> ')'),
    CONSTRAINT ck_item_kind CHECK (kind IN ('book', 'loan'))
);
CREATE TABLE item_note (id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE, text VARCHAR);
CREATE INDEX ix_item_kind ON item (kind);
CREATE VIEW item_view AS SELECT id, kind FROM item;
CREATE TRIGGER item_added AFTER INSERT ON item BEGIN
    UPDATE owner SET gifts = (SELECT count(*) FROM "item" i WHERE i.owner_id = owner.id)
    WHERE id = NEW.owner_id;
END;
CREATE TRIGGER owner_added AFTER INSERT ON owner BEGIN
    UPDATE owner SET gifts = (SELECT count(*) FROM item WHERE owner_id = NEW.id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER note_added AFTER INSERT ON item_note BEGIN SELECT 1; END;
"""
NEW_KINDS = "kind IN ('book', 'loan', 'gift')"


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.executescript(SCHEMA)
    connection.execute("INSERT INTO owner (id) VALUES (1)")
    connection.execute("INSERT INTO item (id, owner_id, kind, label) VALUES (7, 1, 'loan', 'a')")
    connection.execute("INSERT INTO item_note (item_id, text) VALUES (7, 'kept')")
    yield connection
    connection.close()


def _schema(connection: sqlite3.Connection, *kinds: str) -> dict[str, str]:
    marks = ", ".join("?" for _ in kinds)
    rows = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type IN ({marks}) AND sql IS NOT NULL", kinds
    )
    return dict(rows.fetchall())


def test_a_check_is_replaced_and_everything_around_the_table_is_kept(connection):
    before = _schema(connection, "index", "trigger", "view")
    other_tables = _schema(connection, "table")
    connection.execute("BEGIN")
    replace_check(connection.execute, "item", "ck_item_kind", NEW_KINDS)
    connection.execute("COMMIT")

    assert _schema(connection, "index", "trigger", "view") == before
    after_tables = _schema(connection, "table")
    assert {k: v for k, v in after_tables.items() if k != "item"} == {
        k: v for k, v in other_tables.items() if k != "item"
    }
    assert "CHECK (kind IN ('book', 'loan', 'gift'))" in after_tables["item"]
    assert "CHECK (label <> ')')" in after_tables["item"]
    # The rows, and the rows that refer to them (no cascade while the table was dropped).
    assert connection.execute("SELECT id, owner_id, kind, label FROM item").fetchall() == [
        (7, 1, "loan", "a")
    ]
    assert connection.execute("SELECT text FROM item_note").fetchall() == [("kept",)]
    # The new value is accepted, the old rules still hold, and the triggers still fire.
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("INSERT INTO item (id, owner_id, kind, label) VALUES (8, 1, 'gift', 'b')")
    assert connection.execute("SELECT gifts FROM owner").fetchone() == (2,)
    assert connection.execute("SELECT count(*) FROM item_view").fetchone() == (2,)
    with pytest.raises(sqlite3.IntegrityError, match="ck_item_kind"):
        connection.execute("INSERT INTO item (owner_id, kind) VALUES (1, 'boat')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        connection.execute("INSERT INTO item (owner_id, kind, label) VALUES (1, 'book', 'a')")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_columns_only_the_new_definition_has_get_their_default(connection):
    create = (
        "CREATE TABLE item (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES "
        "owner (id), kind VARCHAR NOT NULL, label VARCHAR NOT NULL DEFAULT '', "
        "shelf VARCHAR NOT NULL DEFAULT 'top')"
    )
    connection.execute("BEGIN")
    rebuild_table(connection.execute, "item", create)
    connection.execute("COMMIT")
    assert connection.execute("SELECT id, kind, shelf FROM item").fetchall() == [(7, "loan", "top")]
    assert "item_added" in _schema(connection, "trigger")


def test_it_refuses_to_run_with_foreign_keys_on(connection):
    connection.execute("PRAGMA foreign_keys = ON")
    before = _schema(connection, "table", "index", "trigger", "view")
    with pytest.raises(RebuildError, match="foreign keys off"):
        replace_check(connection.execute, "item", "ck_item_kind", NEW_KINDS)
    assert _schema(connection, "table", "index", "trigger", "view") == before
    assert connection.execute("SELECT count(*) FROM item_note").fetchone() == (1,)


def test_it_stops_when_rows_would_refer_to_nothing(connection):
    connection.execute("INSERT INTO item_note (item_id, text) VALUES (99, 'orphan')")
    with pytest.raises(RebuildError, match="1 rows refer to rows that do not exist"):
        replace_check(connection.execute, "item", "ck_item_kind", NEW_KINDS)


def test_an_unknown_constraint_or_table_is_named(connection):
    with pytest.raises(RebuildError, match="item has no CHECK constraint named ck_item_colour"):
        replace_check(connection.execute, "item", "ck_item_colour", "1")
    with pytest.raises(RebuildError, match="no table shelf"):
        replace_check(connection.execute, "shelf", "ck_shelf_kind", "1")
    with pytest.raises(ValueError, match="not a plain SQL name"):
        replace_check(connection.execute, "item; DROP TABLE owner", "ck_item_kind", "1")


def test_a_trigger_that_reads_a_view_of_the_table_is_kept(connection):
    """SQLite's RENAME re-reads every trigger: one on another table that reads a view of the
    rebuilt table (the search index's triggers read the contacts' view) must be dropped
    with the view and made again, or the rebuild fails."""
    connection.executescript(
        "CREATE TRIGGER note_indexed AFTER UPDATE ON item_note BEGIN "
        "SELECT kind FROM item_view WHERE id = NEW.item_id; END;"
    )
    before = _schema(connection, "trigger", "view")
    connection.execute("BEGIN")
    rebuild_table(
        connection.execute,
        "item",
        "CREATE TABLE item (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES "
        "owner (id), kind VARCHAR NOT NULL, label VARCHAR NOT NULL DEFAULT '', "
        "uid VARCHAR NOT NULL DEFAULT (lower(hex(randomblob(16)))))",
    )
    connection.execute("COMMIT")
    assert _schema(connection, "trigger", "view") == before
    (uid,) = connection.execute("SELECT uid FROM item WHERE id = 7").fetchone()
    assert len(uid) == 32
