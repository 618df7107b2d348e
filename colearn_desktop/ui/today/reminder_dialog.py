"""Writing or editing one of your own reminders: once, or every N days/weeks/months/years."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from colearn_desktop.core.due.records import MAX_REPEAT, ReminderInput
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.contacts.editing.contact_picker import ContactPicker
from colearn_desktop.ui.kit.forms.date_fields import from_qdate, plan_date_edit, show_date
from colearn_desktop.ui.kit.forms.form_dialog import FormDialog


class ReminderDialog(FormDialog):
    """``reminder_id`` edits an existing reminder; ``contact_id`` pre-fills the contact of a
    new one.  After ``exec()`` returns Accepted, ``reminder_id`` is the saved reminder."""

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        reminder_id: int | None = None,
        contact_id: int | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self.reminder_id = reminder_id
        self.deleted = False
        self.setWindowTitle(self.tr("Edit reminder") if reminder_id else self.tr("New reminder"))

        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("e.g. Send the quarterly report"))
        self.due = plan_date_edit(journal.clock.today(), self)
        self.contact = ContactPicker(journal, self)
        self.contact.setPlaceholderText(self.tr("Optional: type a name"))

        self.repeat = QCheckBox(self.tr("&Repeat every"), self)
        self.every = QSpinBox(self)
        self.every.setRange(1, MAX_REPEAT)
        self.unit = QComboBox(self)
        for unit, label in (
            (RepeatUnit.DAY, self.tr("days")),
            (RepeatUnit.WEEK, self.tr("weeks")),
            (RepeatUnit.MONTH, self.tr("months")),
            (RepeatUnit.YEAR, self.tr("years")),
        ):
            self.unit.addItem(label, unit.value)
        self.unit.setCurrentIndex(2)
        repeat_row = QWidget(self)
        repeat_layout = QHBoxLayout(repeat_row)
        repeat_layout.setContentsMargins(0, 0, 0, 0)
        repeat_layout.addWidget(self.repeat)
        repeat_layout.addWidget(self.every)
        repeat_layout.addWidget(self.unit, 1)
        self.repeat.toggled.connect(self._repeat_toggled)

        self.row(self.tr("&Remind me to"), self.text, "text")
        self.row(self.tr("&On"), self.due, "due_on")
        self.row(self.tr("&Contact"), self.contact, "contact")
        self.row("", repeat_row, "repeat_every", "repeat_unit")

        if reminder_id is not None:
            view = journal.reminders.reminder(reminder_id)
            self.text.setText(view.data.text)
            show_date(self.due, view.data.due_on)
            if view.data.contact_id is not None:
                self.contact.set_contact(view.data.contact_id, view.contact_name)
            if view.data.repeat_unit is not None:
                self.repeat.setChecked(True)
                self.every.setValue(view.data.repeat_every or 1)
                self.unit.setCurrentIndex(self.unit.findData(view.data.repeat_unit.value))
            self.delete_button = QPushButton(self.tr("&Delete"), self)
            self.delete_button.clicked.connect(self._delete)
            self.form.addRow("", self.delete_button)
        elif contact_id is not None:
            self.contact.set_contact(contact_id, journal.contacts.get(contact_id).display_name)
        self._repeat_toggled(self.repeat.isChecked())
        self.resize(480, 0)

    def _repeat_toggled(self, on: bool) -> None:
        self.every.setEnabled(on)
        self.unit.setEnabled(on)

    def data(self) -> ReminderInput:
        repeating = self.repeat.isChecked()
        return ReminderInput(
            text=self.text.text(),
            due_on=from_qdate(self.due.date()),
            contact_id=self.contact.contact_id,
            repeat_unit=RepeatUnit(self.unit.currentData()) if repeating else None,
            repeat_every=self.every.value() if repeating else None,
        )

    def save(self) -> None:
        if self.contact.text().strip() and self.contact.contact_id is None:
            from colearn_desktop.core.errors import ValidationError

            self.errors.show_validation(
                ValidationError.single("contact", self.tr("pick a contact from the suggestions"))
            )
            return
        data = self.data()

        def write() -> None:
            if self.reminder_id is None:
                self.reminder_id = self._journal.reminders.add(data)
            else:
                self._journal.reminders.update(self.reminder_id, data)

        self.attempt(write)

    def _delete(self) -> None:
        reminder_id = self.reminder_id
        if reminder_id is None:
            return

        def trash() -> None:
            self._journal.reminders.delete(reminder_id)
            self.deleted = True

        self.attempt(trash)
