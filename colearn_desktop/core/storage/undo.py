"""``journal.undo``: undo and redo the user's operations, newest first, from the journal's log.

Every named write records its row changes (see :mod:`undo_log`), so the window's Ctrl+Z and
``colearn undo`` undo the same most recent operation, whichever of them made it.  An undo
writes each row it touched back to how it was before the operation, in one transaction; the
cache and search triggers follow.  It first checks that every such row is still as the
operation left it: when something changed one since (a change that was not recorded, or
another program), the undo is refused with a sentence and nothing is written — never half
applied.  A redo is the same in the other direction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.undo_log import columns, row_json

_TOPICS = {
    "contact": ("contacts",),
    "contact_email": ("contacts",),
    "contact_phone": ("contacts",),
    "contact_photo": ("contacts",),
    "tag": ("tags", "contacts"),
    "contact_tag": ("tags", "contacts"),
    "conversation": ("conversations",),
    "conversation_contact": ("conversations", "contacts"),
    "favour": ("favours",),
    "favour_settlement": ("favours",),
    "purchase": ("purchases",),
    "reminder": ("reminders",),
    "due_item_state": ("reminders",),
    "setting": ("settings",),
    "referral_template": ("referrals",),
    "referral_ask": ("referrals",),
    "contact_referral_state": ("referrals",),
    "import_batch": ("imports",),
    "import_batch_item": ("imports",),
    "not_same_person": ("contacts",),
}
_ROW_WORDS = {
    "contact": "contact",
    "contact_email": "e-mail address",
    "contact_phone": "phone number",
    "contact_photo": "photo",
    "contact_tag": "tag on a contact",
    "conversation_contact": "person in a conversation",
    "favour_settlement": "favour's settlement",
    "due_item_state": "Today item",
    "referral_template": "referral template",
    "referral_ask": "referral ask",
    "contact_referral_state": "referral thank-you",
    "import_batch": "import",
    "import_batch_item": "imported row",
    "not_same_person": '"not the same person" mark',
}


# Link tables whose caches follow inserts and deletes only: a row that changed is written
# back by deleting and inserting it.
_LINKS = frozenset({"contact_tag", "conversation_contact"})


class UndoError(JournalError):
    """Nothing to undo or redo, or the journal changed since: nothing was written."""


@dataclass(frozen=True)
class UndoStep:
    """One recorded operation: ``label`` is what the user did ("Log conversation with Ana");
    ``done_at`` is in UTC."""

    id: int
    label: str
    done_at: datetime
    undone: bool


# A row's net change in one operation: its values before and after (None: no such row), and
# where its first and last changes are in the log.
_Change = tuple[dict | None, dict | None, int, int]  # type: ignore[type-arg]


class UndoService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def history(self, limit: int = 20) -> list[UndoStep]:
        """The newest operations first (undone ones, which redo brings back, included)."""
        with self._ctx.db.read_raw() as connection:
            rows = connection.execute(
                "SELECT id, label, done_at, undone FROM undo_step ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [UndoStep(i, label, _when(at), bool(u)) for i, label, at, u in rows]

    def next_undo(self) -> UndoStep | None:
        """The operation Undo would take back (the most recent one not undone)."""
        return self._next(undone=False)

    def next_redo(self) -> UndoStep | None:
        """The operation Redo would do again (the one undone last)."""
        return self._next(undone=True)

    def _next(self, *, undone: bool) -> UndoStep | None:
        order = "ASC" if undone else "DESC"
        with self._ctx.db.read_raw() as connection:
            row = connection.execute(
                f"SELECT id, label, done_at, undone FROM undo_step WHERE undone = ? "
                f"ORDER BY id {order} LIMIT 1",
                (int(undone),),
            ).fetchone()
        return None if row is None else UndoStep(row[0], row[1], _when(row[2]), bool(row[3]))

    def undo(self) -> UndoStep:
        """Undo the most recent operation; returns it.  Raises :class:`UndoError` (nothing
        written) when there is none or a row it changed was changed since."""
        return self._replay(redo=False)

    def redo(self) -> UndoStep:
        """Do again the operation undone last; returns it."""
        return self._replay(redo=True)

    def _replay(self, *, redo: bool) -> UndoStep:
        """Undo the newest operation not undone, or redo the one undone last."""
        topics: set[str] = set()
        with self._ctx.db.raw() as connection:
            connection.execute("PRAGMA defer_foreign_keys = ON")
            order = "ASC" if redo else "DESC"
            row = connection.execute(
                f"SELECT id, label, done_at, first_seq, last_seq, kept FROM undo_step "
                f"WHERE undone = ? ORDER BY id {order} LIMIT 1",
                (int(redo),),
            ).fetchone()
            if row is None:
                raise UndoError(f"There is nothing to {'redo' if redo else 'undo'}.")
            step_id, label, done_at, first, last, kept = row
            if not kept:
                raise UndoError(
                    f'"{label}" changed too many rows to be undone here, and nothing before it '
                    "can be undone either. Nothing was changed. An import can be undone from "
                    "the list of imports (File ▸ Import contacts…, or colearn undo-import); "
                    "anything else by restoring a backup from before it."
                )
            changes = _net_changes(connection, first, last)
            verb = "redo" if redo else "undo"
            shapes: dict[str, str] = {}  # each table's row as JSON, as its triggers render it
            for (table, row_id), (before, after, *_) in changes.items():
                if table not in shapes:
                    shapes[table] = row_json(columns(connection, table), "")
                if not _is_still(
                    connection, table, row_id, shapes[table], before if redo else after
                ):
                    what = _ROW_WORDS.get(table, table.replace("_", " "))
                    raise UndoError(
                        f'Could not {verb} "{label}": a {what} it changed (row {row_id}) was '
                        "changed since by something that is not in the undo history. Nothing "
                        "was changed; make the change by hand, or restore a backup."
                    )
                topics.update(_TOPICS.get(table, ()))
            _write_back(connection, changes, forward=redo)
            connection.execute(
                "UPDATE undo_step SET undone = ? WHERE id = ?", (int(not redo), step_id)
            )
        for topic in sorted(topics):
            self._ctx.changed(Topic(topic))
        return UndoStep(step_id, label, _when(done_at), not redo)


def _when(text: str) -> datetime:
    """The step's time, stored by SQLite in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _net_changes(connection: sqlite3.Connection, first: int, last: int) -> dict:  # type: ignore[type-arg]
    """Each row's state before the operation's first change to it and after its last one."""
    changes: dict[tuple[str, int], _Change] = {}
    for seq, table, row_id, old, new in connection.execute(
        "SELECT seq, tbl, row_id, old, new FROM undo_entry WHERE seq BETWEEN ? AND ? ORDER BY seq",
        (first, last),
    ):
        after = json.loads(new) if new is not None else None
        key = (table, row_id)
        if key in changes:
            changes[key] = (changes[key][0], after, changes[key][2], seq)
        else:
            changes[key] = (json.loads(old) if old else None, after, seq, seq)
    return {key: change for key, change in changes.items() if change[0] != change[1]}


