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
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import roomy_cache
from colearn_desktop.core.storage.undo_log import DERIVED_COLUMNS, columns, row_json

_TOPICS = {
    "contact": ("contacts",),
    "contact_email": ("contacts",),
    "contact_phone": ("contacts",),
    "contact_photo": ("contacts",),
    "tag": ("tags", "contacts"),
    "contact_tag": ("tags", "contacts"),
    "conversation": ("conversations",),
    # (A talk's people and the last contact it moves, as logging it publishes them: not
    # "contacts", which makes the list count every tag's contacts again.)
    "conversation_contact": ("conversations",),
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


# A row written back by an insert after the rows that point to it were written back (undoing
# a merge points favours and purchases at the merged contact before it exists again): the
# triggers those rows fired found no parent, so the parent's column named here is set again,
# which runs the triggers that keep its children's cached values.
_TOUCH_AFTER_INSERT = {"contact": "last_contact_at"}
# Link tables whose caches follow inserts and deletes only: a row that changed is written
# back by deleting and inserting it.
_LINKS = frozenset({"contact_tag", "conversation_contact"})


# Writes many rows of a link table back with the caches of the contacts they name brought up
# to date once, set-based, instead of by each row's triggers (the facade hands in the tag
# links' one: 0.8 ms a link otherwise, 25 s to undo tagging 30,000 contacts).
BatchWriter = Callable[[sqlite3.Connection, Collection[int]], AbstractContextManager[None]]

# For a row written back (table, its values): the kinds of due items it feeds and the
# contacts their item is about, or None when it may change any kind (the facade hands in
# core/due/undo_scope.due_scope), so undoing D or T on Today is announced as narrowly as
# the D or T was: Today runs that one rule again, another contact's page keeps its rows.
DueScope = Callable[
    [sqlite3.Connection, str, Mapping[str, Any]], tuple[frozenset[str], frozenset[int]] | None
]


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
    def __init__(
        self,
        ctx: ServiceContext,
        batched: Mapping[str, tuple[str, BatchWriter]] | None = None,
        due_scope: DueScope | None = None,
    ):
        """``batched``: for a table, the column naming the contact of each row and the
        writer that writes such rows back set-based (see :data:`BatchWriter`);
        ``due_scope``: see :data:`DueScope`."""
        self._ctx = ctx
        self._batched = dict(batched or {})
        self._due_scope = due_scope

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
                own = table == "contact" and _only_own_columns(before, after)
                topics.update(("conversations",) if own else _TOPICS.get(table, ()))
            scopes = self._scopes(connection, changes)
            concerned = _contacts_of(connection, changes, scopes)
            kinds = _due_kinds(scopes)
            with roomy_cache(connection), self._batch(connection, changes):
                _write_back(connection, changes, forward=redo)
            connection.execute(
                "UPDATE undo_step SET undone = ? WHERE id = ?", (int(not redo), step_id)
            )
        for topic in sorted(topics):
            self._ctx.changed(Topic(topic), contacts=concerned, due_kinds=kinds)
        return UndoStep(step_id, label, _when(done_at), not redo)

    def _scopes(self, connection: sqlite3.Connection, changes: dict) -> dict:  # type: ignore[type-arg]
        """Each changed row's :data:`DueScope` answer (None for all without a ``due_scope``)."""
        scope = self._due_scope
        return {
            key: scope(connection, key[0], after or before or {}) if scope else None
            for key, (before, after, *_) in changes.items()
        }

    def _batch(self, connection: sqlite3.Connection, changes: dict) -> ExitStack:  # type: ignore[type-arg]
        """The batch writers of the tables ``changes`` writes back, entered."""
        stack = ExitStack()
        for table, (column, writer) in self._batched.items():
            contacts = {
                state[column]
                for (name, _row), (before, after, *_) in changes.items()
                if name == table
                for state in (before, after)
                if state is not None
            }
            if contacts:
                stack.enter_context(writer(connection, contacts))
        return stack


# The columns that name the contact a row belongs to.
_CONTACT_COLUMNS = ("contact_id", "contact_a", "contact_b")
# A contact's columns that show on its own page only (its name shows on others' too).
_CONTACT_OWN_COLUMNS = frozenset({"last_contact_at", "updated_at"})


def _due_kinds(scopes: dict) -> tuple[str, ...]:  # type: ignore[type-arg]
    """The due kinds the rows changed feed; empty (any kind) as soon as one may feed any."""
    kinds: set[str] = set()
    for scope in scopes.values():
        if scope is None:
            return ()
        kinds |= scope[0]
    return tuple(sorted(kinds))


def _contacts_of(connection: sqlite3.Connection, changes: dict, scopes: dict) -> tuple[int, ...]:  # type: ignore[type-arg]
    """The contacts whose pages show the rows an undo step changed (read before they are
    written back), so a contact's page showing someone else keeps its rows instead of
    reloading; empty when a row concerns no one in particular (a setting, a tag's name) or
    changes a contact's name or state (that shows on other pages too: who referred whom),
    as the services publish such changes."""
    people: dict[int, set[int]] = {}  # a conversation's people among the rows changed
    for (table, _), (before, after, *_) in changes.items():
        for row in (before, after):
            if table == "conversation_contact" and row is not None:
                people.setdefault(row["conversation_id"], set()).add(row["contact_id"])
    found: set[int] = set()
    for (table, row_id), (before, after, *_) in changes.items():
        rows = [row for row in (before, after) if row is not None]
        named = {row[column] for row in rows for column in _CONTACT_COLUMNS if row.get(column)}
        scope = scopes.get((table, row_id))
        if scope is not None:  # (a Today item's state row names its contact in its key)
            named |= scope[1]
        if table == "contact" and _only_own_columns(before, after):
            named.add(row_id)  # (a talk logged moves its last contact)
        elif table == "conversation":
            named |= people.get(row_id, set())
            sql = "SELECT contact_id FROM conversation_contact WHERE conversation_id = ?"
            named |= {row[0] for row in connection.execute(sql, (row_id,))}
        elif table == "favour_settlement":
            sql = "SELECT contact_id FROM favour WHERE id = ?"
            named |= {row[0] for row in connection.execute(sql, (rows[0].get("favour_id"),))}
        if not named:
            return ()
        found |= named
    return tuple(sorted(found))


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
        derived = DERIVED_COLUMNS.get(table, frozenset())  # recorded by an older journal
        values = {
            k: (bytes.fromhex(v) if k in blobs[table] and v is not None else v)
            for k, v in wanted.items()
            if k not in derived
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
    for rank, table, row_id, _ in plans:
        if rank == 2 and table in _TOUCH_AFTER_INSERT:
            column = _TOUCH_AFTER_INSERT[table]
            connection.execute(
                f'UPDATE "{table}" SET "{column}" = "{column}" WHERE rowid = ?', (row_id,)
            )


def _only_own_columns(before: dict | None, after: dict | None) -> bool:  # type: ignore[type-arg]
    """Whether a contact's row changed only in what shows on its own page and the list's
    last-contact column (a talk logged or taken back), not its name or state."""
    if before is None or after is None:
        return False
    differ = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return differ <= _CONTACT_OWN_COLUMNS
