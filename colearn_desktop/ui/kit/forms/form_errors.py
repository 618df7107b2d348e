"""Showing a ValidationError next to the fields it names, and storage failures in a banner,
while the form stays open with everything the user typed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.ui.kit.widgets import ErrorLabel


class FormErrors:
    def __init__(self, banner: ErrorLabel):
        self._banner = banner
        self._fields: dict[str, tuple[ErrorLabel, QWidget | None]] = {}

    def bind(self, field: str, label: ErrorLabel, widget: QWidget | None = None) -> None:
        self._fields[field] = (label, widget)

    def unbind_prefix(self, prefix: str) -> None:
        for name in [n for n in self._fields if n.startswith(prefix)]:
            del self._fields[name]

    def clear(self) -> None:
        self._banner.show_message(None)
        for label, _ in self._fields.values():
            label.show_message(None)

    def show_validation(self, error: ValidationError) -> None:
        self.clear()
        unplaced = []
        first: QWidget | None = None
        for problem in error.problems:
            bound = self._fields.get(problem.field)
            if bound is None:
                unplaced.append(str(problem))
                continue
            label, widget = bound
            label.show_message(_sentence(problem.message))
            if first is None and widget is not None:
                first = widget
        if unplaced:
            self._banner.show_message("\n".join(_sentence(p) for p in unplaced))
        if first is not None:
            first.setFocus()

    def show_storage(self, error: StorageError) -> None:
        self.clear()
        self._banner.show_message(str(error))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
