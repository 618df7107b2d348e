"""What a client bought, newest first, with the total per currency."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import PurchaseView
from colearn_desktop.ui.contacts.editing.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.kit.format import money
from colearn_desktop.ui.kit.table_model import RIGHT, Column, TableModel
from colearn_desktop.ui.kit.widgets import panel_table, plain_label


class PurchasesModel(TableModel[PurchaseView]):
    """Date, what, amount (right-aligned), the first line of the notes."""

    WHAT, AMOUNT = 1, 2

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent)
        self.set_columns(
            (
                Column(self.tr("Date"), lambda p: p.data.purchased_on.isoformat()),
                Column(self.tr("What"), lambda p: p.data.what),
                Column(
                    self.tr("Amount"),
                    lambda p: money(p.data.amount, p.data.currency),
                    align=RIGHT,
                ),
                Column(
                    self.tr("Notes"),
                    lambda p: p.data.notes.splitlines()[0] if p.data.notes else "",
                ),
            )
        )


class PurchasesPanel(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._contact_id: int | None = None
        self.model = PurchasesModel(self)
        self.table = panel_table(self, self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            self.model.WHAT, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSectionResizeMode(
            self.model.AMOUNT, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.totals = plain_label("", self)
        self.add_button = QPushButton(self.tr("Add &purchase…"), self)
        self.edit_button = QPushButton(self.tr("Ed&it…"), self)
        self.delete_button = QPushButton(self.tr("De&lete"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        if self._contact_id is None:
            self.model.set_rows([])
            self.totals.setText("")
            return
        purchases = self._journal.purchases.for_contact(self._contact_id)
        self.model.set_rows(purchases)
        totals = self._journal.purchases.totals_of(purchases)
        self.totals.setText(
            self.tr("Total: %1").replace("%1", " · ".join(money(v, c) for c, v in totals.items()))
            if totals
            else self.tr("No amounts recorded")
        )

    def selected(self) -> PurchaseView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add(self) -> None:
        if self._contact_id is not None:
            PurchaseDialog(self._journal, self._contact_id, self).exec()

    def edit(self) -> None:
        purchase = self.selected()
        if purchase and self._contact_id is not None:
            PurchaseDialog(self._journal, self._contact_id, self, purchase).exec()

    def delete(self) -> None:
        purchase = self.selected()
        if purchase:
            self._journal.purchases.delete(purchase.id)
