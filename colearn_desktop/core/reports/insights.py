"""Insights: what the market is teaching you, across every client (co-learning).

- Every "what I learned", newest first, filtered by tag, stage, period and words.
- Learnings counted per tag, to browse them by tag.
- "What clients ask for": the most frequent themes in "they asked", as plain word and
  two-word-phrase counts with a stop-word list (no network, no model).
- Counts for the charts: conversations per month, touches per stage.

The conversations chart follows the period: for "last 30/90 days" and "last 12 months" it
has a bar for every calendar month the period touches (the first bar counts only the days
inside the period, so "last 12 months" shows 13 bars, the first one partial); for "all time"
it runs from the month of the first conversation matching the filter to this month.  Bars
stay readable by never being more than ``MAX_BARS`` (36): a longer range is grouped by
quarter ("2024-Q3"), and one longer than 36 quarters (nine years) by year ("2024").

Filters on tag and stage apply to the people in a conversation (any of them).  Everything is
counted by SQL; only the asks are tokenised in Python, after SQL has grouped identical asks, and
at most the newest ``MAX_ASKS`` distinct ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.fulltext.search import SearchKind, SearchService
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.text import fold
from colearn_desktop.core.unreadable import each_readable

MAX_LEARNINGS = 500
MAX_TEXT_MATCHES = 5000
MAX_ASKS = 20000
THEMES = 15
MAX_BARS = 36  # of the conversations chart: more months are grouped by quarter, then by year


class Period(StrEnum):
    DAYS_30 = "30d"
    DAYS_90 = "90d"
    YEAR = "12m"
    ALL = "all"

    def since(self, today: date) -> date | None:
        days = {"30d": 30, "90d": 90, "12m": 365}.get(self.value)
        return None if days is None else today - timedelta(days=days)


@dataclass(frozen=True)
class InsightFilter:
    text: str = ""
    tag: str | None = None
    stage: Stage | None = None
    period: Period = Period.ALL
    # Only conversations where nobody has a tag (``tag`` is then ignored).
    untagged: bool = False


@dataclass(frozen=True)
class LearningRow:
    conversation_id: int
    happened_at: datetime
    learned: str
    contact_id: int
    contact_name: str
    stage: Stage
    tags: str


@dataclass(frozen=True)
class Count:
    """A label (a tag, a theme, a stage, a month "YYYY-MM", a quarter "YYYY-Qn" or a year
    "YYYY") and how often it occurs.
    ``label`` is None for "no tag"."""

    label: str | None
    count: int


_FIRST_PARTICIPANT = """
    (SELECT cc.contact_id FROM conversation_contact cc JOIN contact x ON x.id = cc.contact_id
     WHERE cc.conversation_id = cv.id ORDER BY x.archived_at IS NOT NULL, x.sort_name LIMIT 1)
"""

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    few for from further get got had has have having he her here hers him his how i if in into
    is it its itself just like me more most my myself no nor not now of off on once only or
    other our ours out over own please same she should so some such than that the their theirs
    them then there these they this those through to too under until up us very was we were
    what when where whether which while who whom why will with would you your yours
    ask asked asks asking want wants wanted need needs needed someone something anything
    whether maybe
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def themes(asks: list[tuple[str, int]], limit: int = THEMES) -> list[Count]:
    """The most frequent words and two-word phrases in ``asks`` ((text, times) pairs), each
    counted once per ask.  A word is left out when a phrase containing it is nearly as
    frequent (it says the same thing less precisely)."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text, times in asks:
        tokens = [m.group(0) for m in _WORD.finditer(text)]
        keys = [fold(t) for t in tokens]
        for token, key in zip(tokens, keys, strict=True):
            shown.setdefault(key, token.lower())
        usable = {k for k in keys if k not in STOP_WORDS and len(k) > 1 and not k.isdigit()}
        for key in usable:
            words[key] += times
        bigrams = {
            (left, right) for left, right in pairwise(keys) if left in usable and right in usable
        }
        for left, right in bigrams:
            pairs[f"{left} {right}"] += times
            shown.setdefault(f"{left} {right}", f"{shown[left]} {shown[right]}")
    found: list[tuple[str, int]] = [(p, n) for p, n in pairs.items() if n > 1]
    covered = Counter[str]()
    for phrase, n in found:
        for word in phrase.split():
            covered[word] = max(covered[word], n)
    found += [(w, n) for w, n in words.items() if covered[w] < 0.8 * n]
    found.sort(key=lambda item: (-item[1], item[0]))
    return [Count(shown.get(key, key), n) for key, n in found[:limit]]


