"""Ctrl+Z in the window undoes the journal's most recent operation, whichever screen made it,
and names it in the Edit menu and the status bar; Ctrl+Shift+Z and Ctrl+Y redo.  Driven with
key presses into the shown, active window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.ui.test_window_keyboard import open_today, open_window, overdue, press, today_names

__all__ = ["overdue"]  # the fixture, used by name below

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_d_then_ctrl_z_brings_the_item_back_and_names_it(
    qtbot, journal, drafts, ui_settings, overdue
):
    window = open_today(qtbot, journal, drafts, ui_settings)
    first = window.today_page.tree.currentIndex().siblingAtColumn(0).data()
    press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: first not in today_names(window))
    label = f"Done: {first[:1].lower()}{first[1:]}"
    assert window.menus.undo_action.text() == f"&Undo {label}"

    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: first in today_names(window))
    assert window.statusBar().currentMessage() == (f"Undid “{label}”. Ctrl+Shift+Z does it again.")
    assert window.menus.redo_action.text() == f"&Redo {label}"
    assert journal.check() == []

    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: first not in today_names(window))
    assert window.statusBar().currentMessage().startswith(f"Redid “{label}”.")


def test_ctrl_z_undoes_the_snooze_first_then_the_logged_conversation(
    qtbot, journal, drafts, ui_settings, overdue, on_modal
):
    window = open_today(qtbot, journal, drafts, ui_settings)
    conversations = journal.stats().conversations

    def save(dialog):
        assert isinstance(dialog, QuickLogDialog)
        qtbot.keyClicks(dialog.notes, "Talked about the launch")
        dialog.save()

    on_modal(save)
    press(qtbot, Qt.Key.Key_L)  # logs with the first person; their item leaves Today
    qtbot.waitUntil(lambda: len(today_names(window)) == 1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    snoozed = today_names(window)[0]
    press(qtbot, Qt.Key.Key_T)  # snooze the other one until tomorrow
    qtbot.waitUntil(lambda: not window.today_page.tree.isVisible())

    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: today_names(window) == [snoozed])
    assert "Undid “Snooze: " in window.statusBar().currentMessage()
    assert journal.stats().conversations == conversations + 1

    window.today_page.tree.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: len(today_names(window)) == 2)
    assert window.statusBar().currentMessage().startswith("Undid “Log conversation with ")
    assert journal.stats().conversations == conversations
    assert journal.check() == []

    press(qtbot, Qt.Key.Key_Y, CTRL)  # Ctrl+Y redoes too
    qtbot.waitUntil(lambda: len(today_names(window)) == 1)
    assert journal.stats().conversations == conversations + 1


def test_ctrl_z_with_nothing_to_undo_says_so(qtbot, journal, drafts, ui_settings):
    window = open_window(qtbot, journal, drafts, ui_settings, "contacts")
    window.contacts_page.table.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "There is nothing to undo."
    assert window.menus.undo_action.text() == "&Undo"


def test_the_menu_shows_a_typed_ampersand_and_shortens_long_names(qtbot, window, journal):
    journal.contacts.create(ContactInput(name="Tom & Jerry"))
    assert window.menus.undo_action.text() == "&Undo Add Tom && Jerry"
    journal.contacts.create(ContactInput(name="A" * 200))
    assert window.menus.undo_action.text() == "&Undo " + ("Add " + "A" * 200)[:69] + "…"
