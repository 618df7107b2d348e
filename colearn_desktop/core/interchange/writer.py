"""Writing planned rows into the journal, inside the caller's single transaction.

New contacts are collected a chunk at a time and written with ``executemany`` on the driver
connection, with ids handed out here (the write lock is held, so nobody else takes them).  A
merge only fills empty fields and adds e-mails, phones, tags and a photo; what it did is
recorded in an ``import_batch_item`` with enough detail to undo exactly that and nothing more.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, datetime

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, ContactInput, Labelled, children
from colearn_desktop.core.interchange.matching import load_states, merge_delta, uid_keys
from colearn_desktop.core.interchange.record import ImportProblem, ImportRecord, Severity
from colearn_desktop.core.people.contacts import _columns, _unique, labelled_rows
from colearn_desktop.core.storage.models import new_uid
from colearn_desktop.core.text import display_name, fold

_CONTACT_COLUMNS = tuple(_columns(ContactInput(name="x")))
_INSERT_CONTACT = (
    f"INSERT INTO contact (id, uid, {', '.join(_CONTACT_COLUMNS)}, created_at, updated_at) "
    f"VALUES ({', '.join('?' * (len(_CONTACT_COLUMNS) + 4))})"
)

# One INSERT per labelled list of the contact field list, named by the list.
_INSERT_LABELLED = {
    f.name: (
        f"INSERT INTO {children(f).table} (contact_id, label, {children(f).value_column}, "
        f"{children(f).key_column}, position) VALUES (?,?,?,?,?)"
    )
    for f in LABELLED_FIELDS
}
_INSERT_ITEM = (
    "INSERT INTO import_batch_item (batch_id, entity, entity_id, action, detail) VALUES (?,?,?,?,?)"
)


def sql_stamp(moment: datetime) -> str:
    """The text SQLAlchemy stores for a DateTime on SQLite (sorts and compares right)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


