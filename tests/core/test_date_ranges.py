"""Every date a person types has a sane range (issue #13: year 1 and 9999 were accepted, a
purchase 400 days ahead counted as "bought in the last year", a conversation dated tomorrow
read "last talked -1 days ago")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.records import ConversationInput, PurchaseInput
from colearn_desktop.core.referrals import AskInput
from colearn_desktop.core.validation import Problems, latest_plan_day
from tests.core.referrals.helpers import client
from tests.helpers import add_contact, log_call

TODAY = date(2026, 11, 22)  # tests/conftest.py's clock
TOMORROW = TODAY + timedelta(days=1)
PAST_OUT_OF_RANGE = [date(1, 1, 1), date(1899, 12, 31), TOMORROW, date(9999, 12, 31)]


def field_message(caught: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    message = caught.value.for_field(field)
    assert message is not None, caught.value
    return message


def test_the_ranges_and_their_messages():
    problems = Problems()
    assert problems.check_past("on", TODAY, TODAY)
    assert problems.check_past("on", date(1900, 1, 1), TODAY)
    assert not problems.check_past("on", TOMORROW, TODAY)
    assert not problems.check_past("on", date(1, 1, 1), TODAY)
    assert problems.check_plan("due", date(2126, 11, 22), TODAY)
    assert not problems.check_plan("due", date(2126, 11, 23), TODAY)
    assert [str(p) for p in problems.items] == [
        "on: 2026-11-23 is after today (2026-11-22)",
        "on: 0001-01-01 is outside the dates accepted here: 1900-01-01 to 2026-11-22",
        "due: 2126-11-23 is outside the dates accepted here: 1900-01-01 to 2126-11-22",
    ]
    assert latest_plan_day(date(2000, 2, 29)) == date(2100, 2, 28)


@pytest.mark.parametrize("day", PAST_OUT_OF_RANGE)
def test_a_conversation_is_dated_up_to_today(journal, day):
    ana = add_contact(journal)
    with pytest.raises(ValidationError) as caught:
        log_call(journal, ana, when=datetime.combine(day, datetime.min.time()))
    assert day.isoformat() in field_message(caught, "happened_at")
    assert journal.conversations.for_contact(ana) == []
    log_call(journal, ana, when=datetime(2026, 11, 22, 23, 59))  # later today is fine


def test_a_next_step_is_planned_up_to_a_hundred_years_ahead(journal):
    ana = add_contact(journal)
    data = ConversationInput(
        contact_ids=(ana,),
        happened_at=datetime(2026, 11, 22, 9),
        next_step="Renew",
        next_step_due=date(9999, 12, 31),
    )
    with pytest.raises(ValidationError) as caught:
        journal.conversations.log(data)
    assert "9999-12-31" in field_message(caught, "next_step_due")


@pytest.mark.parametrize("day", PAST_OUT_OF_RANGE)
def test_a_purchase_is_dated_up_to_today(journal, day):
    ana = add_contact(journal)
    with pytest.raises(ValidationError) as caught:
        journal.purchases.add(PurchaseInput(ana, day, "Logo", Decimal("5"), "EUR"))
    assert day.isoformat() in field_message(caught, "purchased_on")


@pytest.mark.parametrize("day", PAST_OUT_OF_RANGE)
def test_a_referral_ask_is_dated_up_to_today(journal, day):
    ana = add_contact(journal)
    with pytest.raises(ValidationError) as caught:
        journal.referrals.asks.record(AskInput(contact_id=ana, message="Hi", asked_on=day))
    assert day.isoformat() in field_message(caught, "asked_on")


def test_a_thank_you_is_dated_between_the_referral_and_today(journal, clock):
    ana = add_contact(journal)
    ben = add_contact(journal, "Ben", referred_by_id=ana)  # referred today
    for day in (TODAY - timedelta(days=1), TOMORROW, date(1, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            journal.referrals.history.mark_thanked([ben], on=day)
        assert day.isoformat() in field_message(caught, "thanked_on")
    journal.referrals.history.mark_thanked([ben], on=TODAY)


def test_a_purchase_stored_in_the_future_is_not_a_recent_project(journal):
    """Journals written before dates had a range may hold one."""
    ana = client(journal, "Ana", bought_days_ago=None)
    journal.purchases.add(PurchaseInput(ana, TODAY, "Logo"))
    with journal.db.write() as session:
        session.execute(text("UPDATE purchase SET purchased_on = :day"), {"day": "2027-12-27"})
    assert journal.referrals.ready_to_ask() == []
    assert journal.referrals.count_ready() == 0
