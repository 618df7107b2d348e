"""What a client bought, newest first, with the total per currency."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import PurchaseView
from colearn_desktop.ui.contacts.purchase_dialog import PurchaseDialog
from colearn_desktop.ui.kit.format import money
from colearn_desktop.ui.kit.widgets import plain_label

Index = QModelIndex | QPersistentModelIndex


class PurchasesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[PurchaseView] = []

    def set_purchases(self, purchases: list[PurchaseView]) -> None:
        self.beginResetModel()
        self._rows = purchases
        self.endResetModel()

    def purchase_at(self, row: int) -> PurchaseView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            labels = (self.tr("Date"), self.tr("What"), self.tr("Amount"), self.tr("Notes"))
            return labels[section] if 0 <= section < len(labels) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        data = self._rows[index.row()].data
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                data.purchased_on.isoformat(),
                data.what,
                money(data.amount, data.currency),
                data.notes.splitlines()[0] if data.notes else "",
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PurchasesPanel(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._contact_id: int | None = None
        self.model = PurchasesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons below
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # an amount never breaks between its digits and currency
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
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
            self.model.set_purchases([])
            self.totals.setText("")
            return
        purchases = self._journal.purchases.for_contact(self._contact_id)
        self.model.set_purchases(purchases)
        totals = self._journal.purchases.totals_of(purchases)
        self.totals.setText(
            self.tr("Total: %1").replace("%1", " · ".join(money(v, c) for c, v in totals.items()))
            if totals
            else self.tr("No amounts recorded")
        )

    def selected(self) -> PurchaseView | None:
        index = self.table.currentIndex()
        return self.model.purchase_at(index.row()) if index.isValid() else None

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
