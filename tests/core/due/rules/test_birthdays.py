"""Birthdays: notice, year-less, 29 February in leap and other years, done per year."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Birthday
from colearn_desktop.core.due import DueKind
from colearn_desktop.core.opening import open_journal
from tests.core.due.conftest import TODAY, keys
from tests.helpers import add_contact


def birthdays(journal, days=0):
    return [i for i in journal.reminders.due(days).items if i.kind is DueKind.BIRTHDAY]


def test_notice_days_ahead_with_age(quiet):
    quiet.settings.update(birthday_notice_days=3)
    ana = add_contact(quiet, birthday=Birthday(11, 25, 1990))
    add_contact(quiet, "Ben", birthday=Birthday(11, 26, 1990))  # 4 days ahead: not yet
    (item,) = birthdays(quiet)
    assert item.key == f"birthday:{ana}:2026"
    assert item.due_on == date(2026, 11, 25)
    assert item.shown_from == date(2026, 11, 22)
    assert item.facts["age"] == 36
    assert item.days_overdue(TODAY) == -3


def test_year_less_birthday_has_no_age(quiet):
    ana = add_contact(quiet, birthday=Birthday(11, 22))
    (item,) = birthdays(quiet)
    assert item.key == f"birthday:{ana}:2026"
    assert item.facts["age"] is None
    assert item.facts["year"] is None


def test_missed_birthday_stays_for_the_grace_period_then_waits_a_year(quiet, clock):
    quiet.settings.update(grace_days=2)
    ana = add_contact(quiet, birthday=Birthday(11, 20))
    assert keys(birthdays(quiet)) == [f"birthday:{ana}:2026"]
    clock.advance(days=1)
    assert birthdays(quiet) == []
    assert quiet.reminders.next_due_for_contact(ana).due_on == date(2027, 11, 20)


def test_done_this_year_brings_next_year_back(quiet, clock):
    ana = add_contact(quiet, birthday=Birthday(11, 22))
    quiet.reminders.done(f"birthday:{ana}:2026")
    assert birthdays(quiet) == []
    clock.current = datetime(2027, 11, 22, 9)
    assert keys(birthdays(quiet)) == [f"birthday:{ana}:2027"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime(2027, 2, 27, 9), date(2027, 2, 28)),  # not a leap year: 28 February
        (datetime(2028, 2, 27, 9), date(2028, 2, 29)),  # leap year: the day itself
    ],
)
def test_29_february(journal_path, today, expected, new_journal_file):
    journal = open_journal(new_journal_file(journal_path), clock=FixedClock(today))
    try:
        journal.settings.update(
            stage_cadence={"network": None, "search": None, "shop": None, "help": None},
            birthday_notice_days=3,
        )
        leapling = add_contact(journal, birthday=Birthday(2, 29, 1992))
        (item,) = birthdays(journal)
        assert item.due_on == expected
        assert item.key == f"birthday:{leapling}:{expected.year}"
        assert item.facts["age"] == expected.year - 1992
    finally:
        journal.close()


def test_day_ranges_cover_month_and_year_ends():
    from colearn_desktop.core.due.rules.birthdays import day_ranges

    assert day_ranges(date(2026, 12, 25), date(2027, 1, 3)) == [(12, 25, 31), (1, 1, 3)]
    # 28 February of a non-leap year also reads the people born on the 29th.
    assert day_ranges(date(2027, 2, 20), date(2027, 3, 2)) == [(2, 20, 29), (3, 1, 2)]
    assert day_ranges(date(2028, 2, 20), date(2028, 2, 28)) == [(2, 20, 28)]
    assert day_ranges(date(2026, 1, 1), date(2027, 1, 1)) == []


def test_birthday_across_the_year_end(quiet, clock):
    clock.current = datetime(2026, 12, 30, 9)
    ana = add_contact(quiet, birthday=Birthday(1, 2, 1980))
    (item,) = birthdays(quiet)
    assert item.key == f"birthday:{ana}:2027"
    assert item.facts["age"] == 47
