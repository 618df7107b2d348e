"""Looking after the full-text index: is it usable, is it in step, and rebuilding it.

The index is kept in step by triggers (see :mod:`search_schema`), so it can only drift when
something bypassed them: a journal written by an SQLite without FTS5, or a damaged file.
``problems`` finds that (rows missing from or extra in the index, a contact whose indexed text
is stale, FTS5's own integrity check), and ``rebuild`` starts the index over in one
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from colearn_desktop.core.storage import search_schema as schema
from colearn_desktop.core.text import counted


class IndexState(StrEnum):
    READY = "ready"
    # This SQLite has no FTS5: search reads the tables directly (slower).
    NO_FTS5 = "no_fts5"
    # FTS5 is there but the index is not (made without FTS5, or damaged).
    MISSING = "missing"
    # The journal has an index, but this SQLite cannot run it.
    UNUSABLE = "unusable"


def _schema_names(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}


def index_state(connection: sqlite3.Connection) -> IndexState:
    names = _schema_names(connection)
    wanted = {kind.table for kind in schema.KINDS} | set(schema.trigger_names())
    has_fts5 = schema.fts5_available(connection.execute)
    if not has_fts5:
        # Index tables without triggers are inert; triggers would make every change fail.
        triggers = set(schema.trigger_names()) & names
        return IndexState.UNUSABLE if triggers else IndexState.NO_FTS5
    return IndexState.READY if wanted <= names else IndexState.MISSING


@dataclass(frozen=True)
class RebuildReport:
    indexed: bool
    rows: dict[str, int]


def rebuild(connection: sqlite3.Connection) -> RebuildReport:
    """Drop and recreate the views, triggers and index, then fill it from the live rows.
    Without FTS5, only the triggers go (they would make every change fail)."""
    execute = connection.execute
    names = _schema_names(connection)
    has_fts5 = schema.fts5_available(execute)
    if has_fts5:
        schema.drop_index(execute, names)
    else:
        schema.drop_index(execute, names - {kind.table for kind in schema.KINDS})
    for kind in schema.KINDS:
        if kind.source in names:
            execute(f"DROP VIEW {kind.source}")
    schema.create_views(execute)
    indexed = schema.create_index(execute) if has_fts5 else False
    rows = {}
    if indexed:
        for kind in schema.KINDS:
            rows[kind.table] = execute(f"SELECT count(*) FROM {kind.table}_docsize").fetchone()[0]
    return RebuildReport(indexed, rows)


@contextmanager
def bulk_insert(
    connection: sqlite3.Connection, touched_contacts: set[int] | None = None
) -> Iterator[None]:
    """For inserting many *new* rows at once (demo data, imports): the triggers are dropped
    for the duration and the new rows (ids above those that existed) indexed in one go at the
    end, which is several times faster than a trigger per row.  All of it runs inside the
    caller's transaction, so a failure rolls back the rows, the index and the triggers
    together.  Rows that already existed must not be changed inside the block, except
    contacts whose ids the caller adds to ``touched_contacts`` (they are indexed again)."""
    if index_state(connection) is not IndexState.READY:
        yield
        return
    execute = connection.execute
    marks = {
        kind.table: execute(f"SELECT COALESCE(max(id), 0) FROM {kind.base}").fetchone()[0]
        for kind in schema.KINDS
    }
    for name in schema.trigger_names():
        execute(f"DROP TRIGGER {name}")
    yield
    for kind in schema.KINDS:
        execute(kind.insert_from_source(f"id > {int(marks[kind.table])}"))
    if touched_contacts:
        ids = json.dumps(sorted(touched_contacts))
        execute(
            "DELETE FROM search_contact WHERE rowid IN (SELECT value FROM json_each(?))", (ids,)
        )
        execute(schema.CONTACT.insert_from_source("id IN (SELECT value FROM json_each(?))"), (ids,))
    for statement in schema.CURRENT_INDEX:
        if statement.startswith("CREATE TRIGGER"):
            execute(statement)


_HINT = "run `colearn check --rebuild-index`"


def problems(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    """What is wrong with the index, in words (empty when it is in step, or when this SQLite
    has no FTS5 and the journal has no index: search then works without one)."""
    state = index_state(connection)
    if state is IndexState.NO_FTS5:
        return []
    if state is IndexState.UNUSABLE:
        return [
            "this SQLite has no full-text search (FTS5) but the journal has a search index, so "
            f"changes would fail; {_HINT} to switch it off"
        ]
    if state is IndexState.MISSING:
        return [f"the search index is missing or incomplete; {_HINT}"]
    found = []
    for kind in schema.KINDS:
        missing = connection.execute(
            f"SELECT count(*) FROM {kind.source} s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {kind.table}_docsize d WHERE d.id = s.id)"
        ).fetchone()[0]
        extra = connection.execute(
            f"SELECT count(*) FROM {kind.table}_docsize d "
            f"WHERE NOT EXISTS (SELECT 1 FROM {kind.source} s WHERE s.id = d.id)"
        ).fetchone()[0]
        if missing or extra:
            found.append(
                f"the search index of {kind.table.removeprefix('search_')}s is out of step "
                f"({counted(missing, 'row')} missing, {extra:,} extra); {_HINT}"
            )
    stale = connection.execute(
        "SELECT count(*) FROM search_contact_source s JOIN search_contact f ON f.rowid = s.id "
        "WHERE " + " OR ".join(f"f.{c} IS NOT s.{c}" for c in schema.CONTACT.columns)
    ).fetchone()[0]
    if stale:
        found.append(f"the search index has stale text for {counted(stale, 'contact')}; {_HINT}")
    if full:
        for kind in schema.KINDS:
            try:
                connection.execute(
                    f"INSERT INTO {kind.table} ({kind.table}) VALUES ('integrity-check')"
                )
            except sqlite3.DatabaseError as error:
                found.append(f"the search index of {kind.table} is damaged ({error}); {_HINT}")
    return found
