"""Check-ins between purchases: the exact window rule at its edges."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.records import PurchaseInput
from tests.core.due.conftest import TODAY, at, keys
from tests.helpers import add_contact, log_call


def buy(journal, contact, days_ago, what="Website"):
    return journal.purchases.add(
        PurchaseInput(
            contact, TODAY - timedelta(days=days_ago), what, Decimal("100"), currency="EUR"
        )
    )


def checkins(journal, days=0):
    return [i for i in journal.reminders.due(days).items if i.kind is DueKind.CHECK_IN]


def test_due_on_the_offset_day_with_the_purchase_facts(quiet):
    ana = add_contact(quiet)
    purchase = buy(quiet, ana, 14)
    (item,) = checkins(quiet)
    assert item.key == f"checkin:{purchase}:14"
    assert item.due_on == TODAY
    assert item.facts["what"] == "Website"
    assert item.facts["first"] is True
    assert item.facts["purchased_on"] == TODAY - timedelta(days=14)


def test_one_day_before_it_is_upcoming_only(quiet):
    ana = add_contact(quiet)
    buy(quiet, ana, 13)
    assert checkins(quiet) == []
    assert [i.due_on for i in checkins(quiet, days=1)] == [TODAY + timedelta(days=1)]


@pytest.mark.parametrize(
    ("talked_days_after_purchase", "satisfied"),
    [
        (0, False),  # the purchase day itself is the sale, not a check-in
        (6, False),  # 8 days before the check-in: outside the 7-day window
        (7, True),  # exactly 7 days before: inside
        (14, True),  # on the check-in day
        (15, True),  # after it (a late check-in still counts)
    ],
)
def test_window_edges(quiet, clock, talked_days_after_purchase, satisfied):
    quiet.settings.update(checkin_window_days=7, checkin_offsets=(14,))
    ana = add_contact(quiet)
    purchase_day = TODAY - timedelta(days=20)
    buy(quiet, ana, 20)
    log_call(quiet, ana, when=at(purchase_day + timedelta(days=talked_days_after_purchase)))
    assert (checkins(quiet) == []) is satisfied


def test_later_offset_replaces_a_missed_earlier_one(quiet):
    ana = add_contact(quiet)
    purchase = buy(quiet, ana, 100)
    assert keys(checkins(quiet)) == [f"checkin:{purchase}:90"]
    assert checkins(quiet)[0].facts["first"] is False


def test_a_new_purchase_replaces_the_check_ins_of_the_earlier_one(quiet):
    ana = add_contact(quiet)
    first = buy(quiet, ana, 100)
    second = buy(quiet, ana, 30)  # bought again before the first's 90-day check-in
    assert keys(checkins(quiet)) == [f"checkin:{second}:14"]
    assert first != second


def test_two_purchases_on_one_day_make_one_check_in(quiet):
    ana = add_contact(quiet)
    buy(quiet, ana, 14, "Logo")
    second = buy(quiet, ana, 14, "Cards")
    assert keys(checkins(quiet)) == [f"checkin:{second}:14"]


def test_done_hides_it_and_the_next_offset_comes_back(quiet, clock):
    ana = add_contact(quiet)
    purchase = buy(quiet, ana, 14)
    quiet.reminders.done(f"checkin:{purchase}:14")
    assert checkins(quiet) == []
    clock.advance(days=76)
    assert keys(checkins(quiet)) == [f"checkin:{purchase}:90"]


def test_trashed_purchase_and_archived_contact_have_none(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    purchase = buy(quiet, ana, 14)
    buy(quiet, ben, 14)
    quiet.purchases.delete(purchase)
    quiet.contacts.archive(ben)
    assert checkins(quiet) == []
