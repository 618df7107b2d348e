"""The shape every small edit dialog shares: a banner for storage errors, an error line
under each field, Save/Cancel, and a save that keeps the dialog open until it succeeds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.ui.kit.forms.form_errors import FormErrors
from colearn_desktop.ui.kit.widgets import ErrorLabel, add_form_row, focus_target


class FormDialog(QDialog):
    """A dialog with an error banner, inline field errors and Save/Cancel."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.banner = ErrorLabel(self)
        self.errors = FormErrors(self.banner)
        self._first_field: QWidget | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def row(self, label: str, widget: QWidget, *fields: str) -> None:
        error = ErrorLabel(self)
        for name in fields:
            self.errors.bind(name, error, widget)
        if self._first_field is None:
            self._first_field = focus_target(widget)
        add_form_row(self.form, label, widget, error)

    def showEvent(self, event: QShowEvent) -> None:
        """Open on the first field (QDialog would otherwise focus the Save button)."""
        super().showEvent(event)
        if self._first_field is not None:
            self._first_field.setFocus(Qt.FocusReason.OtherFocusReason)
            self._first_field = None

    def attempt(self, action: Callable[[], object]) -> bool:
        """Run a journal call; on failure show why and keep the dialog open."""
        try:
            action()
        except ValidationError as error:
            self.errors.show_validation(error)
            return False
        except StorageError as error:
            self.errors.show_storage(error)
            return False
        self.accept()
        return True

    def save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError
