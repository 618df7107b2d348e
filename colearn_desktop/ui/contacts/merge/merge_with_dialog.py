"""Contact ▸ Merge with…: choose the contact that is the same person as the one shown.

Typing part of a name lists matching contacts (the contact picker); Enter or Tab takes the
highlighted one, and Next opens the merge dialog with the contact shown kept at first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.contacts.editing.contact_picker import ContactPicker
from colearn_desktop.ui.kit.widgets import ErrorLabel, plain_label


class MergeWithDialog(QDialog):
    def __init__(self, journal: Journal, contact_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge with…"))
        self.picker = ContactPicker(journal, self, exclude=contact_id)
        self.banner = ErrorLabel(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        next_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        next_button.setText(self.tr("&Next…"))
        buttons.accepted.connect(self._next)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(
            self.tr("&Same person as %1:").replace("%1", name.replace("&", "&&")), self.picker
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Choose the contact that is the same person; you choose what to keep next."
                ),
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.resize(520, 160)
        self.picker.setFocus()

    @property
    def other_id(self) -> int | None:
        return self.picker.contact_id

    def _next(self) -> None:
        if self.picker.contact_id is None:
            self.banner.show_message(
                self.tr(
                    "Type part of a name and choose a contact from the list; nothing was merged."
                )
            )
            return
        self.accept()
