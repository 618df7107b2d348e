"""How a search result is painted: a heading as small muted text, a hit as two lines of
(escaped) rich text with the matched words marked, "Show all …" as one line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from colearn_desktop.ui.search.results_model import HEADER_ROLE, HTML_ROLE, MORE_ROLE, Index


class ResultDelegate(QStyledItemDelegate):
    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        muted_colour = option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        document.setDefaultStyleSheet(f".meta {{ color: {muted_colour}; }}")
        document.setDocumentMargin(0)
        # Left to right whatever the first letter: a Hebrew or Arabic name must not turn the
        # whole result (and its punctuation) around; the name itself still reads right to left.
        text_option = QTextOption(document.defaultTextOption())
        text_option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        document.setDefaultTextOption(text_option)
        document.setHtml(index.data(HTML_ROLE) or "")
        width = option.rect.width() - 2 * self.PADDING
        document.setTextWidth(max(width, 50))
        return document

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        header = bool(index.data(HEADER_ROLE))
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect.adjusted(self.PADDING, 4, -self.PADDING, -2)
        painter.save()
        if header:
            font = option.font
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        elif index.data(MORE_ROLE):
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Link
            painter.setPen(palette.color(role))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        else:
            document = self._document(option, index)
            context = QAbstractTextDocumentLayout.PaintContext()
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
            painter.translate(rect.topLeft())
            painter.setClipRect(QRect(0, 0, rect.width(), rect.height()))
            document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        if index.data(HEADER_ROLE) or index.data(MORE_ROLE):
            return QSize(200, line + 12)
        return QSize(200, 2 * line + 12)
