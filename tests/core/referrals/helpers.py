"""Builders for referral tests: clients with purchases and praise, asks, favours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.core.referrals import AskInput
from tests.helpers import add_contact, log_call

TODAY = date(2026, 11, 22)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def client(
    journal: Journal,
    given: str,
    *,
    bought_days_ago: int | None = 30,
    praised_days_ago: int | None = 20,
    what: str = "Website redesign",
    praise: str = "Loved how clearly you explained the options.",
    stage: Stage = Stage.HELP,
    **fields,
) -> int:
    contact_id = add_contact(journal, given, "Client", stage=stage, **fields)
    if bought_days_ago is not None:
        buy(journal, contact_id, bought_days_ago, what)
    if praised_days_ago is not None:
        log_call(
            journal,
            contact_id,
            when=datetime.combine(days_ago(praised_days_ago), time(10)),
            notes=praise,
            praise=True,
        )
    return contact_id


def buy(journal: Journal, contact_id: int, bought_days_ago: int, what: str = "Logo") -> int:
    return journal.purchases.add(
        PurchaseInput(contact_id, days_ago(bought_days_ago), what, Decimal("500"), "EUR")
    )


def ask(journal: Journal, contact_id: int, asked_days_ago: int = 0, message: str = "Hi!") -> int:
    return journal.referrals.asks.record(
        AskInput(contact_id=contact_id, message=message, asked_on=days_ago(asked_days_ago))
    )


def owe(journal: Journal, contact_id: int, direction: FavourDirection, count: int = 1) -> None:
    for _ in range(count):
        journal.favours.add(FavourInput(contact_id, direction, FavourKind.ADVICE, "Pricing advice"))
