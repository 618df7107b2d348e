"""The status bar speaks of the last action only: a sentence about an earlier one goes as
soon as the journal changes again, whatever changed it (#14)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.ui.test_window_keyboard import open_today, overdue, press, today_names

__all__ = ["overdue"]  # the fixture, used by name below


def test_d_on_today_does_not_leave_conversation_saved_shown(
    qtbot, journal, drafts, ui_settings, overdue, on_modal
):
    window = open_today(qtbot, journal, drafts, ui_settings)

    def save(dialog):
        assert isinstance(dialog, QuickLogDialog)
        qtbot.keyClicks(dialog.notes, "Talked about the launch")
        dialog.save()

    on_modal(save)
    press(qtbot, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: len(today_names(window)) == 1)
    assert window.statusBar().currentMessage() == "Conversation saved."
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: not today_names(window))
    assert window.statusBar().currentMessage() != "Conversation saved."


def archive_the_first(qtbot, journal, drafts, ui_settings):
    """The window on Today, after archiving the first contact of the list."""
    window = open_today(qtbot, journal, drafts, ui_settings)
    first = journal.contact_list.rows()[0]
    window.open_contact(first.id)
    window.menus.archive_action.trigger()
    return window, first


def test_archived_is_not_kept_after_its_undo_from_elsewhere(
    qtbot, journal, drafts, ui_settings, overdue
):
    window, first = archive_the_first(qtbot, journal, drafts, ui_settings)
    assert window.statusBar().currentMessage().startswith("Archived ")
    journal.undo.undo()  # as `colearn undo` or another screen's undo would
    assert not journal.contacts.get(first.id).archived
    assert not window.statusBar().currentMessage().startswith("Archived ")


def test_archived_is_replaced_by_the_undo_when_ctrl_z_takes_it_back(
    qtbot, journal, drafts, ui_settings, overdue
):
    window, first = archive_the_first(qtbot, journal, drafts, ui_settings)
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.menus.undo_action.trigger()
    qtbot.waitUntil(lambda: not journal.contacts.get(first.id).archived)
    shown = window.statusBar().currentMessage()
    assert not shown.startswith("Archived ")
    assert "Ctrl+Z" not in shown
