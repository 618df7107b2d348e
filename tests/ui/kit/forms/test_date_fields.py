"""Date fields offer the days the journal accepts, and show a stored date outside them as it
is (issue #13: year 1 and 9999 could be picked)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from sqlalchemy import text

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog, SettleDialog
from colearn_desktop.ui.contacts.editing.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.today import due_text
from tests.helpers import add_contact

TODAY = QDate(2026, 11, 22)  # tests/conftest.py's clock


def test_past_and_planned_days_have_their_ranges(qtbot, journal):
    ana = add_contact(journal)
    purchase = PurchaseDialog(journal, ana)
    favour = FavourDialog(journal, ana)
    for dialog in (purchase, favour):
        qtbot.addWidget(dialog)
    assert (purchase.on.minimumDate(), purchase.on.maximumDate()) == (QDate(1900, 1, 1), TODAY)
    assert favour.started.maximumDate() == TODAY
    assert favour.due.maximumDate() == QDate(2126, 11, 22)
    purchase.on.setDate(QDate(9999, 12, 31))
    assert purchase.on.date() == TODAY


def test_a_step_cannot_be_picked_before_the_favour_started(qtbot, journal):
    ana = add_contact(journal)
    favour_id = journal.favours.add(
        FavourInput(
            ana, FavourDirection.I_OWE, FavourKind.LOAN, "Camera", started_on=date(2026, 11, 1)
        )
    )
    dialog = SettleDialog(journal, journal.favours.get(favour_id))
    qtbot.addWidget(dialog)
    assert (dialog.on.minimumDate(), dialog.on.maximumDate()) == (QDate(2026, 11, 1), TODAY)


def test_a_stored_date_out_of_range_is_shown_as_it_is_and_explained(qtbot, journal):
    ana = add_contact(journal)
    pid = journal.purchases.add(PurchaseInput(ana, date(2026, 1, 5), "Logo", Decimal("5"), "EUR"))
    with journal.db.write() as session:
        session.execute(text("UPDATE purchase SET purchased_on = '2027-12-27'"))
    dialog = PurchaseDialog(journal, ana, purchase=journal.purchases.get(pid))
    qtbot.addWidget(dialog)
    assert dialog.on.date() == QDate(2027, 12, 27)  # not moved silently to today
    dialog.save()
    assert dialog.errors._fields["purchased_on"][0].text() == (
        "2027-12-27 is after today (2026-11-22)"
    )


def test_a_conversation_stored_after_today_is_named_not_minus_one_day(journal, locale_named):
    locale_named("en_US")
    add_contact(journal, cadence_days=30)
    with journal.db.write() as session:  # written by a version without date ranges
        session.execute(text("UPDATE contact SET last_contact_at = '2026-11-23 10:00:00'"))
    (item,) = journal.reminders.due(40).items
    assert due_text.reason(item, date(2026, 11, 22)).startswith(
        "last talked on Mon 23 Nov, after today;"
    )


def test_the_quick_log_offers_the_days_a_conversation_and_its_next_step_may_have(
    qtbot, journal, drafts
):
    from colearn_desktop.ui.today.quick_log import QuickLogDialog

    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    assert (dialog.when.minimumDate(), dialog.when.maximumDate()) == (QDate(1900, 1, 1), TODAY)
    assert dialog.due.maximumDate() == QDate(2126, 11, 22)
    dialog.when.setDate(QDate(9999, 12, 31))
    assert dialog.when.date() == TODAY
