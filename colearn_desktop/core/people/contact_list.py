"""The contacts list: one SQL query into plain rows, sorted and filtered in SQL, a page at
a time.

A journal grows for years; the list must stay instant at 100,000 contacts.  So there is no
per-row query and no sorting in Python: name, company, stage, last contact, next due, favour
balance and tags all come from one SELECT over the contact table (the derived values are
cached on the row, see ``contact_cache``), whose ORDER BY and WHERE do the work through
indexes, and only the page on screen is fetched; rows come back as tuples from the driver.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext.fts_query import SearchTerms
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.text import fold
from colearn_desktop.core.unreadable import each_readable

# The columns of the full-text index the list's filter looks in.
FILTER_COLUMNS = ("name", "company", "emails", "tags")


class ContactSort(StrEnum):
    NAME = "name"
    COMPANY = "company"
    STAGE = "stage"
    LAST_CONTACT = "last_contact"
    NEXT_DUE = "next_due"
    BALANCE = "balance"
    TAGS = "tags"


class Scope(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    ALL = "all"


@dataclass(frozen=True)
class ContactQuery:
    text: str = ""
    stage: Stage | None = None
    tag: str | None = None
    scope: Scope = Scope.ACTIVE
    sort: ContactSort = ContactSort.NAME
    descending: bool = False
    limit: int | None = None
    # A selection on the list (see core/people/bulk.py): only these contacts (None: every
    # match), and never these.  Ctrl+A on 100,000 rows is "this filter, minus the rows the
    # user unticked", resolved here in SQL instead of by reading every row into the window.
    ids: tuple[int, ...] | None = None
    except_ids: tuple[int, ...] = ()


def narrows(before: ContactQuery, after: ContactQuery) -> bool:
    """Whether ``after`` lists only contacts ``before`` lists: the same query with letters or
    words typed on to its text (a word's prefix, or one more word that must match too, both
    in the full-text index and in the LIKE fallback).  Then the same count means the same
    rows, in the same places, so a view need not ask where its selected contact went."""
    typed = after.text[len(before.text) :]
    return (
        replace(after, text=before.text) == before
        and after.text.startswith(before.text)
        and '"' not in before.text
        and re.fullmatch(r"[^\W_]*(\s[^\W_]*)*", typed) is not None
    )


class ContactRow(NamedTuple):
    id: int
    display_name: str
    company: str
    stage: Stage
    last_contact_at: datetime | None
    next_due: date | None
    i_owe: int
    they_owe: int
    tags: str
    archived: bool
    # Keep in touch every N days, after contact/tag/stage defaults (None: no cadence).
    cadence: int | None = None

    @property
    def balance(self) -> int:
        """Positive when I owe them more favours than they owe me."""
        return self.i_owe - self.they_owe


_STAGE_ORDER = (
    "CASE c.stage " + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(Stage)) + " END"
)

# ORDER BY terms per sort, ascending and descending.  Each matches an index of revision 0005
# term for term (a test checks that no page needs a sort step), and empty values come last
# both ways: ascending through a placement term, descending because NULL and '' sort first.
_ASCENDING: dict[ContactSort, tuple[str, ...]] = {
    ContactSort.NAME: ("c.sort_name",),
    ContactSort.COMPANY: ("c.company = ''", "c.company COLLATE NOCASE", "c.sort_name"),
    ContactSort.STAGE: (_STAGE_ORDER, "c.sort_name"),
    ContactSort.LAST_CONTACT: ("COALESCE(c.last_contact_at, '9999-12-31')", "c.sort_name"),
    ContactSort.NEXT_DUE: ("COALESCE(c.keep_in_touch_on, '9999-12-31')", "c.sort_name"),
    ContactSort.BALANCE: ("(c.favours_i_owe - c.favours_they_owe)", "c.sort_name"),
    ContactSort.TAGS: ("c.tags_text = ''", "c.tags_text COLLATE NOCASE", "c.sort_name"),
}
_DESCENDING: dict[ContactSort, tuple[str, ...]] = {
    **_ASCENDING,
    ContactSort.COMPANY: ("c.company COLLATE NOCASE", "c.sort_name"),
    ContactSort.LAST_CONTACT: ("c.last_contact_at", "c.sort_name"),
    ContactSort.NEXT_DUE: ("c.keep_in_touch_on", "c.sort_name"),
    ContactSort.TAGS: ("c.tags_text COLLATE NOCASE", "c.sort_name"),
}

# Everything comes from the contact row: tags, favour counts, cadence and the keep-in-touch
# date are cached there by triggers (core/contact_cache.py), so no join and no aggregate.
_SELECT = """
SELECT c.id, c.display_name, c.company, c.stage, c.last_contact_at, c.keep_in_touch_on,
       c.favours_i_owe, c.favours_they_owe, c.tags_text, c.archived_at IS NOT NULL,
       c.cadence_effective
