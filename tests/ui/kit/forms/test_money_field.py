"""Amounts typed, saved and shown in the user's locale (issue #13: "2,500" was saved as 2.50)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from colearn_desktop.core.records import PurchaseInput
from colearn_desktop.ui.contacts.editing.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.contacts.page.brief_view import BriefView
from colearn_desktop.ui.contacts.page.purchases_panel import PurchasesPanel
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.forms.money_field import MoneyField
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.core.test_amount_text import MARKS
from tests.helpers import add_contact


def save_purchase(qtbot, journal, typed: str) -> tuple[int, PurchaseDialog]:
    """A new contact, and a purchase of ``typed`` USD saved (or refused) through the dialog."""
    contact = add_contact(journal)
    dialog = PurchaseDialog(journal, contact)
    qtbot.addWidget(dialog)
    dialog.what.setText("Website")
    dialog.money.amount.setText(typed)
    dialog.money.currency.setText("USD")
    dialog.save()
    return contact, dialog


@pytest.mark.parametrize("name", list(MARKS))
def test_the_rule_table_uses_the_marks_qt_gives_each_locale(name: str) -> None:
    locale = QLocale(name)
    assert (locale.decimalPoint(), locale.groupSeparator()) == MARKS[name]


@pytest.mark.parametrize(
    ("name", "typed", "stored", "shown"),
    [
        ("en_US", "2,500", 250_000, "2,500.00 USD"),
        ("en_US", "2500.5", 250_050, "2,500.50 USD"),
        ("de_DE", "2.500", 250_000, "2.500,00 USD"),
        ("de_DE", "1,5", 150, "1,50 USD"),
        ("fr_FR", "2 500,50", 250_050, "2\u202f500,50 USD"),
        ("de_CH", "2'500", 250_000, "2'500.00 USD"),
        ("hi_IN", "2,50,000", 25_000_000, "2,50,000.00 USD"),
    ],
)
def test_a_purchase_keeps_the_amount_typed_in_the_locale(
    qtbot, journal, locale_named, name, typed, stored, shown
) -> None:
    locale_named(name)
    contact, _ = save_purchase(qtbot, journal, typed)
    (purchase,) = journal.purchases.for_contact(contact)
    assert purchase.data.amount * 100 == stored
    panel = PurchasesPanel(journal)
    qtbot.addWidget(panel)
    panel.set_contact(contact)
    assert panel.model.index(0, 2).data() == shown
    assert panel.totals.text().endswith(shown)


@pytest.mark.parametrize(("name", "typed"), [("en_US", "1,5"), ("de_DE", "2,500")])
def test_an_ambiguous_amount_is_refused_in_a_sentence_and_kept(
    qtbot, journal, locale_named, name, typed
) -> None:
    locale_named(name)
    contact, dialog = save_purchase(qtbot, journal, typed)
    assert journal.purchases.for_contact(contact) == []
    message = dialog.errors._fields["amount"][0].text()
    assert message.startswith(f"The amount “{typed}” could be read two ways")
    assert dialog.money.amount.text() == typed
    assert dialog.result() == 0  # still open


def test_the_field_says_its_rule_in_the_locale(qtbot) -> None:
    field = MoneyField(locale=QLocale("de_DE"))
    qtbot.addWidget(field)
    assert "2.500,50" in field.amount.placeholderText()
    assert "“,” marks the cents; “.”, a space or an apostrophe" in field.amount.toolTip()


def test_purchases_tab_and_brief_show_an_amount_alike(qtbot, journal, locale_named) -> None:
    locale_named("en_US")
    contact = add_contact(journal)
    journal.purchases.add(
        PurchaseInput(contact, date(2026, 1, 5), "Logo", Decimal("5902.5"), "USD")
    )
    panel = PurchasesPanel(journal)
    qtbot.addWidget(panel)
    panel.set_contact(contact)
    view = BriefView(journal, JournalSignals(journal))
    qtbot.addWidget(view)
    view.set_contact(contact)
    assert panel.model.index(0, 2).data() == "5,902.50 USD"
    assert "5,902.50 USD" in view.browser.toPlainText()
    assert fmt.money(Decimal("-3"), "EUR", QLocale("de_DE")) == "-3,00 EUR"
