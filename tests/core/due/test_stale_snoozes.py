"""A snooze does not outlive what it was about: snoozing a keep-in-touch or check-in item, then
talking to the person, clears it, so it never hides the next reminder and never stays in
``due_item_state``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.records import ConversationInput, PurchaseInput
from tests.helpers import add_contact, log_call

TODAY = date(2026, 11, 22)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture
def quiet(journal):
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    return journal


def states(journal) -> dict[str, tuple[str | None, str | None]]:
    with journal.db.read_raw() as connection:
        rows = connection.execute("SELECT key, snoozed_until, done_for FROM due_item_state")
        return {key: (snoozed, done) for key, snoozed, done in rows}


def due_keys(journal, kind: DueKind, days: int = 0) -> list[str]:
    return [i.key for i in journal.reminders.due(days).items if i.kind is kind]


def next_due(journal, contact_id: int) -> date | None:
    (row,) = [r for r in journal.contact_list.rows() if r.id == contact_id]
    return row.next_due


@pytest.mark.parametrize("snooze_days", [7, 120])  # next week; a day picked far ahead
def test_talking_clears_a_keep_in_touch_snooze(quiet, clock, snooze_days):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    key = f"cadence:{ana}"
    assert due_keys(quiet, DueKind.KEEP_IN_TOUCH) == [key]
    quiet.reminders.snooze(key, TODAY + timedelta(days=snooze_days))
    assert due_keys(quiet, DueKind.KEEP_IN_TOUCH) == []
    log_call(quiet, ana, when=at(TODAY, 11))  # the user talks to Ana today after all
    assert key not in states(quiet)  # nothing left behind
    assert next_due(quiet, ana) == TODAY + timedelta(days=30)
    clock.advance(days=30)
    (item,) = quiet.reminders.due(0).items
    assert item.key == key
    assert item.due_on == TODAY + timedelta(days=30)
    assert item.snoozed_until is None


def test_an_older_conversation_keeps_the_snooze(quiet):
    """Logging a call from before the last one does not restart the clock, so the snooze
    still means something."""
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    key = f"cadence:{ana}"
    quiet.reminders.snooze(key, TODAY + timedelta(days=7))
    log_call(quiet, ana, when=at(TODAY - timedelta(days=50)))
    assert states(quiet)[key] == ((TODAY + timedelta(days=7)).isoformat(), None)
    assert due_keys(quiet, DueKind.KEEP_IN_TOUCH) == []


def test_reached_out_is_kept_while_the_snooze_goes(quiet, clock):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    key = f"cadence:{ana}"
    quiet.reminders.done(key)  # "I reached out" today
    clock.advance(days=31)
    quiet.reminders.snooze(key, clock.today() + timedelta(days=7))
    log_call(quiet, ana, when=at(clock.today(), 11))
    assert states(quiet)[key] == (None, TODAY.isoformat())
    assert next_due(quiet, ana) == clock.today() + timedelta(days=30)


def test_editing_a_conversation_to_a_later_day_clears_it(quiet):
    ana = add_contact(quiet, cadence_days=30)
    ben = add_contact(quiet, "Ben", cadence_days=30)
    call = log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    log_call(quiet, ben, when=at(TODAY - timedelta(days=40)))
    quiet.reminders.snooze(f"cadence:{ben}", TODAY + timedelta(days=7))
    quiet.conversations.update(
        call, ConversationInput(contact_ids=(ana, ben), happened_at=at(TODAY, 9))
    )
    assert f"cadence:{ben}" not in states(quiet)


def test_a_satisfied_check_in_takes_its_snooze_with_it(quiet, clock):
    ana = add_contact(quiet)
    purchase = quiet.purchases.add(
        PurchaseInput(ana, TODAY - timedelta(days=14), "Website", Decimal("100"), currency="EUR")
    )
    first, second = f"checkin:{purchase}:14", f"checkin:{purchase}:90"
    assert due_keys(quiet, DueKind.CHECK_IN) == [first]
    quiet.reminders.snooze(first, TODAY + timedelta(days=7))
    log_call(quiet, ana, when=at(TODAY, 11))  # "how is it going?" after all
    assert states(quiet) == {}
    clock.advance(days=76)  # the 90-day check-in: 12 days before the 90-day mark it is not due
    assert due_keys(quiet, DueKind.CHECK_IN) == [second]


def test_a_check_in_not_yet_satisfied_keeps_its_snooze(quiet):
    """An upcoming check-in snoozed past its day: a talk too early to count leaves it."""
    ana = add_contact(quiet)
    purchase = quiet.purchases.add(
        PurchaseInput(ana, TODAY - timedelta(days=1), "Logo", Decimal("100"), currency="EUR")
    )
    key = f"checkin:{purchase}:14"
    assert due_keys(quiet, DueKind.CHECK_IN, days=30)[0] == key
    quiet.reminders.snooze(key, TODAY + timedelta(days=20))
    log_call(quiet, ana, when=at(TODAY, 11))  # 1 day after the purchase: 12 days early
    assert states(quiet)[key] == ((TODAY + timedelta(days=20)).isoformat(), None)
