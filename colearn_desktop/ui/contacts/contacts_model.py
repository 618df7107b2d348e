"""The contacts table model: plain rows from one SQL query, sorted and filtered by SQL.

``data()`` only formats a row it already holds; it never queries.  Sorting (a header click) and
filtering change the :class:`ContactQuery` and reload, so a 100,000-contact journal sorts in the
database instead of in a proxy model over Python objects.
"""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import ContactQuery, ContactRow, ContactSort
from colearn_desktop.ui.kit import format as fmt

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Rows fetched at a time: a screenful many times over, read through an index in milliseconds.
PAGE = 500


class Column(IntEnum):
    NAME = 0
    COMPANY = 1
    STAGE = 2
    LAST_CONTACT = 3
    NEXT_DUE = 4
    BALANCE = 5
    TAGS = 6


SORT_FOR_COLUMN = {
    Column.NAME: ContactSort.NAME,
    Column.COMPANY: ContactSort.COMPANY,
    Column.STAGE: ContactSort.STAGE,
    Column.LAST_CONTACT: ContactSort.LAST_CONTACT,
    Column.NEXT_DUE: ContactSort.NEXT_DUE,
    Column.BALANCE: ContactSort.BALANCE,
    Column.TAGS: ContactSort.TAGS,
}


class ContactsModel(QAbstractTableModel):
    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self._journal = journal
        self._rows: list[ContactRow] = []
        self._total = 0
        self._query = ContactQuery()
        self._loaded = False  # nothing is read before the first reload()
        self._today = journal.clock.today()
        self._grace = journal.settings.get().grace_days

    # -- loading --------------------------------------------------------------------------

    @property
    def query(self) -> ContactQuery:
        return self._query

    def set_query(self, query: ContactQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """The first page again (after a change, a new sort or filter) and the total."""
        self._loaded = True
        page = replace(self._query, limit=PAGE)
        rows = self._journal.contact_list.rows(page)
        total = len(rows) if len(rows) < PAGE else self._journal.contact_list.count(self._query)
        self.beginResetModel()
        self._rows = rows
        self._total = total
        self._today = self._journal.clock.today()
        self._grace = self._journal.settings.get().grace_days
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many contacts match, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        """The next page, when the view scrolls near the end of what is loaded."""
        if not parent.isValid():
            self._load(PAGE)

    def load_all(self) -> None:
        """Every row not loaded yet, in one read (Ctrl+End goes to the real last contact)."""
        self._load(self._total - len(self._rows))

    def _load(self, count: int) -> None:
        if count <= 0 or len(self._rows) >= self._total:
            return
        rows = self._journal.contact_list.rows(
            replace(self._query, limit=count), offset=len(self._rows)
        )
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_for_id(self, contact_id: int, *, load: bool = False) -> int | None:
        """The row showing ``contact_id``; with ``load``, the rows up to it are read when it
        is not loaded yet (None when the list leaves it out).

        The core tells where the contact stands in one query and the missing rows come in
        one read, up to the end of its page: paging until it showed up cost 200 queries for
        a contact near the end of 100,000."""
        found = next((i for i, r in enumerate(self._rows) if r.id == contact_id), None)
        if found is not None or not load or not self.canFetchMore():
            return found
        position = self._journal.contact_list.position(self._query, contact_id)
        if position is None or position < len(self._rows):
            return None  # not in this list (or it moved between two reads)
        end_of_page = (position // PAGE + 1) * PAGE
        self._load(min(end_of_page, self._total) - len(self._rows))
        row = self.contact_at(position)
        return position if row is not None and row.id == contact_id else None

    def contact_at(self, row: int) -> ContactRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return [
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Stage"),
            self.tr("Last contact"),
            self.tr("Next due"),
            self.tr("Favours"),
            self.tr("Tags"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.LAST_CONTACT:
            return fmt.when_text(row.last_contact_at) if row.last_contact_at else None
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NEXT_DUE and row.next_due:
            return row.next_due.isoformat()
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.NEXT_DUE:
            return fmt.urgency_color(
                row.next_due, self._today, self._grace, QGuiApplication.palette()
            )
        return None

    def _display(self, row: ContactRow, column: Column) -> str:
        if column == Column.NAME:
            return row.display_name
        if column == Column.COMPANY:
            return row.company
        if column == Column.STAGE:
            return fmt.stage_label(row.stage)
        if column == Column.LAST_CONTACT:
            return fmt.days_ago(row.last_contact_at, self._today)
        if column == Column.NEXT_DUE:
            return fmt.due_text(row.next_due, self._today)
        if column == Column.BALANCE:
            return fmt.balance_text(row.i_owe, row.they_owe)
        return row.tags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._query = replace(
            self._query, sort=SORT_FOR_COLUMN[Column(column)], descending=descending
        )
        if not self._loaded:
            return  # a view setting its sort up before the first query: nothing to reorder
        new_rows = self._journal.contact_list.rows(replace(self._query, limit=PAGE))
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._rows = new_rows
        # Keep the selection (and anything else holding a persistent index) on the same
        # contacts after the reorder, when they are on the first page.
        position = {r.id: i for i, r in enumerate(new_rows)}
        for persistent in self.persistentIndexList():
            moved = (
                position.get(old_ids[persistent.row()]) if persistent.row() < len(old_ids) else None
            )
            target = self.index(moved, persistent.column()) if moved is not None else QModelIndex()
            self.changePersistentIndex(persistent, target)
        self.layoutChanged.emit()
