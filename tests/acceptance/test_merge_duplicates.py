"""Issue #17, merging: "Freja came in twice, once from her card and once from the quick log.
I find the duplicates, merge them keeping her new company, and see one Freja with all her
conversations."  Keys only, read from the screen."""

from __future__ import annotations

from datetime import datetime

from colearn_desktop.ui.contacts.duplicates.duplicates_dialog import DuplicatesDialog
from colearn_desktop.ui.contacts.merge.merge_dialog import MergeDialog
from colearn_desktop.ui.contacts.merge.merge_with_dialog import MergeWithDialog
from tests.acceptance.contacts_keys import open_contact, shown_contact
from tests.acceptance.dialogs import expect_dialog, in_dialog
from tests.acceptance.keys import press, type_text
from tests.acceptance.screen import popup_text, render, visible_text
from tests.helpers import add_contact, email, log_call


def two_frejas(journal) -> None:
    add_contact(journal, "Freja", "Dahl", company="Nordlys", emails=(email("freja@nordlys.dk"),))
    other = add_contact(journal, "Freja", "D.", company="Acme", emails=(email("FREJA@nordlys.dk"),))
    log_call(journal, other, when=datetime(2026, 11, 1, 10), notes="Talked about the logo.")


def test_find_the_duplicates_and_merge_them_from_the_keyboard(qtbot, start_app, screenshots):
    window = start_app(two_frejas)
    open_contact(qtbot, window, "Freja Dahl")

    def merge(dialog: MergeDialog) -> str:
        press(qtbot, "Alt+C")  # the Company row: Freja D.'s value is the next one
        press(qtbot, "Down")
        shown = visible_text(dialog)
        render(dialog, screenshots, "merge")
        press(qtbot, "Alt+M")
        return shown

    def duplicates(dialog: DuplicatesDialog) -> str:
        qtbot.waitUntil(dialog.merge_button.isEnabled)  # the surest group, selected
        shown = in_dialog(qtbot, "Alt+M", MergeDialog, merge)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)  # looked for again: none left
        press(qtbot, "Escape")
        return str(shown)

    shown = in_dialog(qtbot, "Ctrl+Shift+D", DuplicatesDialog, duplicates)
    assert "Acme — from Freja D." in shown
    assert "Moves to Freja Dahl: 1 conversation." in shown
    qtbot.waitUntil(lambda: shown_contact(window) == "Freja Dahl")
    page = visible_text(window.contact_page)
    assert "Acme" in page
    assert "Talked about the logo." in page
    assert window.statusBar().currentMessage() == (
        "Merged Freja D. into Freja Dahl. Ctrl+Z brings them back."
    )
    render(window, screenshots, "merged")


def test_merge_with_from_the_contact_menu_then_undo(qtbot, start_app, screenshots):
    window = start_app(two_frejas)
    open_contact(qtbot, window, "Freja D")  # the first: Freja D.

    def merge(dialog: MergeDialog) -> None:
        press(qtbot, "Alt+M")  # Freja D. is kept; Freja Dahl's values fill what she lacks

    def pick(dialog: MergeWithDialog) -> None:
        type_text(qtbot, "Dahl")
        qtbot.waitUntil(lambda: "Freja Dahl" in popup_text())
        press(qtbot, "Tab")  # takes the highlighted suggestion
        render(dialog, screenshots, "merge-with")
        press(qtbot, "Alt+N")

    # One key (Alt+N) leads from the picker to the merge dialog: expected beforehand.
    merging = expect_dialog(qtbot, MergeDialog, merge)
    in_dialog(qtbot, ("Alt+C", "M"), MergeWithDialog, pick)
    merging.wait(after="Alt+N")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Merged Freja Dahl"))
    assert shown_contact(window) == "Freja D."
    assert window.journal.stats().contacts == 1
    press(qtbot, "Ctrl+Z")
    qtbot.waitUntil(lambda: window.journal.stats().contacts == 2)
    assert window.journal.check() == []
