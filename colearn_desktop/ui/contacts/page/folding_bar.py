"""A row of buttons that folds what does not fit under a "More" menu.

A contact's six action buttons held its page 420 px wide, so an 800 px window (the page gets
~330 px beside the list) could not be made that narrow.  The bar shows the buttons that fit
its width, in order, and offers the rest as menu items that click them; it can always shrink
to its first button and "More".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QMenu, QToolButton, QWidget


class FoldingBar(QWidget):
    def __init__(
        self,
        buttons: Sequence[QAbstractButton],
        parent: QWidget | None = None,
        *,
        right: bool = False,
    ):
        """``right``: the buttons sit at the right end of the row (a dialog's, a page's foot)."""
        super().__init__(parent)
        self._buttons = tuple(buttons)
        # What the state offers (an archived contact: Restore, not Archive); whether an
        # offered one is a button or a menu item depends on the room.
        self._offered = {button: True for button in self._buttons}
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(QMenu(self.more_button))
        self.more_button.setStyleSheet("QToolButton { padding-right: 16px; }")  # (the arrow)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        if right:
            self._row.addStretch(1)
        for button in self._buttons:
            self._row.addWidget(button)
        self._row.addWidget(self.more_button)
        if not right:
            self._row.addStretch(1)
        self.installEventFilter(self)
        self.fit()

    def offer(self, button: QAbstractButton, offered: bool) -> None:
        """Whether ``button``'s action applies now (instead of ``setVisible``)."""
        self._offered[button] = offered

    def folded(self) -> list[QAbstractButton]:
        """The offered buttons that are menu items under "More" for want of room."""
        return [b for b in self._buttons if self._offered[b] and not b.isVisibleTo(self)]

    def fit(self) -> None:
        """Show the offered buttons that fit, fold the rest under "More"."""
        spacing = max(self._row.spacing(), 0)
        offered = [b for b in self._buttons if self._offered[b]]
        widths = [b.sizeHint().width() + spacing for b in offered]
        more = self.more_button.sizeHint().width() + spacing
        room = self.width() - (more if sum(widths) > self.width() else 0)
        shown: list[QAbstractButton] = []
        for button, width in zip(offered, widths, strict=True):
            if room < width and shown:
                break
            shown.append(button)
            room -= width
        menu = self.more_button.menu()
        menu.clear()
        for button in self._buttons:
            button.setVisible(button in shown)
            if self._offered[button] and button not in shown:
                action = menu.addAction(button.text().replace("&", ""))
                action.setToolTip(button.toolTip())
                action.setEnabled(button.isEnabled())
                action.triggered.connect(button.click)
        self.more_button.setVisible(not menu.isEmpty())
        first = widths[0] if widths else 0
        self.setMinimumWidth(first + more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Resize:
            self.fit()
        return False
