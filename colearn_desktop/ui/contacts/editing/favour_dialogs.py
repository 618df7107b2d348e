"""Adding a favour, and giving one back (partly, fully) — the journal validates both."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import FavourInput, FavourView
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.forms.date_fields import (
    from_qdate,
    past_date_edit,
    plan_date_edit,
    show_date,
    to_qdate,
)
from colearn_desktop.ui.kit.forms.form_dialog import FormDialog
from colearn_desktop.ui.kit.forms.money_field import MoneyField


class FavourDialog(FormDialog):
    def __init__(
        self,
        journal: Journal,
        contact_id: int,
        parent: QWidget | None = None,
        favour: FavourView | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._contact_id = contact_id
        self.favour_id = favour.id if favour else None
        # Opened from a contact's page, it says whose favour it is (the page may be hidden).
        title = self.tr("Edit favour for %1") if favour else self.tr("New favour for %1")
        self.setWindowTitle(title.replace("%1", journal.contacts.get(contact_id).display_name))
        self.direction = QComboBox(self)
        for direction in FavourDirection:
            self.direction.addItem(fmt.direction_label(direction), direction.value)
        self.kind = QComboBox(self)
        for kind in FavourKind:
            self.kind.addItem(fmt.kind_label(kind), kind.value)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("e.g. an intro to their accountant"))
        self.money = MoneyField(self)
        today = journal.clock.today()
        self.started = past_date_edit(today, self)
        self.has_due = QCheckBox(self.tr("&Due by"), self)
        self.due = plan_date_edit(today, self)
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QWidget(self)
        row_layout = QHBoxLayout(due_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.has_due)
        row_layout.addWidget(self.due, 1)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.row(self.tr("&Direction"), self.direction, "direction")
        self.row(self.tr("&Kind"), self.kind, "kind")
        self.row(self.tr("&What"), self.description, "description", "contact")
        self.row(self.tr("&Amount"), self.money, "amount", "currency")
        self.row(self.tr("&Since"), self.started, "started_on")
        self.row("", due_row, "due_on")
        self.row(self.tr("&Notes"), self.notes, "notes")
        if favour:
            data = favour.data
            self.direction.setCurrentIndex(self.direction.findData(data.direction.value))
            self.kind.setCurrentIndex(self.kind.findData(data.kind.value))
            self.description.setText(data.description)
            self.money.set_value(data.amount, data.currency)
            if data.started_on:
                show_date(self.started, data.started_on)
            if data.due_on:
                self.has_due.setChecked(True)
                show_date(self.due, data.due_on)
            self.notes.setPlainText(data.notes)
        self.resize(480, 0)

    def current_input(self) -> FavourInput:
        amount, currency = self.money.value()
        return FavourInput(
            contact_id=self._contact_id,
            direction=FavourDirection(self.direction.currentData()),
            kind=FavourKind(self.kind.currentData()),
            description=self.description.text(),
            amount=amount,
            currency=currency,
            started_on=from_qdate(self.started.date()),
            due_on=from_qdate(self.due.date()) if self.has_due.isChecked() else None,
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        def write() -> None:
            data = self.current_input()  # an amount that cannot be read is refused here
            if self.favour_id is None:
                self.favour_id = self._journal.favours.add(data)
            else:
                self._journal.favours.update(self.favour_id, data)

        self.attempt(write)


class SettleDialog(FormDialog):
    """Give a favour back: partly (optionally an amount) or fully."""

    def __init__(self, journal: Journal, favour: FavourView, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._favour = favour
        self.setWindowTitle(self.tr("Give back: %1").replace("%1", favour.data.description))
        self.fully = QCheckBox(self.tr("&Fully given back"), self)
        self.money = MoneyField(self, favour.data.currency or "EUR")
        self.money.currency.setText(favour.data.currency)
        self.money.currency.setEnabled(False)
        if favour.outstanding is None:
            self.money.setEnabled(False)
            self.money.amount.setPlaceholderText(self.tr("this favour has no amount"))
        else:
            self.money.amount.setPlaceholderText(
                self.tr("up to %1").replace(
                    "%1", fmt.money(favour.outstanding, favour.data.currency)
                )
            )
        self.on = past_date_edit(journal.clock.today(), self)
        started = favour.data.started_on
        if started is not None and started <= journal.clock.today():
            self.on.setMinimumDate(to_qdate(started))  # no step before the start
        self.note = QLineEdit(self)
        self.row("", self.fully, "status")
        self.row(self.tr("&Amount"), self.money, "amount")
        self.row(self.tr("&On"), self.on, "settled_on")
        self.row(self.tr("&Note"), self.note)

    def save(self) -> None:
        self.attempt(
            lambda: self._journal.favours.settle(
                self._favour.id,
                amount=self.money.value()[0],  # an amount that cannot be read is refused here
                fully=self.fully.isChecked(),
                note=self.note.text(),
                on=from_qdate(self.on.date()),
            )
        )
