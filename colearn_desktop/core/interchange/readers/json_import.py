"""Reading our JSON journal export back.

Into an *empty* journal it is a restore: every table, every column, with the original ids (no
other rows exist, so none need remapping and keys such as ``cadence:42`` stay valid).  Rows of
the few tables a new journal may already hold (settings, built-in referral templates) are
merged: a setting is replaced, a template with the same ``builtin_key`` is updated in place and
references to it follow its id.  Foreign keys are checked at commit, so rows may point forward.

Into a journal that already has contacts, only the contacts are taken (with e-mails, phones,
tags, photos and who referred them), through the same duplicate matching as any import; the
report says that the history was left out.
"""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Table

from colearn_desktop.core.contact_fields import (
    TEXT_FIELDS,
    Birthday,
    contact_input,
)
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.interchange.builder import finish
from colearn_desktop.core.interchange.readers.json_parts import ContactParts, contact_parts
from colearn_desktop.core.interchange.readers.json_stream import JournalExport
from colearn_desktop.core.interchange.record import ImportFileError, ImportRecord
from colearn_desktop.core.interchange.writers.json_export import _binary_columns, journal_tables
from colearn_desktop.core.storage.models import new_uid

# Tables a brand-new journal may already have rows in; they do not make it "not empty".
PRESEEDED = {"setting", "referral_template"}


def journal_is_empty(connection: sqlite3.Connection) -> bool:
    for table in journal_tables():
        if table.name in PRESEEDED:
            continue
        if connection.execute(f'SELECT 1 FROM "{table.name}" LIMIT 1').fetchone():
            return False
    return True


def contact_records(
    export: JournalExport, today: date, counts: dict[str, int] | None = None
) -> Iterator[ImportRecord]:
    """The contacts of an export as import records.  Two reads of the file: what belongs to
    the contacts (e-mails, phones, links, tags, photos, names: into a scratch database, see
    :mod:`.json_parts`), then the contacts themselves; conversations and the rest are never
    held.  ``counts`` gets every table's number of rows from the first read (complete once
    the first record is out)."""
    with contact_parts(export, counts) as parts:
        for number, (_table, row) in enumerate(export.rows({"contact"}), start=1):
            yield _contact_record(number, row, parts, today)


def _contact_record(
    number: int, row: dict[str, Any], parts: ContactParts, today: date
) -> ImportRecord:
    key = row.get("id")
    month, day = row.get("birthday_month"), row.get("birthday_day")
    birthday = Birthday(month, day, row.get("birthday_year")) if month and day else None
    try:
        stage = Stage(row.get("stage") or "network")
    except ValueError:
        stage = Stage.NETWORK
    data = contact_input(
        # An export from before a field existed has no key for it: the field stays empty.
        {f.name: str(row.get(f.column) or "") for f in TEXT_FIELDS},
        parts.lists(key),
        birthday=birthday,
        stage=stage,
        cadence_days=row.get("cadence_days"),
        tags=parts.tags(key),
    )
    record = ImportRecord(number, data, parts.photo(key))
    referrer = row.get("referred_by_id")
    if referrer is not None:
        record.referred_by, record.referred_by_uid = parts.contact(referrer)
    record.uid = str(row.get("uid") or "")
    finish(record, today)
    return record


def _decode(table: Table, row: dict[str, Any], columns: list[str]) -> list[Any]:
    binary = _binary_columns(table)
    return [
        base64.b64decode(row[c])
        if c in binary and row.get(c) is not None
        else _value(table, row, c)
        for c in columns
    ]


def _value(table: Table, row: dict[str, Any], column: str) -> Any:
    """A column an older export does not have (a field added since) gets its default, as
    the migration that added it gave every existing row."""
    if column in row:
        return row[column]
    if column == "uid":  # an export from before ids: each row gets a new one
        return new_uid()
    default = table.c[column].server_default
    return getattr(default, "arg", None)


# Read first, so that rows referring to a template follow the id it has in this journal.
_FIRST = ("setting", "referral_template")
_BATCH = 1000


