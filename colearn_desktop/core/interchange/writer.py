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
from dataclasses import dataclass
from datetime import date, datetime

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, ContactInput, Labelled, children
from colearn_desktop.core.interchange.matching import load_states, merge_delta, uid_keys
from colearn_desktop.core.interchange.record import ImportProblem, ImportRecord, Severity
from colearn_desktop.core.people.contact_ids import parse_uid
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


@dataclass(frozen=True)
class Referral:
    """A row's referrer, to find once every row is written."""

    number: int  # the row of the file
    contact_id: int  # the contact the row became or merged into
    name: str
    uid: str  # the referrer's stable id as the file gives it, or ""
    is_new: bool  # the contact is new (a merged one records the referrer for undo)


class ContactWriter:
    def __init__(
        self,
        connection: sqlite3.Connection,
        batch_id: int,
        now: datetime,
        today: date,
        merge_targets: set[int] | None = None,
        region: str = "",
    ):
        self.c = connection
        self._region = region  # see ImportPlan.region
        self.batch_id = batch_id
        self.stamp = sql_stamp(now)
        self.today = today
        self.next_id = (connection.execute("SELECT max(id) FROM contact").fetchone()[0] or 0) + 1
        self.tags: dict[str, int] = dict(connection.execute("SELECT name_key, id FROM tag"))
        # File row -> the contact it created or merged into, for the rows later rows merge
        # into (all rows when not told which).
        self.row_contact: dict[int, int] = {}
        self._keep_rows = merge_targets
        self.referrals: list[Referral] = []
        # The file's ids of the rows written (new or merged): a referrer named by an id the
        # journal does not know may be a row of the file merged into a contact of another id.
        self._file_uids: dict[str, int] = {}
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

    def _remember_row(
        self, record: ImportRecord, contact_id: int, *, refer: bool, new: bool
    ) -> None:
        """``refer``: the row's referrer, if it names one, is to be set on the contact."""
        if self._keep_rows is None or record.number in self._keep_rows:
            self.row_contact[record.number] = contact_id
        if not new:  # (a new contact has the file's id itself, unless another has it)
            for key in uid_keys(record):
                self._file_uids.setdefault(key, contact_id)
        if refer and (record.referred_by or record.referred_by_uid):
            referral = Referral(
                record.number, contact_id, record.referred_by, record.referred_by_uid, new
            )
            self.referrals.append(referral)

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
        self._remember_row(record, contact_id, refer=True, new=True)
        self.new += 1
        return contact_id

    def merge(self, record: ImportRecord, contact_id: int) -> None:
        self.flush()  # the target may have been created a moment ago
        self.touched.add(contact_id)
        state = load_states(self.c, {contact_id})[contact_id]
        delta = merge_delta(state, record, self._region)
        # The journal's referrer wins over the file's.
        refer = state.columns.get("referred_by_id") is None
        self._remember_row(record, contact_id, refer=refer, new=False)
        self.merged += 1
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
        """Referrers are found once every row is written (they may come later in the file):
        by the stable id the file gives (the contact's own, an alias of a merged one, or a
        row of this file), else by name when one contact has it.  A referrer not found, or a
        name several people share, is reported, and kept in "how we met" of a new contact."""
        self.flush()
        for referral in self.referrals:
            found, trouble = self._referrer(referral)
            if found is None:
                self._unresolved(referral, trouble)
                continue
            self.c.execute(
                "UPDATE contact SET referred_by_id = ? WHERE id = ?", (found, referral.contact_id)
            )
            self.c.execute(
                "INSERT INTO contact_referral_state (contact_id, never_ask, referred_on) "
                "VALUES (?,0,?) ON CONFLICT(contact_id) DO UPDATE SET "
                "referred_on = excluded.referred_on, thanked_on = NULL",
                (referral.contact_id, self.today.isoformat()),
            )
            if not referral.is_new:
                detail = json.dumps({"referred_by_id": found})
                self.c.execute(
                    _INSERT_ITEM,
                    (self.batch_id, "contact", referral.contact_id, "referrer", detail),
                )

    def _referrer(self, referral: Referral) -> tuple[int | None, str]:
        """The referrer's contact id, or None and why not."""
        key = parse_uid(referral.uid) if referral.uid else None
        if key is not None:
            found = self._file_uids.get(key) or _id(
                self.c,
                "SELECT id FROM contact WHERE uid = ? UNION ALL "
                "SELECT contact_id FROM contact_alias WHERE uid = ?",
                (key, key),
            )
            if found is not None and found != referral.contact_id:
                return found, ""
        if not referral.name:
            return None, f"nobody with the CoLearn ID {referral.uid!r} was found"
        ids = [
            contact_id
            for (contact_id,) in self.c.execute(
                "SELECT id FROM contact WHERE sort_name = ? AND id <> ? ORDER BY id LIMIT 2",
                (fold(referral.name), referral.contact_id),
            )
        ]
        if len(ids) == 1:
            return ids[0], ""
        if ids:
            return None, (
                f"several contacts are called {referral.name!r}, so none was chosen; noted in "
                "'how we met': choose the referrer on the contact's page"
            )
        return None, f"nobody called {referral.name!r} was found; noted in 'how we met'"

    def _unresolved(self, referral: Referral, trouble: str) -> None:
        self.problems.append(
            ImportProblem(referral.number, "referred_by", trouble, Severity.WARNING)
        )
        if referral.name and referral.is_new:
            self.c.execute(
                "UPDATE contact SET how_met = ? WHERE id = ? AND how_met = ''",
                (f"Referred by {referral.name}", referral.contact_id),
            )


def _id(connection: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> int | None:
    row = connection.execute(sql, params).fetchone()
    return None if row is None else int(row[0])
