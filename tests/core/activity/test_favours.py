from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from colearn_desktop.core.enums import FavourDirection, FavourKind, FavourStatus, SettlementAction
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.records import FavourInput
from tests.helpers import add_contact

I_OWE = FavourDirection.I_OWE
THEY_OWE = FavourDirection.THEY_OWE


def favour(contact_id: int, direction=I_OWE, kind=FavourKind.INTRO, description="An intro", **kw):
    return FavourInput(contact_id, direction, kind, description, **kw)


def test_add_defaults_start_to_today_and_status_open(journal, clock):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam, due_on=date(2026, 12, 1)))
    view = journal.favours.get(favour_id)
    assert view.status is FavourStatus.OPEN
    assert view.data.started_on == clock.today()
    assert view.settlements == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "  "}, "description"),
        ({"amount": Decimal("-5"), "currency": "EUR"}, "amount"),
        ({"amount": Decimal("1.234"), "currency": "EUR"}, "amount"),
        ({"amount": Decimal("10")}, "currency"),
        ({"currency": "EUR"}, "amount"),
        ({"started_on": date(2026, 11, 10), "due_on": date(2026, 11, 1)}, "due_on"),
        ({"contact_id": 999}, "contact"),
        ({"kind": "hug"}, "kind"),
        ({"direction": "sideways"}, "direction"),
    ],
)
def test_invalid_favour_names_the_field(journal, changes, field):
    sam = add_contact(journal, "Sam")
    data = {"contact_id": sam, "direction": I_OWE, "kind": FavourKind.LOAN, "description": "Camera"}
    data.update(changes)
    with pytest.raises(ValidationError) as caught:
        journal.favours.add(FavourInput(**data))
    assert caught.value.for_field(field) is not None, caught.value
    assert journal.stats().favours == 0


def test_partial_settlements_then_the_rest_closes_it(journal, clock):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(
        favour(sam, kind=FavourKind.LOAN, amount=Decimal("100"), currency="eur")
    )
    assert journal.favours.settle(favour_id, amount=Decimal("30"), note="first part") is (
        FavourStatus.PARTLY_DONE
    )
    view = journal.favours.get(favour_id)
    assert view.data.currency == "EUR"
    assert view.outstanding == Decimal("70.00")
    with pytest.raises(ValidationError, match="outstanding"):
        journal.favours.settle(favour_id, amount=Decimal("80"))
    assert journal.favours.settle(favour_id, amount=Decimal("70")) is FavourStatus.DONE
    view = journal.favours.get(favour_id)
    assert view.closed_on == clock.today()
    assert view.outstanding == Decimal("0.00")
    assert [(s.action, s.amount) for s in view.settlements] == [
        (SettlementAction.PARTIAL, Decimal("30.00")),
        (SettlementAction.PARTIAL, Decimal("70.00")),
    ]
    assert view.settlements[0].note == "first part"
    with pytest.raises(ValidationError, match="already done"):
        journal.favours.settle(favour_id, fully=True)


def test_partly_done_without_amount_and_fully(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam))
    assert (
        journal.favours.settle(favour_id, note="Made one intro of two") is FavourStatus.PARTLY_DONE
    )
    assert journal.favours.settle(favour_id, fully=True) is FavourStatus.DONE


def test_forgive_and_undo_last_settlement(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam, direction=THEY_OWE))
    journal.favours.forgive(favour_id, note="Never mind")
    assert journal.favours.get(favour_id).status is FavourStatus.FORGIVEN
    assert journal.favours.undo_last_settlement(favour_id) is FavourStatus.OPEN
    assert journal.favours.get(favour_id).closed_on is None
    with pytest.raises(ValidationError):
        journal.favours.undo_last_settlement(favour_id)


def test_settling_with_amount_on_favour_without_amount_is_refused(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam))
    with pytest.raises(ValidationError, match="no amount"):
        journal.favours.settle(favour_id, amount=Decimal("5"))
    assert journal.favours.get(favour_id).settlements == ()


def test_balance_counts_open_favours_both_ways_and_nets_amounts_per_currency(journal):
    sam = add_contact(journal, "Sam")
    journal.favours.add(favour(sam, kind=FavourKind.LOAN, amount=Decimal("50"), currency="EUR"))
    journal.favours.add(
        favour(sam, direction=THEY_OWE, kind=FavourKind.MONEY, amount=Decimal("20"), currency="EUR")
    )
    journal.favours.add(
        favour(sam, direction=THEY_OWE, kind=FavourKind.MONEY, amount=Decimal("15"), currency="USD")
    )
    journal.favours.add(favour(sam, direction=THEY_OWE, kind=FavourKind.TESTIMONIAL))
    closed = journal.favours.add(favour(sam))
    journal.favours.settle(closed, fully=True)
    balance = journal.favours.balance(sam)
    assert balance.i_owe_open == 1
    assert balance.they_owe_open == 3
    assert balance.net_count == -2
    assert balance.net_by_currency == {"EUR": Decimal("30.00"), "USD": Decimal("-15.00")}


