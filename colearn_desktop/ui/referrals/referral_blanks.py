"""The blanks of a composed message: placeholders without a value for this person (``{praise}``)
stay in the text, highlighted, and the user jumps from one to the next to type over it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from colearn_desktop.ui.kit import format as fmt


def blank_color() -> QColor:
    return QColor("#78350f" if fmt.is_dark(QGuiApplication.palette()) else "#fde68a")


def markers(blanks: Sequence[str]) -> str:
    """``{praise}, {project}``: the blanks as the message shows them."""
    return ", ".join("{" + name + "}" for name in blanks)


def highlight_blanks(body: QPlainTextEdit, blanks: Sequence[str]) -> None:
    """Mark every place ``body`` still shows one of ``blanks``."""
    selections = []
    text = body.toPlainText()
    style = QTextCharFormat()
    style.setBackground(blank_color())
    for name in blanks:
        marker = "{" + name + "}"
        start = text.find(marker)
        while start >= 0:
            cursor = QTextCursor(body.document())
            cursor.setPosition(start)
            cursor.setPosition(start + len(marker), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = style
            selections.append(selection)
            start = text.find(marker, start + len(marker))
    body.setExtraSelections(selections)


def select_next_blank(body: QPlainTextEdit, blanks: Sequence[str]) -> bool:
    """Select the next of ``blanks`` after the cursor (wrapping round), so typing replaces it;
    ``False`` when none is left."""
    text = body.toPlainText()
    after = body.textCursor().selectionEnd()
    spots = sorted(
        (text.find("{" + name + "}", offset), len(name) + 2)
        for name in blanks
        for offset in (after, 0)
        if text.find("{" + name + "}", offset) >= 0
    )
    if not spots:
        return False
    start, length = next(((s, n) for s, n in spots if s >= after), spots[0])
    cursor = body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    body.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True
