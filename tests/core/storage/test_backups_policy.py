"""Thinning: every recent backup, then one per day, ISO week and month that has backups."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from colearn_desktop.core.storage.backups.policy import Retention, to_delete

NOW = datetime(2026, 11, 22, 20, 0)


def kept(times: list[datetime], retention: Retention, now: datetime = NOW) -> list[datetime]:
    doomed = set(to_delete([(t, t) for t in times], now, retention))
    return sorted((t for t in times if t not in doomed), reverse=True)


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_12_monthly():
    times = [NOW - timedelta(days=d) for d in range(365)]
    result = kept(times, Retention(daily=7, weekly=4, monthly=12, recent_hours=0))
    daily = [NOW - timedelta(days=d) for d in range(7)]
    assert result[:7] == daily
    # The newest backup of each of the last 4 ISO weeks: Sundays (2026-11-22 is a Sunday).
    for weeks_back in range(4):
        assert NOW - timedelta(weeks=weeks_back) in result
    months = {(t.year, t.month) for t in result}
    assert len(months) == 12
    assert datetime(2025, 12, 31, 20, 0) in result  # newest of December 2025
    assert len(result) <= 7 + 4 + 12


def test_everything_recent_is_kept():
    morning = NOW.replace(hour=8)
    times = [morning, morning + timedelta(minutes=5), NOW - timedelta(hours=1), NOW]
    assert kept(times, Retention(daily=1, weekly=0, monthly=0)) == sorted(times, reverse=True)
    # Without the recent window only the newest of the day would survive.
    assert kept(times, Retention(daily=1, weekly=0, monthly=0, recent_hours=0)) == [NOW]


def test_days_with_backups_count_not_calendar_days():
    # Used twice, a year apart: both days are kept even though they are far in the past.
    times = [datetime(2024, 3, 1, 18), datetime(2025, 5, 1, 18), datetime(2025, 5, 1, 9)]
    assert kept(times, Retention(daily=2, weekly=0, monthly=0, recent_hours=0)) == [
        datetime(2025, 5, 1, 18),
        datetime(2024, 3, 1, 18),
    ]


def test_no_backups_nothing_to_delete():
    assert to_delete([], NOW, Retention()) == []


@given(
    st.lists(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=NOW),
        min_size=1,
        max_size=60,
        unique=True,
    ),
    st.integers(1, 10),
    st.integers(0, 6),
    st.integers(0, 14),
)
def test_the_newest_is_always_kept_and_the_rules_hold(times, daily, weekly, monthly):
    retention = Retention(daily=daily, weekly=weekly, monthly=monthly, recent_hours=0)
    result = kept(times, retention)
    assert max(times) in result
    assert len(result) <= daily + weekly + monthly
    days_with_backups = sorted({t.date() for t in times}, reverse=True)[:daily]
    for day in days_with_backups:  # the newest of each of the newest `daily` days
        assert max(t for t in times if t.date() == day) in result
    doomed = to_delete([(t, t) for t in times], NOW, retention)
    assert len(doomed) + len(result) == len(times)
