"""The search box at the top of the side bar.

It shows where search is; the searching happens in the popup (``ui/search/search_popup.py``,
Ctrl+K): the first letter typed here, or Enter, opens the popup with the text, and the rest of
the typing goes on there with the results showing as you type.  The main window connects the
two.
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
        # takes the focus only when clicked.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.textEdited.connect(self.submitted)
        self.returnPressed.connect(lambda: self.submitted.emit(self.text()))
