"""Issue #18, two computers: "I keep CoLearn on my laptop and on my desktop.  In Settings ▸
Sync I give the folder Syncthing shares, this computer's name and a passphrase; what I
logged on the laptop shows on the desktop, saying so.  Ana was in my journal twice: I merged
her on both computers before they had synced, each the other way round, and both keep one
Ana with everything."  Keys only in the desktop's window, read from its screen; the laptop
is a second data folder on the same sync folder, driven through the core as its own window
would drive it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from colearn_desktop.ui.contacts.merge.merge_dialog import MergeDialog
from colearn_desktop.ui.contacts.merge.merge_with_dialog import MergeWithDialog
from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
from tests.acceptance.contacts_keys import open_contact, shown_contact
from tests.acceptance.dialogs import expect_dialog, in_dialog
from tests.acceptance.keys import press, type_text
from tests.acceptance.screen import popup_text, render, view_rows, visible_text
from tests.helpers import add_contact, log_call
from tests.ui.sync_computers import PASSPHRASE, OtherComputer, shared_folder


def two_anas(journal) -> None:
    garcia = add_contact(journal, "Ana", "Garcia", company="Estudio")
    log_call(journal, garcia, when=datetime(2026, 11, 2, 10), notes="Talked about rates.")
    g = add_contact(journal, "Ana", "G.")
    log_call(journal, g, when=datetime(2026, 11, 9, 10), notes="Sent the portfolio.")


def names(journal) -> list[str]:
    return sorted(row.display_name for row in journal.contact_list.rows())


def sync_in_settings(qtbot, window, screenshots: Path, *first_keys: str) -> str:
    """Ctrl+, then the Sync page (Alt+N); ``first_keys`` fill it in (nothing: it is set up
    already); then Start syncing or Sync now, until the exchange has ended.  What the page
    showed then."""

    def on_the_page(dialog: SettingsDialog) -> str:
        press(qtbot, "Alt+N")
        for key_or_text in first_keys:
            if key_or_text.startswith("Alt+"):
                press(qtbot, key_or_text)
            else:
                type_text(qtbot, key_or_text)
        button = "Alt+O" if not first_keys else "Alt+T"  # Sync n&ow, S&tart syncing
        with qtbot.waitSignal(window.sync_keeper.exchanged, timeout=30_000):
            press(qtbot, button)
        shown = visible_text(dialog)
        render(dialog, screenshots, "sync-set-up" if first_keys else "sync-now")
        press(qtbot, "Escape")
        return shown

    return str(in_dialog(qtbot, "Ctrl+,", SettingsDialog, on_the_page))


def test_two_computers_one_journal_even_when_both_merged_ana(
    qtbot, start_app, screenshots, tmp_path, monkeypatch
):
    shared = shared_folder(tmp_path, monkeypatch)
    window = start_app(two_anas)
    shown = sync_in_settings(
        qtbot,
        window,
        screenshots,
        *("Alt+F", str(shared), "Alt+M", "Desktop", "Alt+P", PASSPHRASE),
    )
    assert "Synced just now" in shown
    assert "Laptop" not in shown  # no other computer yet

    # The laptop joins from what the desktop sent, logs a talk and merges Ana Garcia into
    # Ana G.; the desktop, before it has read any of that, merges Ana G. into Ana Garcia.
    laptop = OtherComputer(tmp_path / "laptop", shared, name="Laptop")
    try:
        laptop.exchange()
        assert names(laptop.journal) == ["Ana G.", "Ana Garcia"]
        ids = {row.display_name: row.id for row in laptop.journal.contact_list.rows()}
        log_call(laptop.journal, ids["Ana Garcia"], when=datetime(2026, 12, 1, 9), notes="Quote.")
        merge = laptop.journal.merge
        merge.merge(merge.plan(ids["Ana G."], [ids["Ana Garcia"]]))
        laptop.exchange()

        open_contact(qtbot, window, "Ana Garcia")

        def merge_into_garcia(dialog: MergeDialog) -> None:
            press(qtbot, "Alt+M")

        def pick(dialog: MergeWithDialog) -> None:
            type_text(qtbot, "Ana G.")
            qtbot.waitUntil(lambda: "Ana G." in popup_text())
            press(qtbot, "Tab")
            press(qtbot, "Alt+N")

        merging = expect_dialog(qtbot, MergeDialog, merge_into_garcia)
        in_dialog(qtbot, ("Alt+C", "M"), MergeWithDialog, pick)
        merging.wait(after="Alt+N")
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Merged Ana G."))

        # Each reads the other's merge: the desktop, the laptop, the desktop again.
        shown = sync_in_settings(qtbot, window, screenshots)
        laptop.exchange()
        shown = sync_in_settings(qtbot, window, screenshots)
        assert "Laptop: last seen " in shown

        # One Ana on both, the same one, with all three talks; the laptop's says so.
        press(qtbot, "Ctrl+F", "Backspace")  # the whole list, not the filter's match
        qtbot.waitUntil(lambda: len(view_rows(window.contacts_page.table)) == 1)
        (row,) = view_rows(window.contacts_page.table)
        (kept,) = names(laptop.journal)
        assert row.startswith(kept)
        qtbot.waitUntil(lambda: shown_contact(window) == kept)
        press(qtbot, "Alt+N")  # Timeli&ne
        timeline = window.contact_page.timeline
        qtbot.waitUntil(lambda: len(timeline.cards()) == 3)
        page = visible_text(window.contact_page)
        for notes in ("Talked about rates.", "Sent the portfolio.", "Quote."):
            assert notes in page
        titles = [card.title.text().replace("\u00a0", " ") for card in timeline.cards()]
        assert [t.endswith(" · logged on Laptop") for t in titles] == [True, False, False]
        render(window, screenshots, "one-ana")
        assert window.journal.check() == []
        assert laptop.journal.check() == []
    finally:
        laptop.close()
