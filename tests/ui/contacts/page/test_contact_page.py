from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from colearn_desktop.core.enums import FavourDirection, FavourKind, FavourStatus
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog, SettleDialog
from colearn_desktop.ui.contacts.editing.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.contacts.page.contact_page import ContactPage
from colearn_desktop.ui.contacts.page.favours_panel import FavoursModel
from colearn_desktop.ui.contacts.page.purchases_panel import PurchasesModel
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.helpers import add_contact, log_call


def test_favour_and_purchase_models_pass_the_model_tester(qtmodeltester, demo_journal):
    with demo_journal.db.read_raw() as connection:
        busiest = connection.execute(
            "SELECT contact_id FROM favour GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        buyer = connection.execute(
            "SELECT contact_id FROM purchase GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
    favours = FavoursModel()
    favours.set_rows(demo_journal.favours.for_contact(busiest))
    qtmodeltester.check(favours, force_py=True)
    purchases = PurchasesModel()
    purchases.set_rows(demo_journal.purchases.for_contact(buyer))
    qtmodeltester.check(purchases, force_py=True)


def test_header_shows_cadence_due_referrals_and_tags(qtbot, journal):
    sam = add_contact(journal, "Sam", "Okafor")
    ana = add_contact(journal, "Ana", cadence_days=30, referred_by_id=sam, tags=("vip",))
    log_call(journal, ana, when=datetime(2026, 11, 1, 10))
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(ana)
    assert page.status_text() == "Network · every 30 days · in 9 days · last contact 21 days ago"
    assert page.header.tags.text() == "#vip"
    clicked = []
    page.open_contact_requested.connect(clicked.append)
    links = [b for b in page.header.findChildren(type(page.log_button)) if b.text() == "Sam Okafor"]
    links[0].click()
    assert clicked == [sam]


def test_favours_panel_add_settle_forgive_and_balance(qtbot, journal):
    sam = add_contact(journal, "Sam")
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(sam)
    page.tabs.setCurrentWidget(page.favours)
    dialog = FavourDialog(journal, sam, page)
    dialog.description.setText("Lent me a camera")
    dialog.kind.setCurrentIndex(dialog.kind.findData(FavourKind.LOAN.value))
    dialog.money.amount.setText("100")
    dialog.save()
    assert dialog.result() == FavourDialog.DialogCode.Accepted
    page.reload()
    assert page.favours.balance.text() == "Open favours: I owe 1 · I owe 100.00 EUR"
    favour = journal.favours.for_contact(sam)[0]
    settle = SettleDialog(journal, favour, page)
    settle.money.amount.setText("150")
    settle.save()
    assert "more than what is outstanding" in settle.errors._fields["amount"][0].text()
    settle.money.amount.setText("40")
    settle.save()
    assert journal.favours.get(favour.id).status is FavourStatus.PARTLY_DONE
    page.reload()
    assert page.favours.model.index(0, 4).data() == "60.00 EUR"
    history = page.favours.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert history == "2026-11-22 Given back in part 40.00 EUR"  # words, not a stored value


def test_favour_dialog_rejects_bad_amount_inline(qtbot, journal):
    sam = add_contact(journal, "Sam")
    dialog = FavourDialog(journal, sam)
    qtbot.addWidget(dialog)
    dialog.description.setText("Loan")
    dialog.money.amount.setText("-5")
    dialog.save()
    assert dialog.result() == 0
    assert dialog.errors._fields["amount"][0].text() == "Cannot be negative"
    assert journal.favours.for_contact(sam) == []


def test_purchases_panel_lists_and_totals(qtbot, journal, locale_named):
    locale_named("de_DE")
    ana = add_contact(journal)
    journal.purchases.add(PurchaseInput(ana, date(2026, 1, 5), "Logo", Decimal("800"), "EUR"))
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(ana)
    page.tabs.setCurrentWidget(page.purchases)
    dialog = PurchaseDialog(journal, ana, page)
    dialog.what.setText("Website")
    dialog.money.amount.setText("2400,50")
    dialog.save()
    page.reload()
    assert page.purchases.totals.text() == "Total: 3.200,50 EUR"
    assert page.purchases.model.index(0, 1).data() == "Website"


def test_direction_labels_in_the_table(qtbot, journal):
    sam = add_contact(journal)
    journal.favours.add(FavourInput(sam, FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "Quote"))
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(sam)
    page.tabs.setCurrentWidget(page.favours)
    assert page.favours.model.index(0, 0).data() == "They owe me"
    assert page.favours.balance.text() == "Open favours: they owe 1"


def test_favour_and_purchase_dialogs_say_whom_they_are_for(qtbot, journal):
    ayse = add_contact(journal, "Ayşe", "Kaya")
    favour = FavourDialog(journal, ayse)
    qtbot.addWidget(favour)
    assert favour.windowTitle() == "New favour for Ayşe Kaya"
    purchase = PurchaseDialog(journal, ayse)
    qtbot.addWidget(purchase)
    assert purchase.windowTitle() == "New purchase by Ayşe Kaya"
    journal.favours.add(FavourInput(ayse, FavourDirection.THEY_OWE, FavourKind.INTRO, "Intro"))
    journal.purchases.add(PurchaseInput(ayse, date(2026, 1, 5), "Logo", Decimal("800"), "EUR"))
    edit = FavourDialog(journal, ayse, None, journal.favours.for_contact(ayse)[0])
    qtbot.addWidget(edit)
    assert edit.windowTitle() == "Edit favour for Ayşe Kaya"
    edit_purchase = PurchaseDialog(journal, ayse, None, journal.purchases.for_contact(ayse)[0])
    qtbot.addWidget(edit_purchase)
    assert edit_purchase.windowTitle() == "Edit purchase by Ayşe Kaya"


def test_the_favours_what_column_takes_the_room_and_keeps_enough(qtbot, journal):
    from colearn_desktop.ui.contacts.page.favours_panel import FavoursPanel

    sam = add_contact(journal, "Sam")
    what = "Owes me for the photos of the Lisbon launch"
    journal.favours.add(FavourInput(sam, FavourDirection.THEY_OWE, FavourKind.MONEY, what))
    panel = FavoursPanel(journal)
    qtbot.addWidget(panel)
    panel.set_contact(sam)
    panel.show()
    header = panel.table.horizontalHeader()
    what_column = FavoursModel.WHAT
    assert panel.model.index(0, what_column).data() == what
    panel.resize(420, 300)  # the contact page beside the list in a small window
    qtbot.waitUntil(lambda: panel.table.viewport().width() < 420)
    assert header.sectionSize(what_column) >= 180
    assert panel.table.horizontalScrollBar().maximum() > 0  # the rest scrolls into view
    panel.resize(1100, 300)
    qtbot.waitUntil(lambda: panel.table.viewport().width() > 1000)
    others = sum(header.sectionSize(c) for c in range(header.count()) if c != what_column)
    assert header.sectionSize(what_column) == panel.table.viewport().width() - others


def test_the_selected_favours_history_is_shown_not_only_in_a_tooltip(qtbot, journal):
    from colearn_desktop.ui.contacts.page.favours_panel import FavoursPanel

    sam = add_contact(journal, "Sam")
    owed = journal.favours.add(
        FavourInput(sam, FavourDirection.THEY_OWE, FavourKind.MONEY, "Photos", Decimal(100), "EUR")
    )
    journal.favours.settle(owed, amount=Decimal(40))
    panel = FavoursPanel(journal)
    qtbot.addWidget(panel)
    panel.set_contact(sam)
    panel.show()
    assert not panel.history.isVisible()  # nothing selected yet
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    assert panel.history.isVisible()
    assert panel.history.text() == "How it was settled:\n2026-11-22 Given back in part 40.00 EUR"


def test_opening_a_contact_reads_only_the_tab_on_view(qtbot, journal, monkeypatch):
    """Down through the list rebuilt all four tabs for each contact (the brief, the
    timeline's cards, favours, purchases): the others are read when they are shown."""
    ana = add_contact(journal, "Ana")
    ben = add_contact(journal, "Ben")
    log_call(journal, ben, when=datetime(2026, 11, 20, 9), notes="Lunch with Ben")
    journal.favours.add(FavourInput(ben, FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "Quote"))
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(ana)
    read: list[str] = []
    for name, method in (("timeline", "set_conversations"), ("favours", "set_contact")):
        widget = getattr(page, name)
        load = getattr(widget, method)
        monkeypatch.setattr(widget, method, lambda *a, n=name, f=load: read.append(n) or f(*a))
    page.set_contact(ben)
    assert read == []
    assert "Lunch with Ben" in page.brief.browser.toPlainText()  # the tab on view
    page.tabs.setCurrentWidget(page.timeline)
    assert [card.view.data.notes for card in page.timeline.cards()] == ["Lunch with Ben"]
    page.tabs.setCurrentWidget(page.favours)
    assert page.favours.model.index(0, 0).data() == "They owe me"
    assert read == ["timeline", "favours"]
    page.tabs.setCurrentWidget(page.timeline)  # still Ben's: not read again
    assert read == ["timeline", "favours"]


def test_opening_a_contact_reads_the_contact_once(qtbot, journal, monkeypatch):
    """The header and the brief each read the contact (six queries through the ORM)."""
    ana = add_contact(journal, "Ana", company="Nordlys")
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    reads: list[int] = []
    get = journal.contacts.get
    monkeypatch.setattr(journal.contacts, "get", lambda i: reads.append(i) or get(i))
    page.set_contact(ana)
    assert reads == [ana]
    assert "Nordlys" in page.brief.browser.toPlainText()
