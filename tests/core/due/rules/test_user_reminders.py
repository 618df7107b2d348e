"""The user's own reminders and the month-end safe recurrence behind them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from colearn_desktop.core.due import DueKind, ReminderInput
from colearn_desktop.core.due.recurrence import add_months, next_after, occurrence, yearly_on
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.errors import NotFoundError, ValidationError
from tests.core.due.conftest import TODAY, keys
from tests.helpers import add_contact


def test_month_end_series_stays_on_month_ends():
    anchor = date(2027, 1, 31)
    dates = [occurrence(anchor, RepeatUnit.MONTH, 1, k) for k in range(5)]
    assert dates == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
    ]
    assert occurrence(date(2028, 1, 31), RepeatUnit.MONTH, 1, 1) == date(2028, 2, 29)
    assert next_after(anchor, RepeatUnit.MONTH, 1, date(2027, 2, 28)) == date(2027, 3, 31)


def test_other_units_and_year_ends():
    assert next_after(date(2026, 12, 30), RepeatUnit.DAY, 3, date(2026, 12, 31)) == date(2027, 1, 2)
    assert next_after(date(2026, 12, 28), RepeatUnit.WEEK, 2, date(2026, 12, 28)) == date(
        2027, 1, 11
    )
    assert next_after(date(2024, 2, 29), RepeatUnit.YEAR, 1, date(2024, 2, 29)) == date(2025, 2, 28)
    assert occurrence(date(2024, 2, 29), RepeatUnit.YEAR, 1, 4) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert yearly_on(2, 29, 2027) == date(2027, 2, 28)
    # Every two months from 31 January: ... 30 September, 30 November (day 31 clamped).
    assert next_after(date(2026, 1, 31), RepeatUnit.MONTH, 2, date(2026, 11, 22)) == date(
        2026, 11, 30
    )


def reminders(journal, days=0):
    return [i for i in journal.reminders.due(days).items if i.kind is DueKind.REMINDER]


def test_one_off_reminder_due_then_done(quiet):
    ana = add_contact(quiet)
    rid = quiet.reminders.add(ReminderInput("Send the invoice", TODAY, contact_id=ana))
    (item,) = reminders(quiet)
    assert item.key == f"reminder:{rid}"
    assert item.facts["text"] == "Send the invoice"
    assert item.contact_name == "Ana García"
    quiet.reminders.done(item.key)
    assert reminders(quiet, days=365) == []
    assert quiet.reminders.reminder(rid).done is True


def test_recurring_done_schedules_the_next_month_end(quiet, clock):
    clock.current = datetime(2027, 1, 31, 9)
    rid = quiet.reminders.add(
        ReminderInput("Month-end books", date(2027, 1, 31), None, RepeatUnit.MONTH, 1)
    )
    quiet.reminders.done(f"reminder:{rid}")
    assert quiet.reminders.reminder(rid).data.due_on == date(2027, 2, 28)
    clock.current = datetime(2027, 2, 28, 9)
    quiet.reminders.done(f"reminder:{rid}")
    view = quiet.reminders.reminder(rid)
    assert view.data.due_on == date(2027, 3, 31)
    assert view.anchor_on == date(2027, 1, 31)
    assert view.done is False


def test_recurring_done_late_skips_to_after_today(quiet):
    rid = quiet.reminders.add(
        ReminderInput("Weekly review", TODAY - timedelta(days=15), None, RepeatUnit.WEEK, 1)
    )
    quiet.reminders.done(f"reminder:{rid}")
    assert quiet.reminders.reminder(rid).data.due_on == TODAY + timedelta(days=6)


def test_snooze_reminder_then_it_returns_on_the_day(quiet, clock):
    rid = quiet.reminders.add(ReminderInput("Call the bank", TODAY))
    quiet.reminders.snooze(f"reminder:{rid}", TODAY + timedelta(days=7))
    assert reminders(quiet) == []
    clock.advance(days=7)
    (item,) = reminders(quiet)
    assert item.days_overdue(clock.today()) == 0
    assert item.due_on == TODAY


def test_update_and_trash(quiet):
    rid = quiet.reminders.add(ReminderInput("Draft", TODAY))
    quiet.reminders.update(rid, ReminderInput("  Final  ", TODAY + timedelta(days=2)))
    assert quiet.reminders.reminder(rid).data.text == "Final"
    assert keys(reminders(quiet, days=2)) == [f"reminder:{rid}"]
    quiet.reminders.delete(rid)
    assert reminders(quiet, days=2) == []
    quiet.reminders.restore(rid)
    assert keys(reminders(quiet, days=2)) == [f"reminder:{rid}"]


def test_invalid_reminders_name_their_fields(quiet):
    with pytest.raises(ValidationError) as caught:
        quiet.reminders.add(ReminderInput("", TODAY, 999, RepeatUnit.MONTH, None))
    fields = {p.field for p in caught.value.problems}
    assert fields == {"text", "contact", "repeat_every"}
    with pytest.raises(ValidationError):
        quiet.reminders.add(ReminderInput("x", TODAY, None, RepeatUnit.DAY, 0))
    assert quiet.reminders.due(days=30).items == ()


def test_unknown_keys(quiet):
    with pytest.raises(ValidationError):
        quiet.reminders.done("nonsense:1")
    with pytest.raises(NotFoundError):
        quiet.reminders.done("reminder:12345")


def test_changes_are_announced(quiet):
    seen = []
    quiet.subscribe(seen.append)
    rid = quiet.reminders.add(ReminderInput("Ping", TODAY))
    quiet.reminders.snooze(f"reminder:{rid}", TODAY + timedelta(days=1))
    assert [c.topic for c in seen] == ["reminders", "reminders"]


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2126, 11, 23)])
def test_a_reminder_date_has_a_sane_range(quiet, day):
    with pytest.raises(ValidationError) as caught:
        quiet.reminders.add(ReminderInput("Renew", day, None, RepeatUnit.YEAR, 1))
    assert caught.value.for_field("due_on") == (
        f"{day.isoformat()} is outside the dates accepted here: 1900-01-01 to 2126-11-22"
    )
    assert quiet.reminders.add(ReminderInput("Renew", date(2126, 11, 22))) > 0


def test_a_series_ends_on_the_last_day_a_date_can_hold(quiet):
    """Journals written before the range may hold 9999-12-31; marking it done ends it."""
    assert next_after(date(9999, 12, 31), RepeatUnit.YEAR, 1, date(9999, 12, 31)) is None
    assert next_after(date(9999, 12, 1), RepeatUnit.DAY, 20, date(9999, 12, 21)) is None
    assert next_after(date(9999, 11, 30), RepeatUnit.MONTH, 1, date(9999, 11, 30)) == date(
        9999, 12, 30
    )
    rid = quiet.reminders.add(ReminderInput("Far", TODAY, None, RepeatUnit.YEAR, 1))
    with quiet.db.write() as session:
        session.execute(
            text("UPDATE reminder SET anchor_on = '9999-12-31' WHERE id = :id"), {"id": rid}
        )
    quiet.reminders.done(f"reminder:{rid}")  # the series' only date left
    assert quiet.reminders.reminder(rid).data.due_on == date(9999, 12, 31)
