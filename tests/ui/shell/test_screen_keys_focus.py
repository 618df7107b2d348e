"""Ctrl+1..4 hand the keys to the screen they show, also when the side bar had them (at
start with nothing due, Today has no list and the side bar takes the focus)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from colearn_desktop.ui.shell.main_window import MainWindow
from tests.helpers import add_contact


def test_ctrl_2_gives_the_contact_list_the_keys_after_an_empty_today(
    qtbot, journal, drafts, ui_settings
):
    add_contact(journal, "Ana")
    window = MainWindow(journal, drafts, ui_settings, screen="today")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.nav.setFocus()  # where the keys are when Today has nothing to list
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.contacts_page.table
    qtbot.keyClick(window.contacts_page.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.referrals_page.ready_table
