"""No two things visible at the same time answer to the same Alt+letter (an ambiguous
mnemonic makes Qt do nothing, which looks like a broken shortcut)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QTabBar, QWidget

from colearn_desktop.ui.kit.page_list import PageList
from tests.helpers import add_contact

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(window: QWidget) -> Counter:
    """How many visible things in ``window`` (a main window or a dialog) answer to each
    Alt+letter."""
    keys: Counter = Counter()
    menu_bar = window.menuBar() if isinstance(window, QMainWindow) else None
    for menu_action in menu_bar.actions() if menu_bar is not None else []:
        if match := MNEMONIC.search(menu_action.text()):
            keys[match.group(1).lower()] += 1
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts: list[str] = []
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts.append(widget.text())
        elif isinstance(widget, QTabBar | PageList):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if match := MNEMONIC.search(text):
                keys[match.group(1).lower()] += 1
    return keys


@pytest.mark.parametrize("screen", ["today", "contacts", "referrals", "insights"])
def test_every_screen_has_unambiguous_mnemonics(qtbot, window, journal, screen):
    ana = add_contact(journal)
    window.open_contact(ana)
    window.show_screen(screen)
    tabs = window.contact_page.tabs if screen == "contacts" else None
    for index in range(tabs.count() if tabs else 1):
        if tabs:
            tabs.setCurrentIndex(index)
        clashes = {key: n for key, n in mnemonics(window).items() if n > 1}
        assert clashes == {}, f"{screen} tab {index}: {clashes}"