@dataclass(frozen=True)
class InsightsOverview:
    """Everything the insights screen shows for one filter, read in one go."""

    filter: InsightFilter
    learnings: list[LearningRow]
    learning_count: int
    # Learnings matching the filter whatever their tag (the "All tags" entry).
    all_tags_count: int
    by_tag: list[Count]
    themes: list[Count]
    months: list[Count]
    stages: list[Count]
    # The words matched more learnings than are looked at (MAX_TEXT_MATCHES, newest first):
    # the counts are then lower bounds.
    counts_capped: bool = False


def _month_of(key: str) -> tuple[int, int]:
    return int(key[:4]), int(key[5:7])


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    year, month = first
    result = []
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return result


def _quarter(month_key: str) -> str:
    return f"{month_key[:4]}-Q{(int(month_key[5:7]) + 2) // 3}"


def _year(month_key: str) -> str:
    return month_key[:4]


class InsightsService:
    def __init__(self, ctx: ServiceContext, search: SearchService):
        self._ctx = ctx
        self._search = search

    # -- filters --------------------------------------------------------------------------

    def _where(
        self, f: InsightFilter, params: dict[str, Any], *, text: bool, tag: bool = True
    ) -> str:
        clauses = ["cv.deleted_at IS NULL"]
        since = f.period.since(self._ctx.clock.today())
        if since is not None:
            # "+" keeps SQLite off the happened_at index here: for counting, reading the table
            # in order is faster than jumping through it by date (measured 3 to 10 times at a
            # million conversations); a newest-first list still walks that index for ORDER BY.
            clauses.append("+cv.happened_at >= :since")
            params["since"] = since.isoformat()
        people = []
        if f.stage is not None:
            people.append("p.stage = :stage")
            params["stage"] = Stage(f.stage).value
        if tag and f.untagged:
            clauses.append(
                "NOT EXISTS (SELECT 1 FROM conversation_contact uc JOIN contact_tag ut "
                "ON ut.contact_id = uc.contact_id WHERE uc.conversation_id = cv.id)"
            )
        elif tag and f.tag:
            people.append(
                "EXISTS (SELECT 1 FROM contact_tag ft JOIN tag t ON t.id = ft.tag_id "
                "WHERE ft.contact_id = p.id AND t.name_key = :tag)"
            )
            params["tag"] = fold(f.tag)
        if people:
            clauses.append(
                "EXISTS (SELECT 1 FROM conversation_contact pc JOIN contact p "
                "ON p.id = pc.contact_id WHERE pc.conversation_id = cv.id AND "
                + " AND ".join(people)
                + ")"
            )
        if text:
            ids = self._search.matching_ids(SearchKind.LEARNING, f.text, MAX_TEXT_MATCHES)
            if ids is not None:
                clauses.append("cv.id IN (SELECT value FROM json_each(:ids))")
                params["ids"] = json.dumps(ids)
        return " AND ".join(clauses)

    def _rows(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        with self._ctx.db.read_raw() as connection:
            return connection.execute(sql, params).fetchall()

    def overview(self, f: InsightFilter = InsightFilter()) -> InsightsOverview:
        any_tag = replace(f, tag=None, untagged=False)
        matched = self._search.matching_ids(SearchKind.LEARNING, f.text, MAX_TEXT_MATCHES)
        return InsightsOverview(
            filter=f,
            learnings=self.learnings(f),
            learning_count=self.learning_count(f),
            all_tags_count=self.learning_count(any_tag),
            by_tag=self.learnings_by_tag(f),
            themes=self.asked_themes(f),
            months=self.conversations_per_month(f),
            stages=self.touches_per_stage(f),
            counts_capped=matched is not None and len(matched) >= MAX_TEXT_MATCHES,
        )

    # -- learnings ------------------------------------------------------------------------

    def learnings(
        self, f: InsightFilter = InsightFilter(), limit: int = MAX_LEARNINGS
    ) -> list[LearningRow]:
        """Every "what I learned" matching ``f``, newest first (at most ``limit``)."""
        params: dict[str, Any] = {"limit": limit}
        where = self._where(f, params, text=True)
        sql = f"""
            SELECT cv.id, cv.happened_at, cv.learned, c.id, c.display_name, c.stage,
                   COALESCE((SELECT group_concat(name, ', ') FROM (
                       SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
                       WHERE ct.contact_id = c.id ORDER BY t.name_key)), '')
            FROM conversation cv JOIN contact c ON c.id = {_FIRST_PARTICIPANT}
            WHERE cv.learned <> '' AND {where}
            ORDER BY cv.happened_at DESC, cv.id DESC LIMIT :limit
        """
        return each_readable(
            self._rows(sql, params),
            lambda row: LearningRow(
                row[0],
                datetime.fromisoformat(row[1]),
                row[2],
                row[3],
                row[4],
                Stage(row[5]),
                row[6],
            ),
            "conversation",
            "the learnings",
        )

    def learning_count(self, f: InsightFilter = InsightFilter()) -> int:
        params: dict[str, Any] = {}
        where = self._where(f, params, text=True)
        sql = f"SELECT count(*) FROM conversation cv WHERE cv.learned <> '' AND {where}"
        count: int = self._rows(sql, params)[0][0]
        return count

    def learnings_by_tag(self, f: InsightFilter = InsightFilter()) -> list[Count]:
        """How many learnings (matching ``f`` except its tag) each tag has, most first; the
        last entry (label None) counts learnings from people without any tag."""
        params: dict[str, Any] = {}
        where = self._where(f, params, text=True, tag=False)
        sql = f"""
            SELECT t.name, count(DISTINCT cv.id) AS n
            FROM conversation cv
            JOIN conversation_contact cc ON cc.conversation_id = cv.id
            JOIN contact_tag ct ON ct.contact_id = cc.contact_id
            JOIN tag t ON t.id = ct.tag_id
            WHERE cv.learned <> '' AND {where}
            GROUP BY t.id ORDER BY n DESC, t.name_key
        """
        untagged = f"""
            SELECT count(*) FROM conversation cv
            WHERE cv.learned <> '' AND {where} AND NOT EXISTS (
                SELECT 1 FROM conversation_contact cc JOIN contact_tag ct
                ON ct.contact_id = cc.contact_id WHERE cc.conversation_id = cv.id)
        """
        with self._ctx.db.read_raw() as connection:
            counts = [Count(name, n) for name, n in connection.execute(sql, params)]
            none = connection.execute(untagged, params).fetchone()[0]
        if none:
            counts.append(Count(None, none))
        return counts

    # -- what clients ask for -------------------------------------------------------------

    def asked_themes(self, f: InsightFilter = InsightFilter(), limit: int = THEMES) -> list[Count]:
        params: dict[str, Any] = {"max": MAX_ASKS}
        where = self._where(f, params, text=False)
        sql = f"""
            SELECT cv.they_asked, count(*) FROM conversation cv
            WHERE cv.they_asked <> '' AND {where}
            GROUP BY cv.they_asked ORDER BY max(cv.happened_at) DESC LIMIT :max
        """
        return themes([(text, n) for text, n in self._rows(sql, params)], limit)

    # -- charts ---------------------------------------------------------------------------

    def conversations_per_month(self, f: InsightFilter = InsightFilter()) -> list[Count]:
        """Conversations matching ``f`` (its words aside) in each month of its period, oldest
        first, months without any counted as zero; see the module docstring for the range
        and when months are grouped into quarters ("YYYY-Qn") or years ("YYYY").  One
        GROUP BY in SQL; Python only fills the gaps and sums at most a few hundred months."""
        today = self._ctx.clock.today()
        params: dict[str, Any] = {}
        where = self._where(replace(f, text=""), params, text=False)
        sql = f"""
            SELECT substr(cv.happened_at, 1, 7), count(*) FROM conversation cv
            WHERE {where} GROUP BY 1
        """
        found: dict[str, int] = dict(self._rows(sql, params))
        since = f.period.since(today)
        if since is None and not found:
            return []
        first = (since.year, since.month) if since else _month_of(min(found))
        last = max((today.year, today.month), _month_of(max(found)) if found else (0, 0))
        months = [f"{y:04d}-{m:02d}" for y, m in _months(first, last)]
        if len(months) <= MAX_BARS:
            return [Count(key, found.get(key, 0)) for key in months]
        quarterly = len({_quarter(key) for key in months}) <= MAX_BARS
        bucket = _quarter if quarterly else _year
        totals: dict[str, int] = {}
        for key in months:
            totals[bucket(key)] = totals.get(bucket(key), 0) + found.get(key, 0)
        return [Count(key, n) for key, n in totals.items()]

    def touches_per_stage(self, f: InsightFilter = InsightFilter()) -> list[Count]:
        """Conversations per stage of the people in them (a conversation with two people
        counts for each), in the order of the customer's path."""
        params: dict[str, Any] = {}
        where = self._where(replace(f, text="", stage=None), params, text=False)
        sql = f"""
            SELECT c.stage, count(*) FROM conversation cv
            JOIN conversation_contact cc ON cc.conversation_id = cv.id
            JOIN contact c ON c.id = cc.contact_id
            WHERE {where} GROUP BY c.stage
        """
        found = dict(self._rows(sql, params))
        return [Count(stage.value, found.get(stage.value, 0)) for stage in Stage]
