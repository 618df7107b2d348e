"""Favours with one person, both ways, open first, with their balance and the actions that
settle them: give back (partly or fully), forgive, undo the last step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import FavourBalance, FavourView
from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog, SettleDialog
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.table_model import Column, TableModel
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import FillColumn, panel_table, plain_label

# Room for about 25 letters of what the favour was.
WHAT_FLOOR = 180


def muted_colour() -> QColor:
    return QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.PlaceholderText)


def settlement_lines(favour: FavourView) -> list[str]:
    """Every step that gave back or forgave part of the favour, one a line."""
    currency = favour.data.currency
    return [
        f"{s.settled_on.isoformat()} {fmt.settlement_label(s.action)} "
        f"{fmt.money(s.amount, currency)} {s.note}".strip()
        for s in favour.settlements
    ]


def settlements_tooltip(favour: FavourView) -> str | None:
    lines = settlement_lines(favour)
    return plain_tooltip("\n".join(lines)) if lines else None


class FavoursModel(TableModel[FavourView]):
    """Favours both ways, a settled one muted; the tooltip lists how it was settled."""

    WHAT = 2

    def __init__(self, parent: QObject | None = None):
        super().__init__(
            (),
            parent,
            row_roles={
                Qt.ItemDataRole.ForegroundRole: lambda f: None if f.is_open else muted_colour(),
                Qt.ItemDataRole.ToolTipRole: settlements_tooltip,
            },
        )
        self.set_columns(
            (
                Column(self.tr("Direction"), lambda f: fmt.direction_label(f.data.direction)),
                Column(self.tr("Kind"), lambda f: fmt.kind_label(f.data.kind)),
                Column(self.tr("What"), lambda f: f.data.description),
                Column(self.tr("Amount"), lambda f: fmt.money(f.data.amount, f.data.currency)),
                Column(
                    self.tr("Left"),
                    lambda f: fmt.money(f.outstanding, f.data.currency) if f.is_open else "",
                ),
                Column(self.tr("Status"), lambda f: fmt.status_label(f.status)),
                Column(
                    self.tr("Due"), lambda f: f.data.due_on.isoformat() if f.data.due_on else ""
                ),
            )
        )


def balance_text(balance: FavourBalance) -> str:
    if not (balance.i_owe_open or balance.they_owe_open):
        return QCoreApplication.translate("FavoursPanel", "Nothing open either way.")
    parts = [fmt.balance_text(balance.i_owe_open, balance.they_owe_open)]
    for currency, net in balance.net_by_currency.items():
        if net > 0:
            parts.append(
                QCoreApplication.translate("FavoursPanel", "I owe %1").replace(
                    "%1", fmt.money(net, currency)
                )
            )
        else:
            parts.append(
                QCoreApplication.translate("FavoursPanel", "they owe %1").replace(
                    "%1", fmt.money(-net, currency)
                )
            )
    return QCoreApplication.translate("FavoursPanel", "Open favours: %1").replace(
        "%1", " · ".join(parts)
    )


class FavoursPanel(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._contact_id: int | None = None
        self.model = FavoursModel(self)
        self.table = panel_table(self, self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # What the favour was is the column to read: it takes the room, and keeps enough.
        FillColumn(self.table, FavoursModel.WHAT, WHAT_FLOOR)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.balance = plain_label("", self)
        # The selected favour's history, on screen (a tooltip is found by chance only).
        self.history = plain_label("", self)
        self.history.hide()
        self.add_button = QPushButton(self.tr("&Add favour…"), self)
        self.settle_button = QPushButton(self.tr("&Give back…"), self)
        self.forgive_button = QPushButton(self.tr("F&orgive"), self)
        self.undo_button = QPushButton(self.tr("&Undo last step"), self)
        self.delete_button = QPushButton(self.tr("De&lete"), self)
        self.add_button.clicked.connect(self.add)
        self.settle_button.clicked.connect(self.settle)
        self.forgive_button.clicked.connect(self.forgive)
        self.undo_button.clicked.connect(self.undo_step)
        self.delete_button.clicked.connect(self.delete)
        buttons = QGridLayout()
        for position, button in enumerate(
            (
                self.add_button,
                self.settle_button,
                self.forgive_button,
                self.undo_button,
                self.delete_button,
            )
        ):
            buttons.addWidget(button, position // 3, position % 3)
        buttons.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # The buttons act on the current row, which the keyboard moves without selecting.
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        self.reload()

    def reload(self) -> None:
        if self._contact_id is None:
            self.model.set_rows([])
            self.balance.setText("")
        else:
            favours = self._journal.favours.for_contact(self._contact_id)
            self.model.set_rows(favours)
            self.balance.setText(balance_text(self._journal.favours.balance_of(favours)))
        self._update_buttons()

    def selected(self) -> FavourView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        favour = self.selected()
        self.add_button.setEnabled(self._contact_id is not None)
        self.settle_button.setEnabled(bool(favour and favour.is_open))
        self.forgive_button.setEnabled(bool(favour and favour.is_open))
        self.undo_button.setEnabled(bool(favour and favour.settlements))
        self.delete_button.setEnabled(favour is not None)
        lines = settlement_lines(favour) if favour is not None else []
        self.history.setText(
            self.tr("How it was settled:") + "\n" + "\n".join(lines) if lines else ""
        )
        self.history.setVisible(bool(lines))

    def add(self) -> None:
        if self._contact_id is not None:
            FavourDialog(self._journal, self._contact_id, self).exec()

    def edit(self) -> None:
        favour = self.selected()
        if favour and self._contact_id is not None:
            FavourDialog(self._journal, self._contact_id, self, favour).exec()

    def settle(self) -> None:
        favour = self.selected()
        if favour:
            SettleDialog(self._journal, favour, self).exec()

    def forgive(self) -> None:
        favour = self.selected()
        if favour:
            self._run(lambda: self._journal.favours.forgive(favour.id))

    def undo_step(self) -> None:
        favour = self.selected()
        if favour:
            self._run(lambda: self._journal.favours.undo_last_settlement(favour.id))

    def delete(self) -> None:
        favour = self.selected()
        if favour:
            self._run(lambda: self._journal.favours.delete(favour.id))

    def _run(self, action: Callable[[], object]) -> None:
        attempt(self, self.tr("Not done"), action)
