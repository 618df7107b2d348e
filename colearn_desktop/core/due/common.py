"""What every rule module shares: the window it looks at, date parsing, and the
two ways a rule runs its SQL (:func:`run`, :func:`pick`).

Each rule is a query or two over the driver connection (plain tuples back, no per-row
query).  A rule returns every item whose first day on Today (``shown_from``) is on or before
``window.until``; snoozes and "done" states are applied inside the query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from colearn_desktop.core.due.records import DueCount, DueItem

# What a rule hands back per item: the item behind its place in the list (urgent_on, the
# kind's place in :data:`KIND_ORDER`, the contact's name casefolded, the key), so that the
# service sorts plain tuples: for tens of thousands of items, working the key out from each
# item costs more than the rule's SQL.
Entry = tuple[date, int, str, str, DueItem]


def entry(
    urgent_on: date,
    order: int,
    item: DueItem,
) -> Entry:
    """``item`` behind its place in the list (see :data:`Entry`)."""
    return (urgent_on, order, item.contact_name.casefold(), item.key, item)


@dataclass(frozen=True)
class Window:
    today: date
    until: date
    # At most this many items per rule, the most overdue (None: all of them).
    limit: int | None = None
    # Only items about this contact (the contact page, the contacts list's "next due").
    contact_id: int | None = None
    # Only the item of this row (a purchase, conversation, favour ...): acting on one key.
    entity_id: int | None = None

    def params(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "until": self.until.isoformat(),
            "contact_id": self.contact_id,
            "entity_id": self.entity_id,
            "limit": -1 if self.limit is None else self.limit,
        }

    def days_after(self, name: str, days: int) -> dict[str, object]:
        """Parameters for a rule whose items fall ``days`` after a day of their row (a
        favour's start, an ask's sending): ``:<name>`` ('+N days', for SQLite's ``date()``)
        and ``:<name>_until``, the last such day whose item falls by ``until``."""
        return {
            name: f"+{days} days",
            f"{name}_until": (self.until - timedelta(days=days)).isoformat(),
        }

    def where(self, contact_column: str | None, entity_column: str | None) -> str:
        """Extra ``AND`` clauses for the optional filters (bound parameters only)."""
        clauses = ""
        if self.contact_id is not None and contact_column:
            clauses += f" AND {contact_column} = :contact_id"
        if self.entity_id is not None and entity_column:
            clauses += f" AND {entity_column} = :entity_id"
        return clauses


class Days(dict[str | None, date | None]):
    """Stored dates (see :func:`to_date`) by their text, each parsed once, on first lookup:
    thousands of items share a few hundred days, and a lookup costs a fraction of a call."""

    def __missing__(self, text: str | None) -> date | None:
        found = self[text] = to_date(text)
        return found


def dates() -> Days:
    """A parser of stored dates, used as ``day[text]`` (``None`` or empty: ``None``)."""
    return Days({None: None, "": None})


def required(day: date | None) -> date:
    """A date the row cannot do without (when it is due, when it started): a missing one is a
    stored value that cannot be read, so the caller leaves the row out and says so, instead of
    failing later on ``None``."""
    if day is None:
        raise ValueError("a due item without a date")
    return day


def to_date(text: str | None) -> date | None:
    """A stored date or timestamp (``YYYY-MM-DD[ HH:MM:SS...]``) as a calendar date."""
    if not text:
        return None
    return date.fromisoformat(text[:10])


def _limit_and_today(params: dict[str, object]) -> tuple[int, str]:
    """The two parameters of every rule's query that the Python side reads too (set by
    :meth:`Window.params`)."""
    limit, today = params["limit"], params["today"]
    assert isinstance(limit, int)
    assert isinstance(today, str)
    return limit, today


def run(
    connection: sqlite3.Connection,
    inner: str,
    params: dict[str, object],
    counter: str | None = None,
) -> tuple[list[tuple[Any, ...]], DueCount]:
    """Run a rule's query, most overdue first, cut at the window's limit, with its counts.

    ``inner`` selects the rule's own columns followed by ``urgent_on`` (due day moved by a
    snooze), ``shown_from`` and ``sort_name``; the rows come back with those three last
    (rules unpack them rather than copy every row without them).  The counts come from the
    rows themselves unless the limit cut them short; only then (or with a limit of 0: counts
    only) a second, aggregate query counts them all.  For rules whose rows come out of an
    index in that order (keep in touch) or are few (thank-yous, the user's reminders); the
    others pick the items shown first (:func:`pick`).  ``counter``, when given, is that
    aggregate query written for the rule (all, overdue, on Today), cheaper than counting
    ``inner``.
    """
    limit, today = _limit_and_today(params)
    rows: list[tuple[Any, ...]] = []
    if limit != 0:
        rows = connection.execute(
            f"SELECT * FROM ({inner}) ORDER BY urgent_on, sort_name LIMIT :limit", params
        ).fetchall()
    if limit == -1 or len(rows) < limit:
        return rows, _count(rows, today, -3, -2)
    if counter is None:
        counter = (
            "SELECT count(*), total(urgent_on < :today), total(shown_from <= :today)"
            f" FROM ({inner})"
        )
    total, overdue, on_today = connection.execute(counter, params).fetchone()
    return rows, DueCount(total, int(overdue), int(on_today))


# The condition of a rule's detail query that narrows it to the items :func:`pick` chose:
# ``<id column> IN CHOSEN``.
CHOSEN = "(SELECT value FROM json_each(:chosen))"


def chosen(arm: int) -> str:
    """:data:`CHOSEN` for a rule whose query is a ``UNION ALL`` of arms (see :func:`pick`):
    the ids chosen in arm ``arm``, so that no arm reads the rows the others chose."""
    return f"(SELECT value FROM json_each(:chosen{arm}))"


def pick(
    connection: sqlite3.Connection,
    params: dict[str, object],
    *,
    candidates: str,
    details: Callable[[bool], str],
    arms: int = 0,
) -> tuple[list[tuple[Any, ...]], DueCount]:
    """Run a rule in two steps, so that only the items shown cost a row and a name.

    ``candidates`` selects ``id, urgent_on[, shown_from]`` of every item of the rule (cheap:
    it should read an index only, no contact row, no text; without ``shown_from`` it is
    ``urgent_on``); the counts come from those.  ``details(narrow)`` selects the rule's own
    columns followed by ``urgent_on``, ``shown_from`` and ``sort_name`` (the rows come back
    with those three last, as from :func:`run`): every item, or with ``narrow`` only those
    whose id is in :data:`CHOSEN`, read by id.  Details are read for every item when there
    is no limit or it keeps them all, else for the most overdue: the items whose
    ``urgent_on`` is on or before that of the limit-th one, cut at the limit after ordering
    by name in SQL.  (Without a limit the candidates are not read at all: the details are
    counted.)

    With ``arms`` (a query that is a ``UNION ALL`` of that many arms, each a range of its
    own), ``candidates`` selects ``id, urgent_on, arm`` instead, and each arm of the narrow
    details reads only the ids chosen in it: ``<id column> IN chosen(arm)``.
    """
    limit, today = _limit_and_today(params)
    if limit == -1:
        rows = connection.execute(details(False), params).fetchall()
        return rows, _count(rows, today, -3, -2)
    found = connection.execute(candidates, params).fetchall()
    count = _count(found, today, 1, 1 if arms else -1)
    if limit == 0 or not found:
        return [], count
    if len(found) <= limit:
        sql = details(False)
    else:
        # The limit-th smallest day (sorting thousands of short strings in C is cheaper
        # than keeping a heap of them in Python).
        last = sorted([r[1] for r in found])[limit - 1]
        if arms:
            picked: list[list[int]] = [[] for _arm in range(arms)]
            for item_id, urgent, arm in found:
                if urgent <= last:
                    picked[arm].append(item_id)
            params = {**params, **{f"chosen{i}": json.dumps(ids) for i, ids in enumerate(picked)}}
        else:
            params = {**params, "chosen": json.dumps([r[0] for r in found if r[1] <= last])}
        sql = details(True)
    rows = connection.execute(
        f"SELECT * FROM ({sql}) ORDER BY urgent_on, sort_name LIMIT :limit", params
    ).fetchall()
    return rows, count


def _count(rows: list[tuple[Any, ...]], today: str, urgent: int, shown: int) -> DueCount:
    """All, overdue (``urgent`` column before ``today``) and on Today (``shown`` column on or
    before it); the columns hold ISO days, compared as text in C (``map`` of a bound
    method) rather than by a Python expression per row."""
    if not rows:
        return DueCount()
    width = len(rows[0])
    urgent_days = [r[urgent] for r in rows]
    shown_days = urgent_days if urgent % width == shown % width else [r[shown] for r in rows]
    return DueCount(
        len(rows), sum(map(today.__gt__, urgent_days)), sum(map(today.__ge__, shown_days))
    )


# Archived contacts, read once per query from an index (``NOT IN`` ARCHIVED): a rule can then
# leave out their items without reading a contact row per item.
ARCHIVED = "(SELECT id FROM contact WHERE archived_at IS NOT NULL)"


def shown(due_on: date, snoozed_until: date | None) -> date:
    return max(due_on, snoozed_until) if snoozed_until else due_on


def need_date(text: str | None) -> date:
    return required(to_date(text))
