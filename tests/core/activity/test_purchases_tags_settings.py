from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.records import PurchaseInput
from colearn_desktop.core.storage.settings import DEFAULT_STAGE_CADENCE
from tests.helpers import add_contact


def test_purchases_newest_first_with_totals_per_currency(journal):
    ana = add_contact(journal)
    journal.purchases.add(PurchaseInput(ana, date(2025, 3, 1), "Logo", Decimal("800"), "eur"))
    website = journal.purchases.add(
        PurchaseInput(ana, date(2026, 5, 1), "Website", Decimal("2400.50"), "EUR")
    )
    journal.purchases.add(PurchaseInput(ana, date(2026, 1, 1), "Audit", Decimal("500"), "USD"))
    journal.purchases.add(PurchaseInput(ana, date(2026, 2, 1), "Coffee chat"))
    assert [p.data.what for p in journal.purchases.for_contact(ana)] == [
        "Website",
        "Coffee chat",
        "Audit",
        "Logo",
    ]
    assert journal.purchases.totals(ana) == {"EUR": Decimal("3200.50"), "USD": Decimal("500.00")}
    journal.purchases.delete(website)
    assert journal.purchases.totals(ana)["EUR"] == Decimal("800.00")
    journal.purchases.restore(website)
    assert len(journal.purchases.for_contact(ana)) == 4


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"what": ""}, "what"),
        ({"amount": Decimal("-1"), "currency": "EUR"}, "amount"),
        ({"amount": Decimal("10"), "currency": "euro"}, "currency"),
        ({"purchased_on": None}, "purchased_on"),
    ],
)
def test_invalid_purchase(journal, changes, field):
    ana = add_contact(journal)
    data = {"contact_id": ana, "purchased_on": date(2026, 1, 1), "what": "Logo"}
    data.update(changes)
    with pytest.raises(ValidationError) as caught:
        journal.purchases.add(PurchaseInput(**data))
    assert caught.value.for_field(field) is not None
    assert journal.stats().purchases == 0


def test_purchase_update(journal):
    ana = add_contact(journal)
    purchase_id = journal.purchases.add(PurchaseInput(ana, date(2026, 1, 1), "Logo"))
    journal.purchases.update(
        purchase_id, PurchaseInput(ana, date(2026, 1, 2), "Logo v2", Decimal("5"), "GBP")
    )
    view = journal.purchases.get(purchase_id)
    assert (view.data.what, view.data.amount, view.data.currency) == (
        "Logo v2",
        Decimal("5.00"),
        "GBP",
    )


def test_tags_are_shared_case_and_accent_insensitively(journal):
    add_contact(journal, "Ana", tags=("Café",))
    add_contact(journal, "Ben", tags=("cafe", "vip"))
    tags = {t.name: t.contact_count for t in journal.tags.all()}
    assert tags == {"Café": 2, "vip": 1}


def test_tag_rename_cadence_and_delete(journal):
    ana = add_contact(journal, tags=("vip", "client"))
    vip = next(t for t in journal.tags.all() if t.name == "vip")
    journal.tags.rename(vip.id, "VIP clients")
    with pytest.raises(ValidationError, match="already exists"):
        journal.tags.rename(vip.id, "Client")
    with pytest.raises(ValidationError):
        journal.tags.set_cadence(vip.id, 0)
    journal.tags.set_cadence(vip.id, 30)
    assert next(t for t in journal.tags.all() if t.id == vip.id).cadence_days == 30
    journal.tags.delete(vip.id)
    assert journal.contacts.get(ana).data.tags == ("client",)


def test_settings_defaults_update_and_validation(journal):
    settings = journal.settings.get()
    assert settings.stage_cadence == DEFAULT_STAGE_CADENCE
    assert settings.checkin_offsets == (14, 90)
    journal.settings.update(
        my_name="Zoë", checkin_offsets=(7, 30, 180), stage_cadence={"network": None}
    )
    settings = journal.settings.get()
    assert settings.my_name == "Zoë"
    assert settings.checkin_offsets == (7, 30, 180)
    assert settings.stage_cadence["network"] is None
    assert settings.stage_cadence["help"] == DEFAULT_STAGE_CADENCE["help"]
    with pytest.raises(ValidationError):
        journal.settings.update(grace_days=-1)
    with pytest.raises(ValidationError):
        journal.settings.update(colour="blue")
    assert journal.settings.get().grace_days == 7
