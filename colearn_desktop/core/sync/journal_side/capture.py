"""Capturing every user change into the outbox, in the change's own transaction (revision 0015).

Like the undo log (core/storage/undo_log.py), triggers on every table that travels write each
row change into ``sync_outbox``: the row's key, its values before and after as JSON (references
already as uids, so a row deleted later can still be named), and a hybrid-logical-clock stamp
(``hlc.py``).  A change can never be committed without its outbox row, nor the reverse.

Nothing is captured while sync is off for this journal (``sync_state.enabled``: a journal
that never syncs pays nothing) or while another device's changes are being applied
(``sync_state.applying``: they came from elsewhere and must not echo back).

A revision that rebuilds or adds columns to a table of ``tables.SPECS`` calls
:func:`install_triggers` again, as it does for the undo log.
"""

from __future__ import annotations

import sqlite3

from colearn_desktop.core.sync.journal_side import due_keys
from colearn_desktop.core.sync.journal_side.hlc import STAMP_SQL, TICK_SQL
from colearn_desktop.core.sync.journal_side.tables import SPECS, TableSpec

PRESENCE = "~"  # the pseudo-column whose value says whether a row exists (1) or was deleted (0)

TABLES_SQL = (
    "CREATE TABLE sync_state (\n"
    "    id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "    device TEXT NOT NULL,\n"
    "    enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),\n"
    "    applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),\n"
    "    hlc_wall INTEGER NOT NULL DEFAULT 0,\n"
    "    hlc_counter INTEGER NOT NULL DEFAULT 0,\n"
    "    next_seq INTEGER NOT NULL DEFAULT 1\n)",
    # Row changes as the triggers wrote them, not yet folded into a change.
    "CREATE TABLE sync_outbox (\n"
    "    seq INTEGER PRIMARY KEY,\n"
    "    tbl TEXT NOT NULL,\n"
    "    old_key TEXT,\n"
    "    key TEXT,\n"
    "    old TEXT,\n"
    "    new TEXT,\n"
    "    hlc TEXT NOT NULL\n)",
    # Folded changes waiting for the next batch.
    "CREATE TABLE sync_unsent (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    tbl TEXT NOT NULL,\n"
    "    key TEXT NOT NULL,\n"
    "    op TEXT NOT NULL,\n"
    "    fields TEXT NOT NULL,\n"
    "    hlc TEXT NOT NULL\n)",
    # Batches made but not yet durably in the folder: handed out again until they are.
    "CREATE TABLE sync_batch_out (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)",
    # How far this journal has applied each other device's batches.
    "CREATE TABLE sync_read (device TEXT PRIMARY KEY, seq INTEGER NOT NULL)",
    # The newest stamp (and value) of every column of every row that travelled: what a later
    # change is compared with.  A row that cannot be written yet (its contact has not arrived)
    # is written from here once it can.
    "CREATE TABLE sync_field (\n"
    "    tbl TEXT NOT NULL,\n"
    "    key TEXT NOT NULL,\n"
    "    col TEXT NOT NULL,\n"
    "    hlc TEXT NOT NULL,\n"
    "    value TEXT,\n"
    "    PRIMARY KEY (tbl, key, col)\n) WITHOUT ROWID",
    "CREATE TABLE sync_pending (\n"
    "    tbl TEXT NOT NULL,\n"
    "    key TEXT NOT NULL,\n"
    "    PRIMARY KEY (tbl, key)\n) WITHOUT ROWID",
    # Two rows that must be one (two devices each made the tag "VIP"): the larger uid answers
    # to the smaller, on every device alike.
    "CREATE TABLE sync_alias (\n"
    "    tbl TEXT NOT NULL,\n"
    "    uid TEXT NOT NULL,\n"
    "    target TEXT NOT NULL,\n"
    "    PRIMARY KEY (tbl, uid)\n) WITHOUT ROWID",
    # Values that lost to a newer edit from another device, for the contact's history.
    "CREATE TABLE sync_history (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    tbl TEXT NOT NULL,\n"
    "    key TEXT NOT NULL,\n"
    "    col TEXT NOT NULL,\n"
    "    value TEXT,\n"
    "    hlc TEXT NOT NULL,\n"
    "    kept_hlc TEXT NOT NULL\n)",
    "CREATE INDEX ix_sync_history_key ON sync_history (tbl, key)",
)
SYNC_TABLES = (
    "sync_state",
    "sync_outbox",
    "sync_unsent",
    "sync_batch_out",
    "sync_read",
    "sync_field",
    "sync_pending",
    "sync_alias",
    "sync_history",
)


