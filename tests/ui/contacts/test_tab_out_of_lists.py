"""Tab leaves a list of rows for the next control (it does not wander across its cells), so
the keyboard can reach the contact's page from the contact list and the buttons below the
favours and purchases lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.ui.shell.main_window import MainWindow
from tests.helpers import add_contact


def shown_on_contacts(qtbot, journal, drafts, ui_settings, contact_id: int) -> MainWindow:
    window = MainWindow(journal, drafts, ui_settings, screen="contacts")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.open_contact(contact_id)
    return window


def test_tab_goes_from_the_contact_list_to_the_contact_page(qtbot, journal, drafts, ui_settings):
    add_contact(journal, "Ana")
    window = MainWindow(journal, drafts, ui_settings, screen="contacts")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    table = window.contacts_page.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert window.contact_page.name_label().text() == "Ana García"
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert window.contact_page.isAncestorOf(QApplication.focusWidget())


def test_tab_leaves_the_favours_and_purchases_lists(qtbot, journal, drafts, ui_settings):
    ana = add_contact(journal, "Ana")
    journal.favours.add(
        FavourInput(ana, FavourDirection.I_OWE, FavourKind.INTRO, "An intro", Decimal(5), "EUR")
    )
    journal.purchases.add(PurchaseInput(ana, date(2026, 1, 5), "Logo", Decimal(900), "EUR"))
    page = shown_on_contacts(qtbot, journal, drafts, ui_settings, ana).contact_page
    for panel, tab in ((page.favours, 2), (page.purchases, 3)):
        page.tabs.setCurrentIndex(tab)
        panel.table.setFocus()
        panel.table.setCurrentIndex(panel.table.model().index(0, 0))
        qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not panel.table


def test_the_favour_the_keyboard_is_on_can_be_given_back(qtbot, journal, drafts, ui_settings):
    """Tabbing into the favours list puts the cursor on its first row: the buttons act on
    that row, so they are enabled for it (not only once a row is selected)."""
    ana = add_contact(journal, "Ana")
    journal.favours.add(FavourInput(ana, FavourDirection.I_OWE, FavourKind.INTRO, "An intro"))
    page = shown_on_contacts(qtbot, journal, drafts, ui_settings, ana).contact_page
    page.tabs.setCurrentIndex(2)
    page.favours.add_button.setFocus()
    qtbot.keyClick(page.favours.add_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is page.favours.table
    assert page.favours.table.currentIndex().isValid()
    assert page.favours.settle_button.isEnabled()
    assert page.favours.forgive_button.isEnabled()
