"""Editing several labelled values (e-mail addresses, phone numbers) in a form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.ui.kit.widgets import ErrorLabel


class LabelledList(QWidget):
    """Rows of [label] [value] [remove]; an empty row is ignored on save."""

    rows_changed = Signal()

    def __init__(
        self, labels: list[str], placeholder: str, add_text: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._labels = labels
        self._placeholder = placeholder
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QComboBox, QLineEdit, QPushButton, ErrorLabel]] = []
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(lambda: self.add_row().setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.add_button)

    def add_row(self, value: Labelled | None = None) -> QLineEdit:
        label = QComboBox(self)
        label.setEditable(True)
        label.addItems(self._labels)
        label.setCurrentText(value.label if value else self._labels[0])
        label.setMinimumContentsLength(8)
        edit = QLineEdit(value.value if value else "", self)
        edit.setPlaceholderText(self._placeholder)
        remove = QPushButton(self.tr("Remove"), self)
        error = ErrorLabel(self)
        entry = (label, edit, remove, error)
        remove.clicked.connect(lambda: self._remove(entry))
        self._rows.append(entry)
        self._relayout()
        self.rows_changed.emit()
        return edit

    def set_values(self, values: tuple[Labelled, ...]) -> None:
        for entry in list(self._rows):
            self._remove(entry, emit=False)
        for value in values:
            self.add_row(value)
        if not values:
            self.add_row()

    def values(self) -> tuple[Labelled, ...]:
        return tuple(
            Labelled(edit.text().strip(), label.currentText().strip())
            for label, edit, _, _ in self._rows
            if edit.text().strip()
        )

    def tab_stops(self) -> list[QWidget]:
        """The widgets the Tab key visits, in the order they are shown."""
        rows: list[QWidget] = [
            w for label, edit, remove, _ in self._rows for w in (label, edit, remove)
        ]
        return [*rows, self.add_button]

    def error_targets(self) -> list[tuple[ErrorLabel, QLineEdit]]:
        """Error label and editor of each non-empty row, in the order values() returns them
        (so "emails[1]" from the core lands under the second address actually entered)."""
        return [(error, edit) for _, edit, _, error in self._rows if edit.text().strip()]

    def _remove(
        self, entry: tuple[QComboBox, QLineEdit, QPushButton, ErrorLabel], *, emit: bool = True
    ) -> None:
        self._rows.remove(entry)
        for widget in entry:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._relayout()
        if emit:
            self.rows_changed.emit()

    def _relayout(self) -> None:
        for row, (label, edit, remove, error) in enumerate(self._rows):
            self._grid.addWidget(label, row * 2, 0)
            self._grid.addWidget(edit, row * 2, 1)
            self._grid.addWidget(remove, row * 2, 2)
            self._grid.addWidget(error, row * 2 + 1, 1, 1, 2)
        self._grid.setColumnStretch(1, 1)