def _is_still(
    connection: sqlite3.Connection,
    table: str,
    row_id: int,
    shape: str,
    expected: dict | None,  # type: ignore[type-arg]
) -> bool:
    """Whether the row is as ``expected`` (None: absent), on the columns recorded."""
    found = connection.execute(f'SELECT {shape} FROM "{table}" WHERE rowid = ?', (row_id,))
    row = found.fetchone()
    current = json.loads(row[0]) if row is not None else None
    if expected is None or current is None:
        return expected is None and current is None
    return all(current.get(k) == v for k, v in expected.items() if k in current)


def _write_back(connection: sqlite3.Connection, changes: dict, *, forward: bool) -> None:  # type: ignore[type-arg]
    """Put every row in its ``after`` (redo) or ``before`` (undo) state: updates first (so
    no row still points at a row about to be deleted, whose cascade would take it along),
    then deletes, then inserts (so a unique key freed by one row is free for the next)."""
    plans: list[tuple[int, str, int, dict | None]] = []  # type: ignore[type-arg]
    # Undo goes back through the operation's changes, redo forward: a parent deleted last
    # is inserted first again, so the caches' triggers find it when its children come back.
    ordered = sorted(changes.items(), key=lambda c: c[1][3] if forward else -c[1][2])
    for (table, row_id), (before, after, *_) in ordered:
        wanted, present = (after, before) if forward else (before, after)
        if wanted is not None and present is not None and table in _LINKS:
            plans += [(1, table, row_id, None), (2, table, row_id, wanted)]
        else:
            rank = 1 if wanted is None else (0 if present is not None else 2)
            plans.append((rank, table, row_id, wanted))
    plans.sort(key=lambda plan: plan[0])
    blobs: dict[str, set[str]] = {}
    for rank, table, row_id, wanted in plans:
        if wanted is None:
            connection.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (row_id,))
            continue
        if table not in blobs:
            blobs[table] = {name for name, blob in columns(connection, table) if blob}
        values = {
            k: (bytes.fromhex(v) if k in blobs[table] and v is not None else v)
            for k, v in wanted.items()
        }
        names = list(values)
        if rank == 0:
            assignments = ", ".join(f'"{n}" = ?' for n in names)
            connection.execute(
                f'UPDATE "{table}" SET {assignments} WHERE rowid = ?',
                [*values.values(), row_id],
            )
        else:
            quoted = ", ".join(f'"{n}"' for n in names)
            marks = ", ".join("?" for _ in names)
            connection.execute(
                f'INSERT INTO "{table}" (rowid, {quoted}) VALUES (?, {marks})',
                [row_id, *values.values()],
            )
