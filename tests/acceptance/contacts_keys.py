"""Getting to a contact by keys: Ctrl+F finds them in the list, Down opens them."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from tests.acceptance.keys import press, type_text
from tests.acceptance.screen import view_rows


def shown_contact(window: QMainWindow) -> str:
    """The name on the contact page (its biggest heading)."""
    return window.contact_page.name_label().text() if window.is_built("contacts") else ""


def open_contact(qtbot, window: QMainWindow, name: str) -> None:
    """Ctrl+F, type (part of) ``name``, Down into the list: the contact page shows them."""
    press(qtbot, "Ctrl+F")
    type_text(qtbot, name)
    # The list narrows as you type (a moment later): wait until every row is a match.
    qtbot.waitUntil(lambda: _only_matches(window, name))
    press(qtbot, "Down")
    qtbot.waitUntil(lambda: name in shown_contact(window))


def _only_matches(window: QMainWindow, name: str) -> bool:
    rows = view_rows(window.contacts_page.table)
    return bool(rows) and all(name.casefold() in row.casefold() for row in rows)
