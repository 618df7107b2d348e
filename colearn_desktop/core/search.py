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
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import search_index
from . import search_schema as schema
from .context import ServiceContext
from .enums import Channel, FavourDirection, FavourKind, FavourStatus
from .errors import JournalError
from .fts_query import SearchTerms, Snippet, make_snippet
from .search_index import IndexState, RebuildReport
from .text import fold
from .validation import from_cents

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


def _day(value: Any) -> date | None:
    if not value:
        return None
    return datetime.fromisoformat(value).date() if len(value) > 10 else date.fromisoformat(value)


# The first participant of a conversation: active people before archived, then by name.
_FIRST_PARTICIPANT = """
    (SELECT cc.contact_id FROM conversation_contact cc JOIN contact x ON x.id = cc.contact_id
     WHERE cc.conversation_id = cv.id ORDER BY x.archived_at IS NOT NULL, x.sort_name LIMIT 1)
"""

_DETAILS = {
    SearchKind.CONTACT: """
        SELECT c.id, c.id, c.display_name, c.archived_at IS NOT NULL, c.sort_name,
               s.name, s.company, s.emails, s.tags, s.how_met, s.notes, c.company
        FROM contact c JOIN search_contact_source s ON s.id = c.id
        WHERE c.id IN ({ids})""",
    SearchKind.CONVERSATION: f"""
        SELECT cv.id, c.id, c.display_name, c.archived_at IS NOT NULL, cv.happened_at,
               cv.notes, cv.they_asked, cv.next_step, cv.channel,
               (SELECT count(*) FROM conversation_contact n WHERE n.conversation_id = cv.id)
        FROM conversation cv JOIN contact c ON c.id = {_FIRST_PARTICIPANT}
        WHERE cv.id IN ({{ids}})""",
    SearchKind.LEARNING: f"""
        SELECT cv.id, c.id, c.display_name, c.archived_at IS NOT NULL, cv.happened_at,
               cv.learned,
               (SELECT count(*) FROM conversation_contact n WHERE n.conversation_id = cv.id)
        FROM conversation cv JOIN contact c ON c.id = {_FIRST_PARTICIPANT}
        WHERE cv.id IN ({{ids}})""",
    SearchKind.FAVOUR: """
        SELECT f.id, c.id, c.display_name, c.archived_at IS NOT NULL, f.started_on,
               f.description, f.notes, f.direction, f.kind, f.status
        FROM favour f JOIN contact c ON c.id = f.contact_id
        WHERE f.id IN ({ids})""",
    SearchKind.PURCHASE: """
        SELECT p.id, c.id, c.display_name, c.archived_at IS NOT NULL, p.purchased_on,
               p.what, p.notes, p.amount_cents, p.currency
        FROM purchase p JOIN contact c ON c.id = p.contact_id
        WHERE p.id IN ({ids})""",
}


def _hit(kind: SearchKind, row: tuple[Any, ...], terms: SearchTerms, width: int) -> SearchHit:
    item_id, contact_id, name, archived = row[0], row[1], row[2], bool(row[3])
    base: dict[str, Any] = {
        "kind": kind,
        "item_id": item_id,
        "contact_id": contact_id,
        "contact_name": name,
        "contact_archived": archived,
    }
    if kind is SearchKind.CONTACT:
        fields = list(zip(schema.CONTACT.columns, row[5:11], strict=True))
        snippet = make_snippet(fields, terms, width)
        return SearchHit(**base, snippet=snippet, company=row[11])
    if kind is SearchKind.CONVERSATION:
        fields = list(zip(schema.CONVERSATION.columns, row[5:8], strict=True))
        return SearchHit(
            **base,
            snippet=make_snippet(fields, terms, width),
            when=_day(row[4]),
            channel=Channel(row[8]),
            participants=row[9],
        )
    if kind is SearchKind.LEARNING:
        return SearchHit(
            **base,
            snippet=make_snippet([("learned", row[5])], terms, width),
            when=_day(row[4]),
            participants=row[6],
        )
    if kind is SearchKind.FAVOUR:
        fields = [("description", row[5]), ("notes", row[6])]
        return SearchHit(
            **base,
            snippet=make_snippet(fields, terms, width),
            when=_day(row[4]),
            title=row[5],
            direction=FavourDirection(row[7]),
            favour_kind=FavourKind(row[8]),
            status=FavourStatus(row[9]),
        )
    fields = [("what", row[5]), ("notes", row[6])]
    return SearchHit(
        **base,
        snippet=make_snippet(fields, terms, width),
        when=_day(row[4]),
        title=row[5],
        amount=from_cents(row[7]),
        currency=row[8],
    )


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
        self, kind: SearchKind, terms: SearchTerms, indexed: bool, *, name_only: bool
    ) -> tuple[str, list[str]]:
        """SQL (ending in a ``LIMIT ?`` left to bind) for the ids of matching rows."""
        index = _KIND_INDEX[kind]
        if indexed:
            query = terms.fts_in_columns("name") if name_only else terms.fts()
            sql = (
                f"SELECT rowid FROM {index.table} WHERE {index.table} MATCH ? "
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
            f"SELECT id FROM {index.source} WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT ?"
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
        name_ids: list[int] = []
        if kind is SearchKind.CONTACT:
            # People whose name matches come first, however many others mention the words.
            sql, params = self._id_query(kind, terms, indexed, name_only=True)
            name_ids = [r[0] for r in connection.execute(sql, (*params, limit + 1))]
        sql, params = self._id_query(kind, terms, indexed, name_only=False)
        found = [r[0] for r in connection.execute(sql, (*params, limit + 1))]
        ids = list(dict.fromkeys(name_ids + found))
        more = len(ids) > limit
        ids = ids[:limit]
        if not ids:
            return SearchGroup(kind, ())
        marks = ",".join("?" * len(ids))
        rows = connection.execute(_DETAILS[kind].format(ids=marks), ids).fetchall()
        hits = [_hit(kind, row, terms, width) for row in rows]
        if kind is SearchKind.CONTACT:
            by_name = set(name_ids)
            sort_names = {row[0]: row[4] for row in rows}
            hits = [replace(h, name_matched=h.item_id in by_name) for h in hits]
            hits.sort(key=lambda h: (not h.name_matched, h.contact_archived, sort_names[h.item_id]))
        else:
            hits.sort(key=lambda h: (h.when or date.min, h.item_id), reverse=True)
        return SearchGroup(kind, tuple(hits), more)

    # -- the index ------------------------------------------------------------------------

    def rebuild_index(self) -> RebuildReport:
        """Start the index over from the journal's rows, in one transaction."""
        with self._ctx.db.raw() as connection:
            report = search_index.rebuild(connection)
        self._state = None
        self._notice_given = False
        self._ctx.changed("search")
        return report

    def index_problems(self, connection: sqlite3.Connection, *, full: bool) -> list[str]:
        return search_index.problems(connection, full=full)