def restore(
    connection: sqlite3.Connection, export: JournalExport
) -> dict[str, tuple[int, int, int]]:
    """Insert every table of ``export``; returns per table (rows, lowest id, highest id) of
    what was inserted.  Runs inside the caller's transaction; raises ImportFileError when the
    data breaks the journal's rules (the caller's rollback then leaves nothing behind).  Rows
    go in as they are read, a thousand at a time."""
    connection.execute("PRAGMA defer_foreign_keys = ON")
    known = {table.name: table for table in journal_tables()}
    remap: dict[str, dict[Any, Any]] = {}
    inserted: dict[str, tuple[int, int, int]] = {}
    shapes: dict[str, tuple[list[str], dict[str, str]]] = {}

    def flush(name: str, values: list[dict[str, Any]]) -> None:
        table = known[name]
        columns, _foreign = shapes[name]
        try:
            _insert(connection, table, columns, values, remap)
        except sqlite3.Error as error:
            raise ImportFileError(
                f"The {name} rows of the file break the journal's rules ({error}); "
                "nothing was imported."
            ) from error
        ids = [v["id"] for v in values if isinstance(v.get("id"), int)]
        count, low, high = inserted.get(name, (0, 0, 0))
        if ids:
            low = min(ids) if not low else min(low, *ids)
            high = max(high, *ids)
        inserted[name] = (count + len(values), low, high)

    for wanted in (set(_FIRST), set(known) - set(_FIRST)):
        current = ""
        batch: list[dict[str, Any]] = []
        for name, row in export.rows(wanted):
            if name != current or len(batch) >= _BATCH:
                if batch:
                    flush(current, batch)
                current, batch = name, []
            if name not in shapes:
                shapes[name] = _shape(connection, known[name])
            columns, foreign = shapes[name]
            decoded = dict(zip(columns, _decode(known[name], row, columns), strict=True))
            for column, target in foreign.items():
                if decoded[column] is not None and target in remap:
                    decoded[column] = remap[target].get(decoded[column], decoded[column])
            batch.append(decoded)
        if batch:
            flush(current, batch)
    _check_references(connection, set(inserted))
    return inserted


def _check_references(connection: sqlite3.Connection, tables: set[str]) -> None:
    """Foreign keys are checked at the commit (deferred: the file's tables come in any
    order), where a row pointing at nothing would end in a bare IntegrityError.  Checked here
    instead, so the message names the table, the row and what it points at."""
    for table in sorted(tables):
        found = connection.execute(f'PRAGMA foreign_key_check("{table}")').fetchone()
        if found is None:
            continue
        _table, rowid, parent, key_number = found
        keys = connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        column = next(str(k[3]) for k in keys if k[0] == key_number)
        row_id, value = connection.execute(
            f'SELECT rowid, "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)
        ).fetchone()
        raise ImportFileError(
            f"The file's {table} row with id {row_id} points to {parent} {value} "
            f"({column}), which is not in the file; nothing was imported. Export the "
            "journal again, or remove that row from the file."
        )


def _shape(connection: sqlite3.Connection, table: Table) -> tuple[list[str], dict[str, str]]:
    """The columns of ``table`` this journal has, and which of them refer to which table."""
    existing = {r[1] for r in connection.execute(f'PRAGMA table_info("{table.name}")')}
    columns = [c.name for c in table.columns if c.name in existing]
    foreign = {
        fk.parent.name: fk.column.table.name
        for fk in table.foreign_keys
        if fk.parent.name in columns
    }
    return columns, foreign


def _insert(
    connection: sqlite3.Connection,
    table: Table,
    columns: list[str],
    values: list[dict[str, Any]],
    remap: dict[str, dict[Any, Any]],
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    rows = [[v[c] for c in columns] for v in values]
    if table.name == "setting":
        connection.executemany(
            f"INSERT INTO setting ({names}) VALUES ({marks}) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            rows,
        )
    elif table.name == "referral_template":
        mapping = remap.setdefault(table.name, {})
        for value in values:
            mapping[value["id"]] = _merge_template(connection, columns, value)
    else:
        connection.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def _merge_template(
    connection: sqlite3.Connection, columns: list[str], value: dict[str, Any]
) -> int:
    """A built-in template the new journal already has is updated in place; any other
    template keeps its id when free, else gets a new one.  Returns the id it has now."""
    others = [c for c in columns if c != "id"]
    builtin = value.get("builtin_key")
    if builtin is not None:
        found = connection.execute(
            "SELECT id FROM referral_template WHERE builtin_key = ?", (builtin,)
        ).fetchone()
        if found is not None:
            sets = ", ".join(f'"{c}" = ?' for c in others)
            connection.execute(
                f"UPDATE referral_template SET {sets} WHERE id = ?",
                [*(value[c] for c in others), found[0]],
            )
            updated: int = found[0]
            return updated
    taken = connection.execute(
        "SELECT 1 FROM referral_template WHERE id = ?", (value["id"],)
    ).fetchone()
    keep = [c for c in columns if c != "id" or not taken]
    cursor = connection.execute(
        f"INSERT INTO referral_template ({', '.join(keep)}) VALUES ({', '.join('?' * len(keep))})",
        [value[c] for c in keep],
    )
    if not taken:
        kept: int = value["id"]
        return kept
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid
