"""Recurring dates that stay on the calendar the user meant.

A series is an *anchor* date plus "every N days / weeks / months / years".  Occurrence ``k`` is
always computed from the anchor, never from the previous occurrence, so a monthly series
anchored on 31 January goes 31 Jan → 28 Feb (29 in a leap year) → 31 Mar → 30 Apr → 31 May:
the short month borrows its last day and the next month returns to the 31st.  A yearly series
on 29 February falls on 28 February in other years.  Only calendar dates are involved, so
daylight-saving changes cannot move an occurrence.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from colearn_desktop.core.enums import RepeatUnit


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(start: date, months: int, day: int | None = None) -> date:
    """``start`` moved by ``months`` calendar months, on ``day`` (default: the start's day),
    or on the month's last day when the month is shorter."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    wanted = start.day if day is None else day
    return date(year, month, min(wanted, days_in_month(year, month)))


def occurrence(anchor: date, unit: RepeatUnit | str, every: int, k: int) -> date:
    """The ``k``-th date of the series (``k = 0`` is the anchor itself)."""
    unit = RepeatUnit(unit)
    if unit is RepeatUnit.DAY:
        return anchor + timedelta(days=every * k)
    if unit is RepeatUnit.WEEK:
        return anchor + timedelta(weeks=every * k)
    if unit is RepeatUnit.MONTH:
        return add_months(anchor, every * k)
    return add_months(anchor, 12 * every * k)


def _index_near(anchor: date, unit: RepeatUnit, every: int, after: date) -> int:
    """An occurrence index at or just below the first one after ``after`` (cheap estimate)."""
    if after < anchor:
        return 0
    if unit in (RepeatUnit.DAY, RepeatUnit.WEEK):
        step = every * (7 if unit is RepeatUnit.WEEK else 1)
        return (after - anchor).days // step
    months = (after.year - anchor.year) * 12 + (after.month - anchor.month)
    per = every * (12 if unit is RepeatUnit.YEAR else 1)
    return max(months // per - 1, 0)


def next_after(anchor: date, unit: RepeatUnit | str, every: int, after: date) -> date | None:
    """The first date of the series strictly after ``after``; ``None`` when the series ends
    there because its next date would be after 9999-12-31, the last day a date can hold."""
    unit = RepeatUnit(unit)
    if every < 1:
        raise ValueError("every must be at least 1")
    k = _index_near(anchor, unit, every, after)
    try:
        candidate = occurrence(anchor, unit, every, k)
        while candidate <= after:
            k += 1
            candidate = occurrence(anchor, unit, every, k)
    except (OverflowError, ValueError):  # past year 9999: timedelta overflows, date() refuses
        return None
    return candidate


def yearly_on(month: int, day: int, year: int) -> date:
    """A yearly date (a birthday) in ``year``: 29 February becomes 28 February when ``year``
    is not a leap year."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)
