"""Search everything: contacts, conversations, learnings, favours and purchases.

Each group is one query against its own FTS5 table (see :mod:`search_schema`), limited to a
few rows and read in index order (newest row first), never ranked: ranking a very common word
means scoring every row that contains it, which over a million conversations costs hundreds of
milliseconds, while reading the first twenty rows of a doclist costs well under one.  The rows
are shown in the order they are picked (contacts whose name matches first, then the others;
each newest row first), so a search with a limit shows the first rows of the same search
without one and a longer list only adds to its end; each is joined with its contact.

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

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext import search_index
from colearn_desktop.core.fulltext.fts_query import SearchTerms
from colearn_desktop.core.fulltext.search_hits import (
    DETAILS,
    SearchGroup,
    SearchHit,
    SearchKind,
    SearchResults,
    contact_hits,
    conversation_hits,
    other_hits,
)
from colearn_desktop.core.fulltext.search_index import IndexState, RebuildReport
from colearn_desktop.core.storage import search_schema as schema
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.text import fold

# What callers import from here (the hits live in :mod:`.search_hits`).
__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "NO_INDEX_NOTICE",
    "SearchCancelledError",
    "SearchGroup",
    "SearchHit",
    "SearchKind",
    "SearchResults",
    "SearchService",
]

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


_KIND_INDEX = {
    SearchKind.CONTACT: schema.CONTACT,
    SearchKind.CONVERSATION: schema.CONVERSATION,
    SearchKind.LEARNING: schema.LEARNING,
    SearchKind.FAVOUR: schema.FAVOUR,
    SearchKind.PURCHASE: schema.PURCHASE,
}


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
            sql = DETAILS[kind].format(names=names, ids=ids)
            params: list[object] = [*by_name, limit + 1, *anywhere, limit + 1]
        else:
            ids, found = self._id_query(kind, terms, indexed, name_only=False)
            sql = DETAILS[kind].format(ids=ids)
            params = [*found, limit + 1]
        rows = connection.execute(sql, params).fetchall()
        if kind is SearchKind.CONTACT:
            hits, more = contact_hits(rows, terms, limit, width)
        elif kind in (SearchKind.CONVERSATION, SearchKind.LEARNING):
            hits, more = conversation_hits(kind, rows, terms, limit, width)
        else:
            hits, more = other_hits(kind, rows, terms, limit, width)
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
