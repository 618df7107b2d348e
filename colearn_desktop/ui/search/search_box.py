"""The search box at the top of the side bar (Ctrl+K).

Typing and pressing Enter opens the full-text search popup (``ui/search/search_popup.py``)
with the text; the main window connects the two.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Search everything (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        # Never the window's first focus (Today's one-key actions would type into it): it
        # takes the focus only when clicked or on Ctrl+K.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.returnPressed.connect(lambda: self.submitted.emit(self.text()))

    def activate(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
