"""User text shown as text: message boxes and tooltips that never read a name as markup.

Qt guesses: a label, a message box or a tooltip whose text *looks* like HTML is rendered as
HTML (``Qt.mightBeRichText``).  A contact called ``<img src="/dev/zero">Eve`` (from a vCard)
then makes Qt read /dev/zero as an image, allocate gigabytes and die.  Everything that puts
user text (names, notes, error messages quoting them) on screen goes through here, or through
``widgets.plain_label`` for labels; rich text the app writes itself escapes the user part with
``html.escape`` (the brief, the search results).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally.  Text Qt would take for HTML is escaped inside a
    paragraph that keeps its line breaks; any other text is returned unchanged (a plain
    tooltip wraps and looks as before)."""
    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
    labels: Mapping[Button, str] | None = None,
) -> QMessageBox:
    """A message box whose text is plain text, whatever it quotes.  ``labels``: buttons that
    say what they do ("Delete permanently", not the standard "Discard")."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    for button, label in (labels or {}).items():
        box.button(button).setText(label)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.Yes,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    labels: Mapping[Button, str] | None = None,
) -> Button:
    """Ask and wait for the answer (the button pressed)."""
    return Button(message_box(parent, icon, title, text, buttons, default, labels).exec())


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Say what went wrong (usually ``str(error)``, which may quote a name) and wait."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()
