"""Reading the screen as a person does: what visible widgets show, never their insides."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _view_rows(model: QAbstractItemModel, parent: QModelIndex) -> list[str]:
    """Every row of ``model`` under ``parent`` (and below), its cells joined by " | "."""
    # (Lists and tables hide columnCount / hasChildren from Python: they have no tree.)
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    rows = []
    for row in range(model.rowCount(parent)):
        cells = [
            str(model.index(row, column, parent).data(Qt.ItemDataRole.DisplayRole) or "")
            for column in range(columns)
        ]
        rows.append(" | ".join(cells))
        first = model.index(row, 0, parent)
        if not flat and model.hasChildren(first):
            rows.extend(_view_rows(model, first))
    return rows


def view_rows(view: QAbstractItemView) -> list[str]:
    """The rows a list, table or tree shows (a tree's groups with their items below)."""
    model = view.model()
    return _view_rows(model, view.rootIndex()) if model is not None else []


def shown_texts(widget: QWidget) -> list[str]:
    """The text of ``widget`` and of each visible widget in it: labels, buttons, fields,
    tabs, and the rows of visible views."""
    texts: list[str] = []
    for each in (widget, *widget.findChildren(QWidget)):
        if not each.isVisible():
            continue
        if isinstance(each, QLabel | QAbstractButton | QLineEdit):
            texts.append(each.text())
        elif isinstance(each, QPlainTextEdit | QTextEdit):
            texts.append(each.toPlainText())
        elif isinstance(each, QComboBox):
            texts.append(each.currentText())
        elif isinstance(each, QTabBar):
            texts.extend(each.tabText(i) for i in range(each.count()))
        elif isinstance(each, QAbstractItemView):
            texts.extend(view_rows(each))
    return [text for text in texts if text]


def visible_text(widget: QWidget) -> str:
    """Everything ``widget`` shows, one text a line (for ``in`` checks)."""
    return "\n".join(shown_texts(widget))


def render(widget: QWidget, folder: Path, name: str) -> Path:
    """Save what ``widget`` shows as ``folder/name.png`` (to be looked at)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def popup_text() -> str:
    """What the open popup (a completer's list, a menu) shows; empty when none is open."""
    popup = QApplication.activePopupWidget()
    return visible_text(popup) if popup is not None and popup.isVisible() else ""


def is_gone(widget: QWidget) -> bool:
    """Closed: hidden, or deleted (a dialog that deletes itself on close)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()