def test_open_favours_come_first_soonest_due_first(journal):
    sam = add_contact(journal, "Sam")
    done = journal.favours.add(favour(sam, description="done"))
    journal.favours.settle(done, fully=True)
    late = journal.favours.add(favour(sam, description="late", due_on=date(2026, 12, 30)))
    soon = journal.favours.add(favour(sam, description="soon", due_on=date(2026, 11, 30)))
    undated = journal.favours.add(favour(sam, description="undated"))
    assert [v.id for v in journal.favours.for_contact(sam)] == [soon, late, undated, done]


def test_update_cannot_shrink_amount_below_what_was_given_back(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(
        favour(sam, kind=FavourKind.LOAN, amount=Decimal("100"), currency="EUR")
    )
    journal.favours.settle(favour_id, amount=Decimal("60"))
    data = journal.favours.get(favour_id).data
    with pytest.raises(ValidationError, match="already given back"):
        journal.favours.update(favour_id, FavourInput(**{**data.__dict__, "amount": Decimal("50")}))
    journal.favours.update(favour_id, FavourInput(**{**data.__dict__, "amount": Decimal("60")}))
    assert journal.favours.get(favour_id).status is FavourStatus.DONE


def test_trash_and_restore(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam))
    journal.favours.delete(favour_id)
    assert journal.favours.for_contact(sam) == []
    assert journal.favours.balance(sam).i_owe_open == 0
    journal.favours.restore(favour_id)
    assert journal.favours.balance(sam).i_owe_open == 1


def test_a_favour_of_nothing_is_refused_but_no_amount_is_fine(journal):
    sam = add_contact(journal, "Sam")
    with pytest.raises(ValidationError) as caught:
        journal.favours.add(favour(sam, amount=Decimal("0.00"), currency="EUR"))
    assert "more than zero" in caught.value.for_field("amount")
    assert journal.favours.add(favour(sam)) > 0


def test_a_note_only_step_never_closes_a_money_favour(journal):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam, amount=Decimal("50"), currency="EUR"))
    assert journal.favours.settle(favour_id, note="called about it") is FavourStatus.PARTLY_DONE
    view = journal.favours.get(favour_id)
    assert view.is_open
    assert view.outstanding == Decimal("50.00")
    assert journal.favours.settle(favour_id, amount=Decimal("50")) is FavourStatus.DONE


def test_a_stored_zero_favour_is_not_closed_by_a_note(journal):
    """Journals written before amounts had to be positive may hold 0.00 favours."""
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam))
    with journal.db.write() as session:
        session.execute(text("UPDATE favour SET amount_cents = 0, currency = 'EUR'"))
    assert journal.favours.settle(favour_id, note="a note") is FavourStatus.PARTLY_DONE


def test_the_currency_of_a_partly_given_back_favour_cannot_be_relabelled(journal):
    sam = add_contact(journal, "Sam")
    data = favour(sam, kind=FavourKind.LOAN, amount=Decimal("100"), currency="EUR")
    favour_id = journal.favours.add(data)
    journal.favours.settle(favour_id, amount=Decimal("40"))
    with pytest.raises(ValidationError) as caught:
        journal.favours.update(favour_id, replace(data, currency="USD"))
    assert caught.value.for_field("currency").startswith(
        "the currency stays EUR because 40.00 EUR was already given back"
    )
    view = journal.favours.get(favour_id)
    assert (view.data.currency, view.settlements[0].amount) == ("EUR", Decimal("40.00"))
    journal.favours.update(favour_id, replace(data, description="Camera loan"))  # same currency


TODAY = date(2026, 11, 22)  # tests/conftest.py's clock


@pytest.mark.parametrize("step", ["settle", "forgive"])
@pytest.mark.parametrize("on", [date(2026, 11, 20), date(2026, 11, 23), date(9999, 12, 31)])
def test_a_step_is_dated_between_the_start_and_today(journal, clock, step, on):
    sam = add_contact(journal, "Sam")
    favour_id = journal.favours.add(favour(sam, started_on=date(2026, 11, 21)))
    assert clock.today() == TODAY
    with pytest.raises(ValidationError) as caught:
        getattr(journal.favours, step)(favour_id, on=on)
    assert on.isoformat() in caught.value.for_field("settled_on")
    assert journal.favours.get(favour_id).settlements == ()


@pytest.mark.parametrize(
    ("field", "day"),
    [
        ("started_on", date(1, 1, 1)),
        ("started_on", date(2026, 11, 23)),
        ("due_on", date(9999, 12, 31)),
        ("due_on", date(2126, 11, 23)),
    ],
)
def test_favour_dates_have_a_sane_range(journal, field, day):
    sam = add_contact(journal, "Sam")
    with pytest.raises(ValidationError) as caught:
        journal.favours.add(favour(sam, **{"started_on": date(2026, 1, 1), field: day}))
    assert day.isoformat() in caught.value.for_field(field)
    journal.favours.add(favour(sam, due_on=date(2126, 11, 22)))  # a hundred years is allowed
