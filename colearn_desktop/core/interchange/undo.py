"""Import batches: listing them and undoing one exactly.

Undo removes the contacts the batch created and takes back what its merges added — each
filled field only if it still holds the imported value, each added e-mail, phone, tag and photo
only if it is still there — so anything the user changed since stays as they left it.  It is
refused (nothing changed) when a contact the batch created has history of its own since (a
conversation, favour, purchase, reminder or referral ask): deleting it would take that with it.
Like an import, an undo is preceded by a backup and runs in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, children
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Topic
from colearn_desktop.core.interchange.writer import sql_stamp
from colearn_desktop.core.interchange.writers.json_export import journal_tables
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import metadata
from colearn_desktop.core.text import display_name, fold

_HISTORY = (
    ("conversation_contact", "conversations"),
    ("favour", "favours"),
    ("purchase", "purchases"),
    ("reminder", "reminders"),
    ("referral_ask", "referral asks"),
)
_DEFAULTS = {
    c.name: ("" if c.server_default is not None and c.nullable is False else None)
    for c in metadata.tables["contact"].columns
}


@dataclass(frozen=True)
class BatchView:
    id: int
    created_at: datetime
    source_name: str
    format: str
    new: int
    merged: int
    skipped: int
    undone_at: datetime | None

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def list_batches(ctx: ServiceContext) -> list[BatchView]:
    with ctx.db.read_raw() as connection:
        rows = connection.execute(
            "SELECT id, created_at, source_name, format, new_count, merged_count, skipped_count, "
            "undone_at FROM import_batch ORDER BY id DESC"
        ).fetchall()
    return [
        BatchView(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], _when(r[7]))
        for r in rows
    ]


def _created_ids(connection: sqlite3.Connection, batch_id: int) -> list[int]:
    ids = [
        r[0]
        for r in connection.execute(
            "SELECT entity_id FROM import_batch_item WHERE batch_id = ? AND entity = 'contact' "
            "AND action = 'new'",
            (batch_id,),
        )
    ]
    for low, high in connection.execute(
        "SELECT json_extract(detail, '$.min'), json_extract(detail, '$.max') "
        "FROM import_batch_item WHERE batch_id = ? AND entity = 'contact' AND action = 'restore'",
        (batch_id,),
    ):
        ids.extend(
            r[0]
            for r in connection.execute(
                "SELECT id FROM contact WHERE id BETWEEN ? AND ?", (low, high)
            )
        )
    return ids


def _check_history(connection: sqlite3.Connection, batch_id: int, ids: list[int]) -> None:
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS undo_ids (id INTEGER PRIMARY KEY)")
    connection.execute("DELETE FROM undo_ids")
    connection.executemany("INSERT INTO undo_ids VALUES (?)", [(i,) for i in ids])
    ranges = {
        entity: (low, high)
        for entity, low, high in connection.execute(
            "SELECT entity, json_extract(detail, '$.min'), json_extract(detail, '$.max') "
            "FROM import_batch_item WHERE batch_id = ? AND action = 'restore'",
            (batch_id,),
        )
    }
    for table, words in _HISTORY:
        own = "conversation_id" if table == "conversation_contact" else "id"
        owner = "conversation" if table == "conversation_contact" else table
        low, high = ranges.get(owner, (0, -1))
        found = connection.execute(
            f"SELECT c.display_name, count(*) FROM {table} h JOIN contact c ON c.id = h.contact_id "
            f"WHERE h.contact_id IN (SELECT id FROM undo_ids) AND h.{own} NOT BETWEEN ? AND ? "
            "GROUP BY c.id ORDER BY c.sort_name LIMIT 3",
            (low, high),
        ).fetchall()
        if found:
            names = ", ".join(name for name, _ in found)
            raise ValidationError.single(
                "batch",
                f"{names} now {'has' if len(found) == 1 else 'have'} {words} added after the "
                "import; undoing it would delete them. Archive those contacts instead, or move "
                "their history first.",
            )


def _revert_merge(connection: sqlite3.Connection, contact_id: int, detail: dict[str, Any]) -> None:
    filled = {
        k: v for k, v in detail.get("filled", {}).items() if k not in {"display_name", "sort_name"}
    }
    for column, value in filled.items():
        connection.execute(
            f"UPDATE contact SET {column} = ? WHERE id = ? AND {column} IS ?",
            (_DEFAULTS.get(column), contact_id, value),
        )
    if {"given_name", "family_name"} & set(filled):
        row = connection.execute(
            "SELECT given_name, family_name, name FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        if row is not None:
            shown = display_name(*row)
            connection.execute(
                "UPDATE contact SET display_name = ?, sort_name = ? WHERE id = ?",
                (shown, fold(shown), contact_id),
            )
    for listed in LABELLED_FIELDS:
        child = children(listed)
        connection.executemany(
            f"DELETE FROM {child.table} WHERE contact_id = ? AND {child.key_column} = ?",
            [(contact_id, k) for k in detail.get(listed.name, [])],
        )
    connection.executemany(
        "DELETE FROM contact_tag WHERE contact_id = ? AND tag_id = ?",
        [(contact_id, t) for t in detail.get("tags", [])],
    )
    if "photo" in detail:
        row = connection.execute(
            "SELECT data FROM contact_photo WHERE contact_id = ?", (contact_id,)
        ).fetchone()
        if row is not None and hashlib.sha256(row[0]).hexdigest() == detail["photo"]:
            connection.execute("DELETE FROM contact_photo WHERE contact_id = ?", (contact_id,))
    if "referred_by_id" in detail:
        connection.execute(
            "UPDATE contact SET referred_by_id = NULL WHERE id = ? AND referred_by_id = ?",
            (contact_id, detail["referred_by_id"]),
        )


def undo_batch(
    ctx: ServiceContext, backup: Callable[[str], Path | None], batch_id: int
) -> Path | None:
    """Undo import ``batch_id``; returns the backup taken first (None: nothing to lose)."""
    with ctx.db.read_raw() as connection:
        row = connection.execute(
            "SELECT undone_at FROM import_batch WHERE id = ?", (batch_id,)
        ).fetchone()
    if row is None:
        raise NotFoundError(f"there is no import {batch_id}")
    if row[0] is not None:
        raise ValidationError.single("batch", f"import {batch_id} was already undone")
    made = backup("undo-import")
    with ctx.db.raw(f"Undo import {batch_id}") as connection:
        connection.execute("PRAGMA defer_foreign_keys = ON")
        created = _created_ids(connection, batch_id)
        _check_history(connection, batch_id, created)
        items = connection.execute(
            "SELECT entity, entity_id, action, detail FROM import_batch_item "
            "WHERE batch_id = ? ORDER BY id DESC",
            (batch_id,),
        ).fetchall()
        for entity, entity_id, action, detail in items:
            if entity == "contact" and action in {"merge", "referrer"}:
                _revert_merge(connection, entity_id, json.loads(detail))
        connection.executemany("DELETE FROM contact WHERE id = ?", [(i,) for i in created])
        ranges = {e: json.loads(d) for e, _, a, d in items if a == "restore"}
        for table in reversed(journal_tables()):
            if table.name in ranges and table.name != "contact":
                span = ranges[table.name]
                connection.execute(
                    f'DELETE FROM "{table.name}" WHERE id BETWEEN ? AND ?',
                    (span["min"], span["max"]),
                )
        connection.executemany(
            "DELETE FROM tag WHERE id = ? "
            "AND NOT EXISTS (SELECT 1 FROM contact_tag WHERE tag_id = tag.id)",
            [
                (entity_id,)
                for entity, entity_id, action, _ in items
                if entity == "tag" and action == "new"
            ],
        )
        connection.execute(
            "UPDATE import_batch SET undone_at = ? WHERE id = ?",
            (sql_stamp(ctx.clock.utcnow()), batch_id),
        )
    ctx.changed(Topic.CONTACTS, action=Action.DELETED | Action.UPDATED)
    ctx.changed(Topic.TAGS, action=Action.DELETED)
    ctx.changed(Topic.IMPORTS, batch_id)
    return made
