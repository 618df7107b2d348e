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
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from ..enums import Stage
from ..records import Birthday, ContactInput, Labelled
from .builder import finish
from .formats import JSON_MARK
from .json_export import FORMAT_VERSION, _binary_columns, journal_tables
from .record import ImportFileError, ImportRecord, Photo

# Tables a brand-new journal may already have rows in; they do not make it "not empty".
PRESEEDED = {"setting", "referral_template"}


def load_document(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            document = json.load(handle)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); it may be cut short. Nothing was imported.",
            error.lineno,
        ) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path.name} is not UTF-8 text, so it is not our JSON.") from error
    if not isinstance(document, dict) or document.get("format") != JSON_MARK:
        raise ImportFileError(f"{path.name} is JSON, but not a CoLearn journal export.")
    if not isinstance(document.get("version"), int) or document["version"] > FORMAT_VERSION:
        raise ImportFileError(
            f"{path.name} was written by a newer CoLearn (export format "
            f"{document.get('version')!r}); install the newer version to import it."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        for rows in tables.values()
    ):
        raise ImportFileError(f"{path.name} has no readable tables; nothing was imported.")
    return document


def journal_is_empty(connection: sqlite3.Connection) -> bool:
    for table in journal_tables():
        if table.name in PRESEEDED:
            continue
        if connection.execute(f'SELECT 1 FROM "{table.name}" LIMIT 1').fetchone():
            return False
    return True


def contact_records(document: dict[str, Any], today: date) -> Iterator[ImportRecord]:
    """The contacts of an export as import records (for a journal that is not empty)."""
    tables = document["tables"]
    emails: dict[Any, list[Labelled]] = {}
    for row in sorted(tables.get("contact_email", []), key=lambda r: r.get("position") or 0):
        emails.setdefault(row.get("contact_id"), []).append(
            Labelled(str(row.get("address", "")), str(row.get("label", "")))
        )
    phones: dict[Any, list[Labelled]] = {}
    for row in sorted(tables.get("contact_phone", []), key=lambda r: r.get("position") or 0):
        phones.setdefault(row.get("contact_id"), []).append(
            Labelled(str(row.get("number", "")), str(row.get("label", "")))
        )
    tag_names = {t.get("id"): str(t.get("name", "")) for t in tables.get("tag", [])}
    tags: dict[Any, list[str]] = {}
    for row in tables.get("contact_tag", []):
        tags.setdefault(row.get("contact_id"), []).append(tag_names.get(row.get("tag_id"), ""))
    photos = {p.get("contact_id"): p for p in tables.get("contact_photo", [])}
    contacts = tables.get("contact", [])
    names = {c.get("id"): str(c.get("display_name", "")) for c in contacts}
    for number, row in enumerate(contacts, start=1):
        yield _contact_record(number, row, emails, phones, tags, photos, names, today)


def _contact_record(number, row, emails, phones, tags, photos, names, today) -> ImportRecord:
    key = row.get("id")
    month, day = row.get("birthday_month"), row.get("birthday_day")
    birthday = Birthday(month, day, row.get("birthday_year")) if month and day else None
    try:
        stage = Stage(row.get("stage") or "network")
    except ValueError:
        stage = Stage.NETWORK
    data = ContactInput(
        given_name=str(row.get("given_name") or ""),
        family_name=str(row.get("family_name") or ""),
        name=str(row.get("name") or ""),
        company=str(row.get("company") or ""),
        job_title=str(row.get("job_title") or ""),
        emails=tuple(emails.get(key, ())),
        phones=tuple(phones.get(key, ())),
        address=str(row.get("address") or ""),
        website=str(row.get("website") or ""),
        birthday=birthday,
        stage=stage,
        cadence_days=row.get("cadence_days"),
        how_met=str(row.get("how_met") or ""),
        notes=str(row.get("notes") or ""),
        tags=tuple(t for t in tags.get(key, ()) if t),
    )
    photo = None
    if key in photos and photos[key].get("data"):
        photo = Photo(str(photos[key].get("mime_type", "")), base64.b64decode(photos[key]["data"]))
    record = ImportRecord(number, data, photo)
    record.referred_by = names.get(row.get("referred_by_id"), "")
    finish(record, today)
    return record


def _decode(table: Table, row: dict[str, Any], columns: list[str]) -> list[Any]:
    binary = _binary_columns(table)
    return [
        base64.b64decode(row[c]) if c in binary and row.get(c) is not None else row.get(c)
        for c in columns
    ]


def restore(
    connection: sqlite3.Connection, document: dict[str, Any]
) -> dict[str, tuple[int, int, int]]:
    """Insert every table of ``document``; returns per table (rows, lowest id, highest id) of
    what was inserted.  Runs inside the caller's transaction; raises ImportFileError when the
    data breaks the journal's rules (the caller's rollback then leaves nothing behind)."""
    connection.execute("PRAGMA defer_foreign_keys = ON")
    tables = document["tables"]
    remap: dict[str, dict[Any, Any]] = {}
    inserted: dict[str, tuple[int, int, int]] = {}
    for table in journal_tables():
        rows = tables.get(table.name, [])
        if not rows:
            continue
        existing = {r[1] for r in connection.execute(f'PRAGMA table_info("{table.name}")')}
        columns = [c.name for c in table.columns if c.name in existing]
        foreign = {
            fk.parent.name: fk.column.table.name
            for fk in table.foreign_keys
            if fk.parent.name in columns
        }
        values = []
        for row in rows:
            decoded = dict(zip(columns, _decode(table, row, columns), strict=True))
            for column, target in foreign.items():
                if decoded[column] is not None and target in remap:
                    decoded[column] = remap[target].get(decoded[column], decoded[column])
            values.append(decoded)
        try:
            _insert(connection, table, columns, values, remap)
        except sqlite3.Error as error:
            raise ImportFileError(
                f"The {table.name} rows of the file break the journal's rules ({error}); "
                "nothing was imported."
            ) from error
        ids = [v["id"] for v in values if isinstance(v.get("id"), int)]
        inserted[table.name] = (len(values), min(ids, default=0), max(ids, default=0))
    return inserted


def _insert(connection, table, columns, values, remap) -> None:
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


def _merge_template(connection: sqlite3.Connection, columns: list[str], value: dict) -> int:  # type: ignore[type-arg]
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
            return found[0]
    taken = connection.execute(
        "SELECT 1 FROM referral_template WHERE id = ?", (value["id"],)
    ).fetchone()
    keep = [c for c in columns if c != "id" or not taken]
    cursor = connection.execute(
        f"INSERT INTO referral_template ({', '.join(keep)}) VALUES ({', '.join('?' * len(keep))})",
        [value[c] for c in keep],
    )
    return cursor.lastrowid if taken else value["id"]  # type: ignore[return-value]
