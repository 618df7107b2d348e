"""The contacts table model: plain rows from one SQL query, sorted and filtered by SQL.

``data()`` formats a row of a page it holds, reading the page (one query) the first time.
Sorting (a header click) and filtering change the :class:`ContactQuery` and reload, so a
100,000-contact journal sorts in the database instead of in a proxy model over Python objects.
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
    """Every matching contact is a row (``rowCount`` is the total); a page of rows is read
    the first time one of its rows is asked for.  So going to a contact far down the list
    reads its page, not every page before it (a contact near the end of 100,000 cost 200
    page reads, then one read of 100,000 rows)."""

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self._journal = journal
        self._pages: dict[int, list[ContactRow]] = {}
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
        first = self._read_page(0)
        total = len(first) if len(first) < PAGE else self._journal.contact_list.count(self._query)
        self.beginResetModel()
        self._pages = {0: first}
        self._total = total
        self._today = self._journal.clock.today()
        self._grace = self._journal.settings.get().grace_days
        self.endResetModel()

    def _read_page(self, page: int) -> list[ContactRow]:
        return self._journal.contact_list.rows(replace(self._query, limit=PAGE), offset=page * PAGE)

    @property
    def total(self) -> int:
        """How many contacts match (every one is a row)."""
        return self._total

    def row_for_id(self, contact_id: int, *, load: bool = False) -> int | None:
        """The row showing ``contact_id`` among the pages read so far; with ``load``, the
        core tells where it stands in one query (None when the list leaves it out)."""
        for page, rows in self._pages.items():
            found = next((i for i, r in enumerate(rows) if r.id == contact_id), None)
            if found is not None:
                return page * PAGE + found
        if not load or not self._loaded:
            return None
        position = self._journal.contact_list.position(self._query, contact_id)
        if position is None:
            return None
        row = self.contact_at(position)
        return position if row is not None and row.id == contact_id else None

    def contact_at(self, row: int) -> ContactRow | None:
        """The contact of ``row``, reading its page the first time (a screenful of rows)."""
        if not 0 <= row < self._total:
            return None
        page, at = divmod(row, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._pages[page] = self._read_page(page)
        return rows[at] if at < len(rows) else None  # (fewer: changed since; a refresh follows)

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._total

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
        row = self.contact_at(index.row()) if index.isValid() else None
        if row is None:
            return None
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
        self.layoutAboutToBeChanged.emit()
        old_ids = [
            (persistent, self.contact_at(persistent.row()))
            for persistent in self.persistentIndexList()
        ]
        self._pages = {0: self._read_page(0)}
        # Keep the selection (and anything else holding a persistent index) on the same
        # contacts after the reorder: where each now stands, one query each.
        for persistent, contact in old_ids:
            moved = (
                self._journal.contact_list.position(self._query, contact.id) if contact else None
            )
            target = self.index(moved, persistent.column()) if moved is not None else QModelIndex()
            self.changePersistentIndex(persistent, target)
        self.layoutChanged.emit()