class ContactWriter:
    def __init__(
        self,
        connection: sqlite3.Connection,
        batch_id: int,
        now: datetime,
        today: date,
        merge_targets: set[int] | None = None,
    ):
        self.c = connection
        self.batch_id = batch_id
        self.stamp = sql_stamp(now)
        self.today = today
        self.next_id = (connection.execute("SELECT max(id) FROM contact").fetchone()[0] or 0) + 1
        self.tags: dict[str, int] = dict(connection.execute("SELECT name_key, id FROM tag"))
        # File row -> the contact it created or merged into, for the rows later rows merge
        # into (all rows when not told which).
        self.row_contact: dict[int, int] = {}
        self._keep_rows = merge_targets
        self.referrals: list[tuple[int, int, str, bool]] = []  # row, contact, name, is new
        self.problems: list[ImportProblem] = []
        self.new = self.merged = 0
        # Existing contacts this import changed (their search entry and list values are
        # recomputed at the end; see apply_plan).
        self.touched: set[int] = set()
        self._pending: dict[str, list[tuple[object, ...]]] = {}
        self._uids: set[str] = set()  # the file's ids given to contacts of this import

    def _queue(self, sql: str, row: tuple[object, ...]) -> None:
        self._pending.setdefault(sql, []).append(row)

    def flush(self) -> None:
        # Contacts before the rows that point at them, whatever order they were queued in.
        contacts = self._pending.pop(_INSERT_CONTACT, [])
        if contacts:
            self.c.executemany(_INSERT_CONTACT, contacts)
        for sql, rows in self._pending.items():
            self.c.executemany(sql, rows)
        self._pending = {}

    def _tag_id(self, name: str) -> int:
        key = fold(name)
        if key not in self.tags:
            cursor = self.c.execute(
                "INSERT INTO tag (name, name_key, created_at) VALUES (?,?,?)",
                (name, key, self.stamp),
            )
            assert cursor.lastrowid is not None  # set by every INSERT
            self.tags[key] = cursor.lastrowid
            self._queue(_INSERT_ITEM, (self.batch_id, "tag", cursor.lastrowid, "new", "{}"))
        return self.tags[key]

    def _children(
        self,
        contact_id: int,
        lists: dict[str, list[Labelled]],
        tags: list[str] | tuple[str, ...],
        start: dict[str, int],
    ) -> None:
        """Queue the labelled values (each list from its ``start`` position) and tags."""
        for listed in LABELLED_FIELDS:
            for row in labelled_rows(
                listed, contact_id, lists.get(listed.name, []), start.get(listed.name, 0)
            ):
                self._queue(_INSERT_LABELLED[listed.name], tuple(row.values()))
        for tag in tags:
            self._queue(
                "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?,?)",
                (contact_id, self._tag_id(tag)),
            )

    def _remember_row(self, number: int, contact_id: int) -> None:
        if self._keep_rows is None or number in self._keep_rows:
            self.row_contact[number] = contact_id

    def _new_uid(self, record: ImportRecord) -> str:
        """The file's id for a new contact (so the next import of the file finds it), unless
        another contact already answers to it (the user chose to add the row as new) or an
        earlier row of this file took it: then a new one."""
        for key in uid_keys(record):
            taken = (
                key in self._uids
                or self.c.execute(
                    "SELECT 1 FROM contact WHERE uid = ? UNION ALL "
                    "SELECT 1 FROM contact_alias WHERE uid = ?",
                    (key, key),
                ).fetchone()
            )
            if not taken:
                self._uids.add(key)
                return key
        return new_uid()

    def add_new(self, record: ImportRecord) -> int:
        contact_id = self.next_id
        self.next_id += 1
        data = record.data.with_changes(referred_by_id=None)
        columns = _columns(data)
        uid = self._new_uid(record)
        self._queue(_INSERT_CONTACT, (contact_id, uid, *columns.values(), self.stamp, self.stamp))
        lists = {f.name: _unique(getattr(data, f.name), children(f).key) for f in LABELLED_FIELDS}
        self._children(contact_id, lists, data.tags, {})
        if record.photo is not None:
            self._queue(
                "INSERT INTO contact_photo (contact_id, mime_type, data) VALUES (?,?,?)",
                (contact_id, record.photo.mime_type, record.photo.data),
            )
        self._queue(_INSERT_ITEM, (self.batch_id, "contact", contact_id, "new", "{}"))
        if record.referred_by:
            self.referrals.append((record.number, contact_id, record.referred_by, True))
        self._remember_row(record.number, contact_id)
        self.new += 1
        return contact_id

    def merge(self, record: ImportRecord, contact_id: int) -> None:
        self.flush()  # the target may have been created a moment ago
        self.touched.add(contact_id)
        state = load_states(self.c, {contact_id})[contact_id]
        delta = merge_delta(state, record)
        self._remember_row(record.number, contact_id)
        self.merged += 1
        if record.referred_by and state.columns.get("referred_by_id") is None:
            self.referrals.append((record.number, contact_id, record.referred_by, False))
        if not delta:
            return
        fills = dict(delta.fills)
        if "given_name" in fills or "family_name" in fills:
            given, family, name = self.c.execute(
                "SELECT given_name, family_name, name FROM contact WHERE id = ?", (contact_id,)
            ).fetchone()
            shown = display_name(
                str(fills.get("given_name", given)), str(fills.get("family_name", family)), name
            )
            fills["display_name"], fills["sort_name"] = shown, fold(shown)
        if fills:
            sets = ", ".join(f"{column} = ?" for column in fills)
            self.c.execute(
                f"UPDATE contact SET {sets}, updated_at = ? WHERE id = ?",
                (*fills.values(), self.stamp, contact_id),
            )
        start = {
            f.name: self.c.execute(
                f"SELECT COALESCE(max(position) + 1, 0) FROM {children(f).table} "
                "WHERE contact_id = ?",
                (contact_id,),
            ).fetchone()[0]
            for f in LABELLED_FIELDS
        }
        self._children(contact_id, delta.lists, delta.tags, start)
        # The keys of the values added, per list ("emails": [...]): what undo removes.
        detail: dict[str, object] = {
            "filled": fills,
            **{
                f.name: [children(f).key(i.value) for i in delta.lists.get(f.name, [])]
                for f in LABELLED_FIELDS
            },
            "tags": [self.tags[fold(t)] for t in delta.tags],
        }
        if delta.photo and record.photo is not None:
            self._queue(
                "INSERT INTO contact_photo (contact_id, mime_type, data) VALUES (?,?,?)",
                (contact_id, record.photo.mime_type, record.photo.data),
            )
            detail["photo"] = hashlib.sha256(record.photo.data).hexdigest()
        self._queue(
            _INSERT_ITEM, (self.batch_id, "contact", contact_id, "merge", json.dumps(detail))
        )

    def resolve_referrals(self) -> None:
        """Referrers are found by name once every row is written (they may come later in the
        file); a name nobody has is reported and kept in "how we met" of a new contact."""
        self.flush()
        for number, contact_id, name, is_new in self.referrals:
            found = self.c.execute(
                "SELECT id FROM contact WHERE sort_name = ? AND id <> ? ORDER BY id LIMIT 1",
                (fold(name), contact_id),
            ).fetchone()
            if found is None:
                self.problems.append(
                    ImportProblem(
                        number,
                        "referred_by",
                        f"nobody called {name!r} was found; noted in 'how we met'",
                        Severity.WARNING,
                    )
                )
                if is_new:
                    self.c.execute(
                        "UPDATE contact SET how_met = ? WHERE id = ? AND how_met = ''",
                        (f"Referred by {name}", contact_id),
                    )
                continue
            self.c.execute(
                "UPDATE contact SET referred_by_id = ? WHERE id = ?", (found[0], contact_id)
            )
            self.c.execute(
                "INSERT INTO contact_referral_state (contact_id, never_ask, referred_on) "
                "VALUES (?,0,?) ON CONFLICT(contact_id) DO UPDATE SET "
                "referred_on = excluded.referred_on, thanked_on = NULL",
                (contact_id, self.today.isoformat()),
            )
            if not is_new:
                detail = json.dumps({"referred_by_id": found[0]})
                self.c.execute(
                    _INSERT_ITEM, (self.batch_id, "contact", contact_id, "referrer", detail)
                )