def travelling_columns(connection: sqlite3.Connection, spec: TableSpec) -> list[tuple[str, bool]]:
    """The columns of ``spec``'s table that travel, as (name, holds bytes)."""
    skipped = spec.skipped()
    return [
        (name, kind.upper() == "BLOB")
        for _, name, kind, *_ in connection.execute(f'PRAGMA table_info("{spec.name}")')
        if name not in skipped
    ]


def _value_sql(spec: TableSpec, column: str, blob: bool, row: str) -> str:
    value = f'{row}"{column}"'
    if column in spec.refs:
        return f'(SELECT uid FROM "{spec.refs[column]}" WHERE id = {value})'
    return f"hex({value})" if blob else value


def row_json_sql(spec: TableSpec, cols: list[tuple[str, bool]], row: str) -> str:
    """The SQL that renders a row as the JSON object that travels (references as uids; an
    unordered pair smaller uid first, as every device orders it alike)."""
    values = {name: _value_sql(spec, name, blob, row) for name, blob in cols if name != "uid"}
    if spec.unordered:
        first, second = spec.key
        values[first], values[second] = (
            f"min({values[first]}, {values[second]})",
            f"max({values[first]}, {values[second]})",
        )
    parts = [f"'{spec.field_name(name)}', {value}" for name, value in values.items()]
    return "json_object(" + ", ".join(parts) + ")"


def key_sql(spec: TableSpec, row: str) -> str:
    """The SQL that computes a row's key (NULL when a row it points to is already gone)."""
    if spec.due_keys:
        return due_keys.travelling_key_sql(row)
    parts = [f"CAST({_value_sql(spec, column, False, row)} AS TEXT)" for column in spec.key]
    if spec.unordered:
        first, second = parts
        return (
            f"CASE WHEN {first} < {second} THEN {first} || '/' || {second} "
            f"ELSE {second} || '/' || {first} END"
        )
    return " || '/' || ".join(parts)


def install_triggers(connection: sqlite3.Connection) -> None:
    """(Re)create the capture triggers of every table that travels, from its current columns."""
    on = "WHEN (SELECT enabled AND NOT applying FROM sync_state)"
    outbox = "INSERT INTO sync_outbox (tbl, old_key, key, old, new, hlc)"
    for spec in SPECS:
        cols = travelling_columns(connection, spec)
        changed = " OR ".join(f'OLD."{name}" IS NOT NEW."{name}"' for name, _ in cols)
        old, new = row_json_sql(spec, cols, "OLD."), row_json_sql(spec, cols, "NEW.")
        old_key, new_key = key_sql(spec, "OLD."), key_sql(spec, "NEW.")
        local = ", ".join(f"'{key}'" for key in sorted(spec.local_keys))
        new_on = f'{on} AND NEW."{spec.key[0]}" NOT IN ({local})' if local else on
        old_on = f'{on} AND OLD."{spec.key[0]}" NOT IN ({local})' if local else on
        values = {
            "insert": (new_on, f"NULL, {new_key}, NULL, {new}"),
            "update": (f"{new_on} AND ({changed})", f"{old_key}, {new_key}, {old}, {new}"),
            "delete": (old_on, f"{old_key}, {old_key}, {old}, NULL"),
        }
        for event, (when, row) in values.items():
            name = f"sync_capture_{spec.name}_{event}"
            connection.execute(f"DROP TRIGGER IF EXISTS {name}")
            connection.execute(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {spec.name} {when} BEGIN\n"
                f"    {TICK_SQL};\n"
                f"    {outbox} SELECT '{spec.name}', {row}, ({STAMP_SQL});\n"
                "END"
            )


def create_tables(connection: sqlite3.Connection) -> None:
    """Revision 0015's tables and the capture triggers; the device id is made when sync is
    switched on (``JournalSync.enable``)."""
    for statement in TABLES_SQL:
        connection.execute(statement)
    connection.execute("INSERT INTO sync_state (id, device) VALUES (1, '')")
    install_triggers(connection)