FROM contact c
"""


# The contacts a text filter matches, from the full-text index's side (see ``count``).
_JOINED = "search_contact JOIN contact c ON c.id = search_contact.rowid"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(
    query: ContactQuery, params: dict[str, object], use_index: bool = False, joined: bool = False
) -> str:
    """The WHERE clause of ``query``.  ``joined``: the statement reads ``FROM`` :data:`_JOINED`
    (the full-text index's matches, then each one's contact row) when it filters by text."""
    clauses = []
    if query.scope is Scope.ACTIVE:
        clauses.append("c.archived_at IS NULL")
    elif query.scope is Scope.ARCHIVED:
        clauses.append("c.archived_at IS NOT NULL")
    if query.stage is not None:
        clauses.append("c.stage = :stage")
        params["stage"] = Stage(query.stage).value
    if query.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM contact_tag ft JOIN tag t ON t.id = ft.tag_id "
            "WHERE ft.contact_id = c.id AND t.name_key = :tag)"
        )
        params["tag"] = fold(query.tag)
    if query.ids is not None:
        clauses.append("c.id IN (SELECT value FROM json_each(:only_ids))")
        params["only_ids"] = json.dumps(list(query.ids))
    if query.except_ids:
        clauses.append("c.id NOT IN (SELECT value FROM json_each(:except_ids))")
        params["except_ids"] = json.dumps(list(query.except_ids))
    text = query.text.strip()
    terms = SearchTerms.parse(text) if use_index else None
    if terms:
        # The full-text index answers "names, company, e-mail or tags with words starting
        # like this" in milliseconds, where a LIKE scan of 100,000 contacts takes a second.
        params["fts"] = terms.fts_in_columns(*FILTER_COLUMNS)
        if joined:
            clauses.append("search_contact MATCH :fts")
        else:
            clauses.append(
                "c.id IN (SELECT rowid FROM search_contact WHERE search_contact MATCH :fts)"
            )
    elif text:
        params["folded"] = _like(fold(text))
        params["raw"] = _like(text.casefold())
        clauses.append(
            "(c.sort_name LIKE :folded ESCAPE '\\' OR c.company LIKE :raw ESCAPE '\\'"
            " OR c.tags_text LIKE :raw ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM contact_email e WHERE e.contact_id = c.id"
            " AND e.address_key LIKE :raw ESCAPE '\\'))"
        )
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _order(query: ContactQuery, *, reverse: bool = False, skip: int = 0) -> str:
    """The list's ORDER BY (``reverse``: read backwards, the same index from the other end),
    without its first ``skip`` terms (a query that holds them equal: SQLite then walks the
    index backwards too, where naming them made it sort the rows)."""
    direction = "DESC" if query.descending != reverse else "ASC"
    return "ORDER BY " + ", ".join(f"{key} {direction}" for key in _keyset(query)[skip:])


# The terms that may be NULL (NULL sorts first in SQLite: last when descending).
_NULLABLE = frozenset({"c.last_contact_at", "c.keep_in_touch_on"})


def _keyset(query: ContactQuery) -> tuple[str, ...]:
    """The ORDER BY terms of ``query`` without their direction, the id last (the tie-break)."""
    return (*(_DESCENDING if query.descending else _ASCENDING)[query.sort], "c.id")


def _before_conditions(keys: tuple[str, ...], descending: bool, ref: str = "s.k") -> list[str]:
    """For each term, "the terms before it equal the selected row's (``s.k<i>``, or the
    parameters ``:k<i>`` with ``ref=":k"``) and this one sorts before it": together they are
    every row listed before that row, and each is one range of the index that serves the
    sort.  With ``descending`` flipped they are the rows listed after it."""
    conditions = []
    for at, term in enumerate(keys):
        equal = [f"({keys[i]}) IS {ref}{i}" for i in range(at)]
        mine = f"{ref}{at}"
        before = f"({term}) {'>' if descending else '<'} {mine}"
        if term in _NULLABLE:  # a value sorts before no value descending, after ascending
            first, last = (term, mine) if descending else (mine, term)
            before = f"({before} OR ({last} IS NULL AND {first} IS NOT NULL))"
        conditions.append(" AND ".join([*equal, before]))
    return conditions


_STAGES = {stage.value: stage for stage in Stage}
_new_row = tuple.__new__


def _row(raw: tuple[Any, ...]) -> ContactRow:
    # A page is 500 rows: the stage is looked up in a dict (calling the enum costs ten
    # times more) and the tuple is made directly (ContactRow(...) runs a Python __new__).
    last = raw[4]
    due = raw[5]
    return _new_row(
        ContactRow,
        (
            raw[0],
            raw[1],
            raw[2],
            _STAGES[raw[3]],
            datetime.fromisoformat(last) if last else None,
            date.fromisoformat(due) if due else None,
            raw[6],
            raw[7],
            raw[8],
            bool(raw[9]),
            raw[10],
        ),
    )


def _rows(raws: list[tuple[Any, ...]]) -> list[ContactRow]:
    """The rows of a page.  A stored value that cannot be read (bit rot, another program's
    edit) must not take the whole list with it: only then is the page read row by row, a
    contact with an unreadable cached date shown without it, one with an unknown stage left
    out; ``colearn check`` names them.  Nothing is paid for this on a healthy journal."""
    without_dates = (
        lambda raw: _row((*raw[:4], None, None, *raw[6:])),
        "the contacts list's dates (listed without them)",
    )
    return each_readable(raws, _row, "contact", "the contacts list", salvage=without_dates)


_ARCHIVED_IDS = "SELECT id FROM contact WHERE archived_at IS NOT NULL"


def _by_text_alone(query: ContactQuery) -> bool:
    """Whether ``query`` filters by its text and the scope only, active or all contacts."""
    return (query.stage, query.tag, query.ids, query.except_ids) == (None, None, None, ()) and (
        query.scope is not Scope.ARCHIVED
    )


class ContactListService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._has_index: bool | None = None

    def _use_index(self, connection: sqlite3.Connection) -> bool:
        """Whether the full-text index exists (not when SQLite lacks FTS5): then the filter
        falls back to LIKE, slower but the same idea."""
        if self._has_index is None:
            self._has_index = (
                connection.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'search_contact'"
                ).fetchone()[0]
                > 0
            )
        return self._has_index

    def rows(self, query: ContactQuery = ContactQuery(), *, offset: int = 0) -> list[ContactRow]:
        """One page of the list (``query.limit`` rows from ``offset``; all without a limit)."""
        params: dict[str, object] = {}
        with self._ctx.db.read_raw() as connection:
            where = _where(query, params, self._use_index(connection))
            sql = f"{_SELECT} {where} {_order(query)}"
            if query.limit is not None:
                sql += " LIMIT :limit OFFSET :offset"
                params["limit"] = query.limit
                params["offset"] = offset
            return _rows(connection.execute(sql, params).fetchall())

    def rows_next_to(
        self, query: ContactQuery, contact_id: int, limit: int, *, after: bool
    ) -> list[ContactRow]:
        """Up to ``limit`` rows of the list of ``query`` right after (or before) the contact
        ``contact_id``, in the list's order: how a view reads the page next to one it holds,
        or the page around a contact it went to.

        ``OFFSET 99,500`` walks 99,500 rows of the index to skip them (~0.2 s at 100,000
        contacts); this starts at the contact's own place in the sort's index instead (keyset
        paging): one range per ORDER BY term, the terms before it equal and this one past the
        contact's value, read nearest first until ``limit`` rows are found."""
        params: dict[str, object] = {"contact_id": contact_id}
        rows: list[tuple[Any, ...]] = []
        with self._ctx.db.read_raw() as connection:
            keys = _keyset(query)
            values = ", ".join(f"({term})" for term in keys)
            found = connection.execute(
                f"SELECT {values} FROM contact c WHERE c.id = :contact_id", params
            ).fetchone()
            if found is None:
                return []
            params.update({f"k{i}": value for i, value in enumerate(found)})
            where = _where(query, params, self._use_index(connection))
            joiner = "AND" if where else "WHERE"
            # The last term's range (same values, a later id) holds the nearest rows.
            conditions = _before_conditions(keys, query.descending != after, ref=":k")
            for at in reversed(range(len(conditions))):
                params["limit"] = limit - len(rows)
                order = _order(query, reverse=not after, skip=at)
                sql = f"{_SELECT} {where} {joiner} {conditions[at]} {order} LIMIT :limit"
                rows += connection.execute(sql, params).fetchall()
                if len(rows) >= limit:
                    break
        return _rows(rows if after else rows[::-1])

    def position(self, query: ContactQuery, contact_id: int) -> int | None:
        """Where ``contact_id`` stands in the list of ``query`` (0 first), or None when the
        query leaves it out: one query, so a view can go straight to a contact far down the
        list instead of reading page after page until it shows up.

        It counts the rows that sort before the contact, one count per ORDER BY term (the
        terms before it equal, this one before): each is a range of the list's index, so a
        contact near the end of 100,000 costs milliseconds, where numbering every row
        (``row_number()``) read and sorted the whole list on every change."""
        params: dict[str, object] = {"contact_id": contact_id}
        with self._ctx.db.read_raw() as connection:
            where = _where(query, params, self._use_index(connection))
            keys = _keyset(query)
            values = ", ".join(f"({term}) AS k{i}" for i, term in enumerate(keys))
            counts = " + ".join(
                f"(SELECT count(*) FROM contact c {where} {'AND' if where else 'WHERE'} {cond})"
                for cond in _before_conditions(keys, query.descending)
            )
            sql = (
                f"WITH s AS MATERIALIZED (SELECT c.id, {values} FROM contact c {where}"
                f" {'AND' if where else 'WHERE'} c.id = :contact_id) SELECT {counts} FROM s"
            )
            found = connection.execute(sql, params).fetchone()
        return found[0] if found else None

    def row(self, contact_id: int) -> ContactRow | None:
        """The list row of one contact (archived or not): next due, balance, cadence."""
        return next(iter(self.rows_of([contact_id])), None)

    def rows_of(self, contact_ids: list[int]) -> list[ContactRow]:
        """The list rows of ``contact_ids`` (archived or not; in no particular order): what
        a list shows again after a change to a few contacts, in one query."""
        if not contact_ids:
            return []
        with self._ctx.db.read_raw() as connection:
            found = connection.execute(
                f"{_SELECT} WHERE c.id IN (SELECT value FROM json_each(?))",
                (json.dumps(contact_ids),),
            ).fetchall()
        return _rows(found)

    def first_emails(self, contact_ids: list[int]) -> dict[int, str]:
        """The first e-mail address of each of ``contact_ids`` that has one: what a person
        picker shows to tell two people of the same name apart (one query for the list)."""
        if not contact_ids:
            return {}
        marks = ",".join("?" * len(contact_ids))
        sql = (
            "SELECT contact_id, address FROM contact_email e WHERE contact_id IN "
            f"({marks}) AND position = (SELECT min(position) FROM contact_email "
            "WHERE contact_id = e.contact_id)"
        )
        with self._ctx.db.read_raw() as connection:
            return {row[0]: row[1] for row in connection.execute(sql, contact_ids)}

    def matching_ids(self, connection: sqlite3.Connection, query: ContactQuery) -> list[int]:
        """The ids ``query`` selects, read on ``connection`` (a bulk action's own write
        transaction, so what it changes is exactly what matched when it started)."""
        params: dict[str, object] = {}
        where = _where(query, params, self._use_index(connection))
        return [row[0] for row in connection.execute(f"SELECT c.id FROM contact c {where}", params)]

    def first_ids(self, query: ContactQuery, limit: int) -> list[int]:
        """At most ``limit`` ids ``query`` selects, in the list's order of rows (for an action
        that takes a few named contacts, such as merging the selected)."""
        params: dict[str, object] = {"limit": limit}
        with self._ctx.db.read_raw() as connection:
            where = _where(query, params, self._use_index(connection))
            sql = f"SELECT c.id FROM contact c {where} ORDER BY c.id LIMIT :limit"
            return [row[0] for row in connection.execute(sql, params)]

    def count(self, query: ContactQuery = ContactQuery()) -> int:
        """How many contacts ``query`` lists.  Filtered by text, it walks the full-text
        index's matches and looks each contact up: "c.id IN (matches)" first built a list
        of them all (a one-letter filter matches nearly everyone: ~0.1 s at 100,000
        contacts, against ~0.05 s; a narrower one ~50 ms against 1 ms)."""
        params: dict[str, object] = {}
        with self._ctx.db.read_raw() as connection:
            where = _where(query, params, self._use_index(connection), joined=True)
            source = _JOINED if "fts" in params else "contact c"
            sql = f"SELECT count(*) FROM {source} {where}"
            if "fts" in params and _by_text_alone(query):
                # Every contact has one row in the index: its matches, less the archived
                # ones (few, from an index) for the active list, without looking each
                # match's contact up (a first letter: ~90 → ~20 ms at 100,000 contacts).
                sql = "SELECT count(*) FROM search_contact WHERE search_contact MATCH :fts"
                if query.scope is Scope.ACTIVE:
                    sql += f" AND rowid NOT IN ({_ARCHIVED_IDS})"
            count: int = connection.execute(sql, params).fetchone()[0]
        return count

    # -- the cached values -----------------------------------------------------------------

    def rebuild_cache(self) -> None:
        """Recreate the cache triggers and recompute every contact's cached values."""
        with self._ctx.db.raw() as connection:
            contact_cache.ensure_triggers(connection)
            contact_cache.rebuild(connection)
        self._ctx.changed(Topic.CONTACTS)
