"""Adding or editing a purchase (a project or sale)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import PurchaseInput, PurchaseView
from colearn_desktop.ui.kit.forms.date_fields import from_qdate, past_date_edit, show_date
from colearn_desktop.ui.kit.forms.form_dialog import FormDialog
from colearn_desktop.ui.kit.forms.money_field import MoneyField


class PurchaseDialog(FormDialog):
    def __init__(
        self,
        journal: Journal,
        contact_id: int,
        parent: QWidget | None = None,
        purchase: PurchaseView | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._contact_id = contact_id
        self.purchase_id = purchase.id if purchase else None
        # Opened from a contact's page, it says who bought (the page may be hidden).
        title = self.tr("Edit purchase by %1") if purchase else self.tr("New purchase by %1")
        self.setWindowTitle(title.replace("%1", journal.contacts.get(contact_id).display_name))
        self.on = past_date_edit(journal.clock.today(), self)
        self.what = QLineEdit(self)
        self.what.setPlaceholderText(self.tr("e.g. Website redesign"))
        self.money = MoneyField(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.row(self.tr("&Date"), self.on, "purchased_on")
        self.row(self.tr("&What"), self.what, "what", "contact")
        self.row(self.tr("&Amount"), self.money, "amount", "currency")
        self.row(self.tr("&Notes"), self.notes, "notes")
        if purchase:
            show_date(self.on, purchase.data.purchased_on)
            self.what.setText(purchase.data.what)
            self.money.set_value(purchase.data.amount, purchase.data.currency)
            self.notes.setPlainText(purchase.data.notes)
        self.resize(460, 0)

    def save(self) -> None:
        def write() -> None:
            amount, currency = self.money.value()  # an amount that cannot be read is refused
            data = PurchaseInput(
                contact_id=self._contact_id,
                purchased_on=from_qdate(self.on.date()),
                what=self.what.text(),
                amount=amount,
                currency=currency,
                notes=self.notes.toPlainText(),
            )
            if self.purchase_id is None:
                self.purchase_id = self._journal.purchases.add(data)
            else:
                self._journal.purchases.update(self.purchase_id, data)

        self.attempt(write)
