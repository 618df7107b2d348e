"""Today takes the keyboard when its first list arrives only if the user is still on Today."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from colearn_desktop.ui.shell.main_window import MainWindow
from tests.helpers import add_contact, log_call


def test_a_late_first_list_leaves_the_focus_on_the_screen_the_user_went_to(
    qtbot, journal, drafts, ui_settings, monkeypatch
):
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    ana = add_contact(journal, "Ana", cadence_days=30)
    log_call(journal, ana, when=datetime(2026, 9, 1, 10))
    # The first list is worked out on a worker: hold it back until the user has moved on.
    release = threading.Event()
    due = journal.reminders.due

    def slow_due(*args, **kwargs):
        release.wait(10)
        return due(*args, **kwargs)

    monkeypatch.setattr(journal.reminders, "due", slow_due)
    window = MainWindow(journal, drafts, ui_settings, screen="today")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    filter_edit = window.contacts_page.filter_edit
    assert QApplication.focusWidget() is filter_edit
    with qtbot.waitSignal(window.today_page.loaded):
        release.set()
    assert QApplication.focusWidget() is filter_edit
    # Back on Today, its list has the keys.
    qtbot.keyClick(filter_edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.today_page.tree
