"""Search everything: contacts, conversations, learnings, favours and purchases.

Each group is one query against its own FTS5 table (see :mod:`search_schema`), limited to a
few rows and read in index order (newest row first), never ranked: ranking a very common word
means scoring every row that contains it, which over a million conversations costs hundreds of
milliseconds, while reading the first twenty rows of a doclist costs well under one.  The few
rows found are then sorted for display (contacts whose name matches first; the rest newest
first) and joined with the contact they belong to.

Without FTS5 (an SQLite built without it) the same groups are found by scanning the tables
with ``LIKE`` over accent-folded text: slower, but search still works, and the first result
says so once.

Archived contacts are found and marked as archived (so are their conversations, favours and
purchases); rows in the trash are not found.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, FavourStatus
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext import search_index
from colearn_desktop.core.fulltext.fts_query import SearchTerms, Snippet, make_snippet
from colearn_desktop.core.fulltext.search_index import IndexState, RebuildReport
from colearn_desktop.core.storage import search_schema as schema
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.text import fold
from colearn_desktop.core.unreadable import left_out
from colearn_desktop.core.validation import from_cents

DEFAULT_LIMIT = 10
MAX_LIMIT = 1000

NO_INDEX_NOTICE = (
    "Full-text search is not available in this SQLite (no FTS5), so search reads every row: "
    "it works, but it is slower on a big journal."
)
MISSING_INDEX_NOTICE = (
    "The search index is missing, so search reads every row (slower). "
    "Run `colearn check --rebuild-index` to rebuild it."
)


# How many SQLite virtual-machine steps pass between two polls of ``should_stop``.
PROGRESS_STEPS = 1000


class SearchCancelledError(JournalError):
    """A search was stopped because its result was no longer wanted."""


class SearchKind(StrEnum):
    CONTACT = "contact"
    CONVERSATION = "conversation"
    LEARNING = "learning"
    FAVOUR = "favour"
    PURCHASE = "purchase"


_KIND_INDEX = {
    SearchKind.CONTACT: schema.CONTACT,
    SearchKind.CONVERSATION: schema.CONVERSATION,
    SearchKind.LEARNING: schema.LEARNING,
    SearchKind.FAVOUR: schema.FAVOUR,
    SearchKind.PURCHASE: schema.PURCHASE,
}


@dataclass(frozen=True)
class SearchHit:
    """One row found.  ``contact_*`` is the person it belongs to (for a conversation with
    several people: the first active one by name); ``item_id`` the row itself (the contact's
    id for a contact)."""

    kind: SearchKind
    item_id: int
    contact_id: int
    contact_name: str
    contact_archived: bool
    snippet: Snippet
    when: date | None = None
    company: str = ""
    channel: Channel | None = None
    participants: int = 1
    direction: FavourDirection | None = None
    favour_kind: FavourKind | None = None
    status: FavourStatus | None = None
    title: str = ""
    amount: Decimal | None = None
    currency: str = ""
    name_matched: bool = False


@dataclass(frozen=True)
class SearchGroup:
    kind: SearchKind
    hits: tuple[SearchHit, ...]
    # More rows match than were returned.
    more: bool = False


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: tuple[SearchGroup, ...]
    indexed: bool = True
    # Said once per journal: why search is slower than it should be.
    notice: str | None = None
    seconds: float = 0.0

    def group(self, kind: SearchKind) -> SearchGroup:
        return next(g for g in self.groups if g.kind == kind)

    def hits(self, kind: SearchKind | None = None) -> list[SearchHit]:
        return [h for g in self.groups if kind in (None, g.kind) for h in g.hits]

    @property
    def total(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def _day(value: Any, kind: SearchKind, item_id: int) -> date | None:
    """The day of a hit; one whose stored date cannot be read is shown without it."""
    if not value:
        return None
    try:
        return (
            datetime.fromisoformat(value).date() if len(value) > 10 else date.fromisoformat(value)
        )
    except ValueError as error:
        table = "conversation" if kind is SearchKind.LEARNING else kind.value
        left_out(table, item_id, error, "the search results' dates (shown without it)")
        return None


# One statement per group: the matching ids (a sub-query ``{ids}`` selecting ``id``, newest
# first, at most one more than the limit) joined to what a hit shows.  Left joins, so that
# every id found counts towards "more" even if its row were missing (an index out of step).
_CONVERSATION_PARTICIPANTS = """
    LEFT JOIN conversation_contact cc ON cc.conversation_id = m.id
    LEFT JOIN contact c ON c.id = cc.contact_id"""

_DETAILS = {
    # Contacts: the ids whose name matches (by_name 1) and those matching anywhere (0), each
    # with the text of the indexed columns, so no second look-up is needed for snippets.
    SearchKind.CONTACT: """
        SELECT m.id, m.by_name, c.display_name, c.archived_at IS NOT NULL, c.sort_name,
               m.name, m.company, m.emails, m.tags, m.how_met, m.notes, c.company
        FROM (SELECT * FROM ({names}) UNION ALL SELECT * FROM ({ids})) m
        LEFT JOIN contact c ON c.id = m.id""",
    SearchKind.CONVERSATION: f"""
        SELECT m.id, cv.happened_at, cv.notes, cv.they_asked, cv.next_step, cv.channel,
               cc.contact_id, c.display_name, c.archived_at IS NOT NULL, c.sort_name
        FROM ({{ids}}) m LEFT JOIN conversation cv ON cv.id = m.id{_CONVERSATION_PARTICIPANTS}""",
    SearchKind.LEARNING: f"""
        SELECT m.id, cv.happened_at, cv.learned,
               cc.contact_id, c.display_name, c.archived_at IS NOT NULL, c.sort_name
        FROM ({{ids}}) m LEFT JOIN conversation cv ON cv.id = m.id{_CONVERSATION_PARTICIPANTS}""",
    SearchKind.FAVOUR: """
        SELECT m.id, f.started_on, f.description, f.notes, f.direction, f.kind, f.status,
               c.id, c.display_name, c.archived_at IS NOT NULL
        FROM ({ids}) m LEFT JOIN favour f ON f.id = m.id
        LEFT JOIN contact c ON c.id = f.contact_id""",
    SearchKind.PURCHASE: """
        SELECT m.id, p.purchased_on, p.what, p.notes, p.amount_cents, p.currency,
               c.id, c.display_name, c.archived_at IS NOT NULL
        FROM ({ids}) m LEFT JOIN purchase p ON p.id = m.id
        LEFT JOIN contact c ON c.id = p.contact_id""",
}

_CHANNELS = {channel.value: channel for channel in Channel}
_DIRECTIONS = {direction.value: direction for direction in FavourDirection}
_FAVOUR_KINDS = {kind.value: kind for kind in FavourKind}
_STATUSES = {status.value: status for status in FavourStatus}


def _newest(found: list[int], limit: int) -> tuple[list[int], bool]:
    """The first ``limit`` distinct ids in ``found`` (in its order) and whether there were
    more."""
    ids = list(dict.fromkeys(found))
    return ids[:limit], len(ids) > limit


def _contact_hits(
    rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    # People whose name matches come first, however many others mention the words.
    by_name = sorted((row[0] for row in rows if row[1]), reverse=True)
    anywhere = sorted((row[0] for row in rows if not row[1]), reverse=True)
    ids, more = _newest(by_name + anywhere, limit)
    name_matched = set(by_name)
    first = {row[0]: row for row in reversed(rows)}
    hits = []
    for item_id in sorted(ids):  # as the rows of a look-up by id come
        row = first[item_id]
        if row[2] is None:
            continue  # no such contact (the index is out of step)
        fields = zip(schema.CONTACT.columns, row[5:11], strict=True)
        hits.append(
            SearchHit(
                SearchKind.CONTACT,
                item_id,
                item_id,
                row[2],
                bool(row[3]),
                make_snippet(fields, terms, width),
                company=row[11],
                name_matched=item_id in name_matched,
            )
        )
    sort_names = {row[0]: row[4] for row in rows}
    hits.sort(key=lambda h: (not h.name_matched, h.contact_archived, sort_names[h.item_id]))
    return hits, more


def _conversation_hits(
    kind: SearchKind, rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    """Conversations or learnings: one row per participant.  A conversation belongs to its
    first participant, active people before archived, then by name."""
    people = 6 if kind is SearchKind.CONVERSATION else 3
    found: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
    ids, more = _newest(sorted(found, reverse=True), limit)
    hits = []
    for item_id in ids:
        participants = found[item_id]
        row = participants[0]
        present = [r for r in participants if r[people + 1] is not None]
        if row[1] is None or not present:
            continue
        first = min(present, key=lambda r: (r[people + 2], r[people + 3], r[people]))
        count = sum(1 for r in participants if r[people] is not None)
        if kind is SearchKind.CONVERSATION:
            fields = zip(schema.CONVERSATION.columns, row[2:5], strict=True)
            snippet = make_snippet(fields, terms, width)
            channel: Channel | None = _CHANNELS[row[5]]
        else:
            snippet = make_snippet((("learned", row[2]),), terms, width)
            channel = None
        hits.append(
            SearchHit(
                kind,
                item_id,
                first[people],
                first[people + 1],
                bool(first[people + 2]),
                snippet,
                when=_day(row[1], kind, item_id),
                channel=channel,
                participants=count,
            )
        )
    return hits, more


def _other_hits(
    kind: SearchKind, rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    """Favours and purchases: each belongs to one contact."""
    by_id = {row[0]: row for row in rows}
    ids, more = _newest(sorted(by_id, reverse=True), limit)
    hits = []
    for item_id in ids:
        row = by_id[item_id]
        if row[1] is None or row[-3] is None or row[-2] is None:
            continue
        if kind is SearchKind.FAVOUR:
            fields = (("description", row[2]), ("notes", row[3]))
            extra: dict[str, Any] = {
                "title": row[2],
                "direction": _DIRECTIONS[row[4]],
                "favour_kind": _FAVOUR_KINDS[row[5]],
                "status": _STATUSES[row[6]],
            }
        else:
            fields = (("what", row[2]), ("notes", row[3]))
            extra = {"title": row[2], "amount": from_cents(row[4]), "currency": row[5]}
        hits.append(
            SearchHit(
                kind,
                item_id,
                row[-3],
                row[-2],
                bool(row[-1]),
                make_snippet(fields, terms, width),
                when=_day(row[1], kind, item_id),
                **extra,
            )
        )
    return hits, more


class SearchService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._state: IndexState | None = None
        self._notice_given = False

    # -- searching ------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int = DEFAULT_LIMIT,
        kinds: tuple[SearchKind, ...] = tuple(SearchKind),
        snippet_width: int = 90,
        should_stop: Callable[[], bool] | None = None,
    ) -> SearchResults:
        """Up to ``limit`` rows of each kind containing every word of ``text`` (each word
        matched as the start of a word, ignoring case and accents).  Any text is valid.

        ``should_stop`` is polled while SQLite works; once it returns True the search stops
        with :class:`SearchCancelledError` (a search made stale by newer typing, when a scan
        without the index would take seconds)."""
        started = time.perf_counter()
        limit = max(1, min(int(limit), MAX_LIMIT))
        terms = SearchTerms.parse(text)
        if not terms:
            groups = tuple(SearchGroup(kind, ()) for kind in kinds)
            return SearchResults(text, groups, indexed=self.indexed)
        with self._ctx.db.read_raw() as connection:
            indexed = self._indexed(connection)
            if not indexed:
                connection.create_function("colearn_fold", 1, fold, deterministic=True)
            if should_stop is not None:
                connection.set_progress_handler(lambda: int(should_stop()), PROGRESS_STEPS)
            try:
                groups = tuple(
                    self._group(connection, kind, terms, limit, indexed, snippet_width)
                    for kind in kinds
                )
            except sqlite3.OperationalError as error:
                if should_stop is not None and should_stop():
                    raise SearchCancelledError(text) from error
                raise
            finally:
                if should_stop is not None:
                    connection.set_progress_handler(None, 0)
        notice = None
        if not indexed and not self._notice_given:
            self._notice_given = True
            notice = NO_INDEX_NOTICE if self._state is IndexState.NO_FTS5 else MISSING_INDEX_NOTICE
        return SearchResults(
            text, groups, indexed, notice=notice, seconds=time.perf_counter() - started
        )

    def matching_ids(self, kind: SearchKind, text: str, limit: int) -> list[int] | None:
        """Ids of up to ``limit`` rows of ``kind`` matching ``text``, newest row first; None
        when ``text`` has no words (no filter)."""
        terms = SearchTerms.parse(text)
        if not terms:
            return None
        with self._ctx.db.read_raw() as connection:
            indexed = self._indexed(connection)
            if not indexed:
                connection.create_function("colearn_fold", 1, fold, deterministic=True)
            sql, params = self._id_query(kind, terms, indexed, name_only=False)
            return [row[0] for row in connection.execute(sql, (*params, limit))]

    @property
    def indexed(self) -> bool:
        """Whether searches use the full-text index (else they scan, more slowly)."""
        with self._ctx.db.read_raw() as connection:
            return self._indexed(connection)

    def _indexed(self, connection: sqlite3.Connection) -> bool:
        if self._state is None:
            self._state = search_index.index_state(connection)
        return self._state is IndexState.READY

    def _id_query(
        self,
        kind: SearchKind,
        terms: SearchTerms,
        indexed: bool,
        *,
        name_only: bool,
        extra: str = "",
    ) -> tuple[str, list[str]]:
        """SQL (ending in a ``LIMIT ?`` left to bind) selecting the ids of matching rows as
        ``id``, newest first, followed by ``extra`` (more columns of the index or its source:
        the same names in both)."""
        index = _KIND_INDEX[kind]
        if indexed:
            query = terms.fts_in_columns("name") if name_only else terms.fts()
            sql = (
                f"SELECT rowid AS id{extra} FROM {index.table} WHERE {index.table} MATCH ? "
                "ORDER BY rowid DESC LIMIT ?"
            )
            return sql, [query]
        columns = ("name",) if name_only else index.columns
        clauses = []
        params = []
        for pattern in terms.like_patterns():
            either = " OR ".join(f"colearn_fold({c}) LIKE ? ESCAPE '\\'" for c in columns)
            clauses.append(f"({either})")
            params.extend([pattern] * len(columns))
        sql = (
            f"SELECT id{extra} FROM {index.source} WHERE {' AND '.join(clauses)} "
            "ORDER BY id DESC LIMIT ?"
        )
        return sql, params

    def _group(
        self,
        connection: sqlite3.Connection,
        kind: SearchKind,
        terms: SearchTerms,
        limit: int,
        indexed: bool,
        width: int,
    ) -> SearchGroup:
        if kind is SearchKind.CONTACT:
            columns = ", " + ", ".join(schema.CONTACT.columns)
            names, by_name = self._id_query(
                kind, terms, indexed, name_only=True, extra=f", 1 AS by_name{columns}"
            )
            ids, anywhere = self._id_query(
                kind, terms, indexed, name_only=False, extra=f", 0 AS by_name{columns}"
            )
            sql = _DETAILS[kind].format(names=names, ids=ids)
            params: list[object] = [*by_name, limit + 1, *anywhere, limit + 1]
        else:
            ids, found = self._id_query(kind, terms, indexed, name_only=False)
            sql = _DETAILS[kind].format(ids=ids)
            params = [*found, limit + 1]
        rows = connection.execute(sql, params).fetchall()
        if kind is SearchKind.CONTACT:
            hits, more = _contact_hits(rows, terms, limit, width)
        elif kind in (SearchKind.CONVERSATION, SearchKind.LEARNING):
            hits, more = _conversation_hits(kind, rows, terms, limit, width)
            hits.sort(key=lambda h: (h.when or date.min, h.item_id), reverse=True)
        else:
            hits, more = _other_hits(kind, rows, terms, limit, width)
            hits.sort(key=lambda h: (h.when or date.min, h.item_id), reverse=True)
        return SearchGroup(kind, tuple(hits), more)

    # -- the index ------------------------------------------------------------------------

    def rebuild_index(self) -> RebuildReport:
        """Start the index over from the journal's rows, in one transaction."""
        with self._ctx.db.raw() as connection:
            report = search_index.rebuild(connection)
        self._state = None
        self._notice_given = False
        self._ctx.changed(Topic.SEARCH)
        return report
