"""Job 1, after a call: "I open the app (or hit the quick-log shortcut), pick the client, and
type what we said, what I learned, what they asked for, and the next step with a date."
Keys only, read from the screen."""

from __future__ import annotations

from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.acceptance.contacts_keys import open_contact
from tests.acceptance.dialogs import in_dialog
from tests.acceptance.keys import paste, press, type_text
from tests.acceptance.people import drifting_clients
from tests.acceptance.screen import popup_text, render, view_rows, visible_text


def test_quick_log_after_a_call_with_a_next_step(qtbot, start_app, screenshots):
    window = start_app(drifting_clients)
    qtbot.waitUntil(lambda: "Freja Dahl" in visible_text(window.today_page))

    def log_the_call(dialog: QuickLogDialog) -> None:
        # The cursor starts in "With": type part of the name, Down and Enter pick her.
        type_text(qtbot, "frej")
        qtbot.waitUntil(lambda: "Freja Dahl — Nordlys" in popup_text())
        render(dialog, screenshots, "quick-log-picking")
        press(qtbot, "Down", "Return")
        qtbot.waitUntil(lambda: "Freja Dahl" in visible_text(dialog.participants))
        # Then straight on: notes, what I learned, what they asked for (Tab between them).
        type_text(qtbot, "Walked through the brand guide. ")
        paste(qtbot, "Loved the Ø in the logo.")
        press(qtbot, "Tab")
        type_text(qtbot, "Their print shop needs CMYK files.")
        press(qtbot, "Tab")
        type_text(qtbot, "A quote for the packaging.")
        # Alt+X jumps to the next step; Alt+D gives it a date (a week from today).
        press(qtbot, "Alt+X")
        type_text(qtbot, "Send the packaging quote")
        press(qtbot, "Alt+D")
        # (A mnemonic clicks its box the way a mouse does, ticked a moment later.)
        qtbot.waitUntil(dialog.has_due.isChecked)
        assert dialog.due.isEnabled()
        due = dialog.due.text()
        assert "Send the packaging quote" in visible_text(dialog)
        render(dialog, screenshots, "quick-log-filled")
        press(qtbot, "Ctrl+Return")
        return due

    due = in_dialog(qtbot, "Ctrl+L", QuickLogDialog, log_the_call)
    assert "Conversation saved" in window.statusBar().currentMessage()

    # Freja is no longer overdue on Today ...
    qtbot.waitUntil(lambda: "Freja Dahl" not in visible_text(window.today_page))
    # ... and her page shows the call, with what was learned and the next step with its date.
    open_contact(qtbot, window, "Freja")
    press(qtbot, "Alt+N")  # the Timeline tab
    page = visible_text(window.contact_page)
    render(window, screenshots, "contact-after-call")
    assert "Walked through the brand guide. Loved the Ø in the logo." in page
    assert "Their print shop needs CMYK files." in page
    assert "Send the packaging quote" in page
    assert due in page


def test_tab_after_a_name_keeps_the_person_it_matched(qtbot, start_app):
    window = start_app(drifting_clients)
    qtbot.waitUntil(lambda: "Freja Dahl" in visible_text(window.today_page))

    def log_with_tab(dialog: QuickLogDialog) -> None:
        type_text(qtbot, "Freja")
        qtbot.waitUntil(lambda: "Freja Dahl — Nordlys" in popup_text())
        press(qtbot, "Tab")
        type_text(qtbot, "Quick call about the invoice.")
        press(qtbot, "Ctrl+Return")

    in_dialog(qtbot, "Ctrl+L", QuickLogDialog, log_with_tab)
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(lambda: bool(view_rows(window.contacts_page.table)))
    names = [row.split(" | ")[0] for row in view_rows(window.contacts_page.table)]
    assert sorted(names) == ["Ana García", "Freja Dahl", "Sam Okafor"], f"now: {names}"
    press(qtbot, "Ctrl+1")
    # Today re-reads once it is shown again: the talk with Freja Dahl takes her off the list.
    qtbot.waitUntil(lambda: "Freja Dahl" not in visible_text(window.today_page))
    assert "Sam Okafor" in visible_text(window.today_page)
