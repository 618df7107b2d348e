"""Pages chosen from a list at the side: Settings has grown past what a row of tabs can show.

With eight tabs at the dialog's default width a ``QTabWidget`` hid half of them behind scroll
arrows ("Keep in touch" was cut off), and two rows of tabs are not something Qt offers.  A list
at the side shows every page whatever their number, as most settings windows do.  It keeps
what the tabs gave a keyboard user: each title's Alt+letter opens its page (and the letter is
underlined in the list), Up/Down in the list walk the pages, and the interface the dialog and
its tests used (``addTab``, ``count``, ``widget``, ``tabText``, ``setCurrentWidget`` ...).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

TITLE_ROLE = Qt.ItemDataRole.UserRole + 1  # the title as written, with its "&"


def _plain(title: str) -> str:
    """``title`` as read out (accessibility, screen text): without the mnemonic's "&"."""
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


class _MnemonicDelegate(QStyledItemDelegate):
    """Draws each title with its Alt+letter underlined, as a tab or a label shows it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        title = str(index.data(TITLE_ROLE) or option.text)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        text_rect = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, option, widget
        ).adjusted(4, 0, -4, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        roles = QPalette.ColorRole
        role = roles.HighlightedText if selected else roles.Text
        style.drawItemText(
            painter,
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            | int(Qt.TextFlag.TextShowMnemonic),
            option.palette,
            True,
            title,
            role,
        )


class PageList(QWidget):
    """A list of page titles beside the page shown."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setItemDelegate(_MnemonicDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.stack = QStackedWidget(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self._show)

    def addTab(self, page: QWidget, title: str) -> int:
        item = QListWidgetItem(_plain(title))
        item.setData(TITLE_ROLE, title)
        self.list.addItem(item)
        index = self.stack.addWidget(page)
        if "&" in title.replace("&&", ""):
            shortcut = QShortcut(QKeySequence.mnemonic(title), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=index: self._open(index))
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self._fit_list()
        return index

    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)

    def indexOf(self, page: QWidget) -> int:
        return self.stack.indexOf(page)

    def tabText(self, index: int) -> str:
        item = self.list.item(index)
        return str(item.data(TITLE_ROLE)) if item is not None else ""

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def setCurrentIndex(self, index: int) -> None:
        self.list.setCurrentRow(index)

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.stack.indexOf(page))

    def _show(self, index: int) -> None:
        if index >= 0:
            self.stack.setCurrentIndex(index)
            self.currentChanged.emit(index)

    def _open(self, index: int) -> None:
        """Alt+letter: the page, with the focus on its first field (as a label's buddy)."""
        self.setCurrentIndex(index)
        page = self.stack.widget(index)
        first = _first_field(page) if page is not None else None
        (first or self.list).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fit_list(self) -> None:
        """As wide as the longest title, never wider than a third of a small dialog."""
        metrics = self.list.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(self.list.item(i).text()) for i in range(self.list.count())
        )
        self.list.setFixedWidth(min(widest + 32, 200))


def _first_field(page: QWidget) -> QWidget | None:
    """The first widget of ``page`` that Tab would reach."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page and page.isAncestorOf(widget):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isEnabled()
            and widget.isVisibleTo(page)
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None
