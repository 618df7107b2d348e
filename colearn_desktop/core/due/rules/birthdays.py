"""Birthdays, with or without a year.

Each contact's next birthday is the first one on or after (today − ``grace_days``): a missed
birthday stays on Today for the grace period (a belated wish still counts), then waits for next
year.  It shows ``settings.birthday_notice_days`` days ahead.  Someone born on 29 February
is remembered on 28 February in years that are not leap years.  The key carries the year
(``birthday:<contact>:<year>``), so "done" this year brings next year's back by itself.
"""

from __future__ import annotations

import calendar
import sqlite3
from datetime import date, timedelta

from colearn_desktop.core.due.common import (
    ARCHIVED,
    CHOSEN,
    Days,
    Window,
    pick,
    required,
    shown,
)
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import DueRule, Found, Row, Words, done_this_time, titled
from colearn_desktop.core.storage.settings import JournalSettings


def _in_year(year: str) -> str:
    feb = f":feb_{year}"
    return (
        f"printf('%04d-%02d-%02d', :{year}, c.birthday_month, "
        f"CASE WHEN c.birthday_month = 2 AND c.birthday_day = 29 THEN {feb} "
        "ELSE c.birthday_day END)"
    )


_NOTICE = "date(b.occurs, :notice)"
PREFIX = "birthday"  # the key: birthday:<contact>:<year>
_KEY = f"'{PREFIX}:' || b.id || ':' || substr(b.occurs, 1, 4)"


def _query(days: str, filters: str, *, details: bool = False, narrow: bool = False) -> str:
    """Each active contact's next birthday, from (today − grace); its candidates (read from
    the (month, day) index alone) or its details (``narrow``: of the contacts chosen)."""
    if details:
        columns = f"""b.id, b.display_name, b.birthday_month, b.birthday_day, b.birthday_year,
            b.occurs, s.snoozed_until,
            max(b.occurs, COALESCE(s.snoozed_until, '')) AS urgent_on,
            max({_NOTICE}, COALESCE(s.snoozed_until, '')) AS shown_from,
            b.sort_name AS sort_name"""
        contact = "c.display_name, c.sort_name, c.birthday_year,"
    else:
        columns = f"""b.id, max(b.occurs, COALESCE(s.snoozed_until, '')),
            max({_NOTICE}, COALESCE(s.snoozed_until, ''))"""
        contact = ""
    source = "contact c NOT INDEXED" if narrow else "contact c"
    return f"""
    WITH b AS MATERIALIZED (
        SELECT c.id, {contact} c.birthday_month, c.birthday_day,
               CASE WHEN {_in_year("y0")} >= :from THEN {_in_year("y0")} ELSE {_in_year("y1")} END
                 AS occurs
        FROM {source}
        WHERE c.birthday_month IS NOT NULL AND c.id NOT IN {ARCHIVED} {days} {filters}
              {f"AND c.id IN {CHOSEN}" if narrow else ""}
    )
    SELECT {columns}
    FROM b
    LEFT JOIN due_item_state s ON s.key = {_KEY}
    WHERE {_NOTICE} <= :until
      AND (s.done_for IS NULL OR s.done_for < b.occurs)
      AND COALESCE(s.snoozed_until, '') <= :until
"""


def day_ranges(first: date, last: date) -> list[tuple[int, int, int]]:
    """(month, first day, last day) covering every birthday that falls between ``first`` and
    ``last``; empty when that is a whole year or more (no narrowing).  Lets SQLite read only
    those contacts through the (month, day) index instead of every contact."""
    if (last - first).days >= 365:
        return []
    ranges = []
    day = first
    while day <= last:
        month_end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        end = min(month_end, last)
        high = end.day
        # 29 February is kept on 28 February in other years.
        if day.month == 2 and high == 28 and not calendar.isleap(day.year):
            high = 29
        ranges.append((day.month, day.day, high))
        day = end + timedelta(days=1)
    return ranges


def _days_sql(ranges: list[tuple[int, int, int]], params: dict[str, object]) -> str:
    if not ranges:
        return ""
    arms = []
    for i, (month, low, high) in enumerate(ranges):
        params.update({f"bm{i}": month, f"bl{i}": low, f"bh{i}": high})
        arms.append(f"(c.birthday_month = :bm{i} AND c.birthday_day BETWEEN :bl{i} AND :bh{i})")
    return "AND (" + " OR ".join(arms) + ")"


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    start = window.today - timedelta(days=settings.grace_days)
    params = {
        **window.params(),
        "from": start.isoformat(),
        "y0": start.year,
        "y1": start.year + 1,
        "feb_y0": 29 if calendar.isleap(start.year) else 28,
        "feb_y1": 29 if calendar.isleap(start.year + 1) else 28,
        "notice": f"-{settings.birthday_notice_days} days",
    }
    last = window.until + timedelta(days=settings.birthday_notice_days)
    days = _days_sql(day_ranges(start, last), params)
    filters = window.where("c.id", "c.id")
    return pick(
        connection,
        params,
        candidates=_query(days, filters),
        details=lambda narrow: _query(days, filters, details=True, narrow=narrow),
    )


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    """Shown from the notice period before the day (or a later snooze); one key a year."""
    contact_id, name, month, birth_day, year, occurs, snoozed, _u, _s, _n = row
    due_on, snoozed_until = required(day[occurs]), day[snoozed]
    facts = {
        "month": month,
        "day": birth_day,
        "year": year,
        "age": due_on.year - year if year else None,
    }
    notice = shown(due_on - timedelta(days=settings.birthday_notice_days), snoozed_until)
    return Found((contact_id, due_on.year), due_on, snoozed_until, contact_id, name, facts, notice)


def title(item: DueItem, words: Words) -> str:
    return words.text("%1's birthday", item.contact_name)


def reason(item: DueItem, today: date, words: Words) -> str:
    day = words.day_of_year(item.due_on)
    if item.facts["age"]:
        return words.count("turns %n on %1", item.facts["age"], day)
    return words.text("on %1", day)


RULE = DueRule(
    kind=DueKind.BIRTHDAY,
    prefix=PREFIX,
    parts=2,
    label="Birthdays",
    table="contact",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done_this_time,
    phrase=titled(title),
)
