"""The shape every small edit dialog shares: a banner for storage errors, an error line
under each field, Save/Cancel, and a save that keeps the dialog open until it succeeds."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.ui.form_errors import FormErrors
from colearn_desktop.ui.widgets import ErrorLabel


def _field(widget: QWidget, error: ErrorLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class FormDialog(QDialog):
    """A dialog with an error banner, inline field errors and Save/Cancel."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.banner = ErrorLabel(self)
        self.errors = FormErrors(self.banner)
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
        self.form.addRow(label, _field(widget, error))

    def attempt(self, action) -> bool:  # type: ignore[no-untyped-def]
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
