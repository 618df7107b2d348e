"""Settings shows every page at once, and each page's Alt+letter opens it on its first field.

With a row of tabs, eight pages at the dialog's default width hid half of them behind scroll
arrows and cut "Keep in touch" off."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_mnemonics import MNEMONIC, mnemonics

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


def _settings(window, on_modal, look) -> None:
    seen = []

    def run(dialog) -> None:
        try:
            look(dialog)
            seen.append(True)
        finally:
            dialog.reject()

    on_modal(run)
    window.commands.open_settings()
    assert seen == [True]


def test_every_page_title_is_in_view_at_the_default_size(window, on_modal, qtbot):
    def look(dialog) -> None:
        pages = dialog.tabs
        assert pages.count() == 8
        view = pages.list
        for row in range(view.count()):
            rect = view.visualItemRect(view.item(row))
            assert view.viewport().rect().contains(rect), view.item(row).text()
            # the whole title fits in its row
            assert view.fontMetrics().horizontalAdvance(view.item(row).text()) <= rect.width()
        titles = [view.item(row).text() for row in range(view.count())]
        assert titles[:3] == ["About me", "Keep in touch", "By tag"]
        assert "Sync" in titles
        assert "Calendar file" in titles
        dialog.grab().save(str(SHOTS / "settings-pages.png"))

    _settings(window, on_modal, look)


def test_alt_letter_opens_a_page_on_its_first_field(window, on_modal, qtbot):
    def look(dialog) -> None:
        pages = dialog.tabs
        assert dialog.focusWidget() is dialog.my_name  # opens on its first field
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts answer in the active window only
        titles = {MNEMONIC.search(pages.tabText(i)).group(1).lower(): i for i in range(8)}
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
        assert pages.currentIndex() == titles["k"]
        focused = dialog.focusWidget()
        assert focused is not None
        assert pages.currentWidget().isAncestorOf(focused)
        # Up and Down in the list walk the pages
        pages.list.setFocus()
        QTest.keyClick(pages.list, Qt.Key.Key_Down)
        assert pages.currentIndex() == titles["k"] + 1

    _settings(window, on_modal, look)


def test_no_two_things_on_a_page_answer_to_one_alt_letter(window, on_modal, qtbot):
    """The page titles are always in view, so a field's Alt+letter must differ from every
    title's: "Sy&nc" and About me's "My &name" shared N, and Alt+N never reached Sync."""

    def look(dialog) -> None:
        pages = dialog.tabs
        clashes = {}
        for index in range(pages.count()):
            pages.setCurrentIndex(index)
            found = {key: n for key, n in mnemonics(dialog).items() if n > 1}
            if found:
                clashes[pages.list.item(index).text()] = found
        assert clashes == {}

    _settings(window, on_modal, look)
