"""Keys as a person presses them: to whatever has the keyboard focus, nothing else.

A key goes where the window system would send it: to the open popup (a completer's list, a
menu) when there is one, else to the focused widget.  QTest can only type ASCII; other text
is put into the focused field the way pasting puts it (``paste``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

# How long to wait for the keyboard focus to land somewhere (a dialog opening, a list that
# is still being worked out on a worker thread).
FOCUS_TIMEOUT_MS = 5000


def receiver(qtbot) -> QWidget:
    """The widget a key press goes to now (waits until something has the focus: sending a
    key to nothing aborts the test run)."""
    qtbot.waitUntil(
        lambda: (
            QApplication.activePopupWidget() is not None or QApplication.focusWidget() is not None
        ),
        timeout=FOCUS_TIMEOUT_MS,
    )
    popup = QApplication.activePopupWidget()
    return popup if popup is not None else QApplication.focusWidget()


def press(qtbot, *keys: str) -> None:
    """Press each of ``keys``, written as on a menu ("Ctrl+L", "Down", "Alt+N", "Return")."""
    for written in keys:
        sequence = QKeySequence(written)
        assert sequence.count() == 1, f"not one key: {written!r}"
        combination = sequence[0]
        QTest.keyClick(receiver(qtbot), combination.key(), combination.keyboardModifiers())


def type_text(qtbot, text: str) -> None:
    """Type ASCII ``text`` into the focused widget, one key at a time."""
    assert text.isascii(), "QTest cannot type this: use paste()"
    for char in text:
        if char == "\n":
            QTest.keyClick(receiver(qtbot), Qt.Key.Key_Return)
        else:
            QTest.keyClicks(receiver(qtbot), char)


def paste(qtbot, text: str) -> None:
    """Put ``text`` (any script) into the focused text field at the cursor, as pasting does."""
    widget = receiver(qtbot)
    if isinstance(widget, QLineEdit):
        widget.insert(text)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.insertPlainText(text)
    else:
        raise AssertionError(f"the focus is on {type(widget).__name__}, not a text field")


def tab_to(qtbot, target: QWidget, limit: int = 40) -> None:
    """Press Tab until ``target`` has the focus (as a person does, watching the focus move)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        press(qtbot, "Tab")
    assert QApplication.focusWidget() is target, (
        f"{limit} presses of Tab never reached {type(target).__name__}; the focus is on "
        f"{type(QApplication.focusWidget()).__name__}"
    )
