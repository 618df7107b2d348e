"""The contacts table model: plain rows from one SQL query, sorted and filtered by SQL.

``data()`` formats a row of a page it holds, reading the page (one query) the first time.
Sorting (a header click) and filtering change the :class:`ContactQuery` and reload, so a
100,000-contact journal sorts in the database instead of in a proxy model over Python objects.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from enum import IntEnum
from operator import attrgetter
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
from colearn_desktop.core.people.contact_list import (
    ContactQuery,
    ContactRow,
    ContactSort,
    narrows,
)
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


def _same_place(old: ContactRow, new: ContactRow, query: ContactQuery) -> bool:
    """Whether ``new`` (a contact's row read again) stands where ``old`` stood in the list of
    ``query``: what the filters look at (name, company, stage, tags, archived; e-mails are
    not on the row, and only a change of the contact itself changes them) and the sort's
    value are the same."""
    sort_value = {
        ContactSort.LAST_CONTACT: attrgetter("last_contact_at"),
        ContactSort.NEXT_DUE: attrgetter("next_due"),
        ContactSort.BALANCE: attrgetter("balance"),
    }.get(query.sort)
    return (
        (old.display_name, old.company, old.stage, old.tags, old.archived)
        == (new.display_name, new.company, new.stage, new.tags, new.archived)
    ) and (sort_value is None or sort_value(old) == sort_value(new))


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
        # The query of the rows read by the last reload; whether that reload may have kept
        # the rows in their places (the same query: unless a change moved them), and whether
        # it did (a filter typed on that dropped nobody: the same rows).
        self._shown = self._query
        self._same_rows = False
        self._moved_nobody = False
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
        """The first page again (after a change, a new sort or filter) and the total.

        A filter typed on that drops nobody (one letter nearly everyone matches) lists the
        same rows in the same places: then the count alone says so and the pages held stay,
        where reading the first page and the selected contact's again cost ~0.1 s at
        100,000 contacts for the same rows."""
        narrowed = self._loaded and self._query != self._shown and narrows(self._shown, self._query)
        total = self._journal.contact_list.count(self._query) if narrowed else None
        if total == self._total:
            self._shown = self._query
            self._same_rows = self._moved_nobody = True
            return
        first = self._read_page(0)
        if total is None:
            total = (
                len(first) if len(first) < PAGE else self._journal.contact_list.count(self._query)
            )
        # (A narrower filter with the same count returned above: the rows stayed.)
        self._same_rows = self._loaded and self._query == self._shown
        self._moved_nobody = False
        self._loaded, self._shown = True, self._query
        self.beginResetModel()
        self._pages = {0: first}
        self._total = total
        self._today = self._journal.clock.today()
        self._grace = self._journal.settings.get().grace_days
        self.endResetModel()

    def update_rows(self, contact_ids: Collection[int]) -> bool:
        """Read the rows of ``contact_ids`` again where they stand (``dataChanged``), after
        a change that cannot have moved them: a talk logged re-paged the whole list and
        asked for its count (~40 ms at 100,000 contacts) to show one new date.

        False (nothing changed here) when a row's place may have changed: a value the
        filters or the sort look at is different; then the caller reloads."""
        held = [
            (page, at, row)
            for page, rows in self._pages.items()
            for at, row in enumerate(rows)
            if row.id in contact_ids
        ]
        fresh = {
            row.id: row for row in self._journal.contact_list.rows_of([r.id for *_, r in held])
        }
        if any(r.id not in fresh or not _same_place(r, fresh[r.id], self._query) for *_, r in held):
            return False
        self._today = self._journal.clock.today()
        for page, at, row in held:
            self._pages[page][at] = fresh[row.id]
            index = page * PAGE + at
            self.dataChanged.emit(self.index(index, 0), self.index(index, len(Column) - 1))
        return True

    def _read_page(self, page: int) -> list[ContactRow]:
        """Page ``page``, next to a full page already read when there is one: OFFSET walks
        every row before the page (~0.2 s at 100,000 contacts), where the rows right after
        the previous page's last row (or before the next page's first) are one index range."""
        contact_list = self._journal.contact_list
        query = replace(self._query, limit=None)
        previous = self._pages.get(page - 1)
        if previous is not None and len(previous) == PAGE:
            return contact_list.rows_next_to(query, previous[-1].id, PAGE, after=True)
        following = self._pages.get(page + 1)
        if page > 0 and following:
            return contact_list.rows_next_to(query, following[0].id, PAGE, after=False)
        return contact_list.rows(replace(self._query, limit=PAGE), offset=page * PAGE)

    @property
    def total(self) -> int:
        """How many contacts match (every one is a row)."""
        return self._total

    def row_for_id(
        self, contact_id: int, *, load: bool = False, was: int | None = None
    ) -> int | None:
        """The row showing ``contact_id`` among the pages read so far; with ``load``, the
        core tells where it stands in one query (None when the list leaves it out).

        ``was`` is the row it stood in before a reload: most changes (a talk logged, a
        reminder snoozed) leave it there, and its page is read anyway to show it, so then
        no query asks where it went."""
        if load and self._same_rows and was is not None and 0 <= was < self._total:
            page, at = divmod(was, PAGE)
            if self._moved_nobody and page not in self._pages:  # (it stands where it stood)
                self._pages[page] = self._page_around(contact_id, at)
            there = self.contact_at(was)
            if there is not None and there.id == contact_id:
                return was
        for page, rows in self._pages.items():
            found = next((i for i, r in enumerate(rows) if r.id == contact_id), None)
            if found is not None:
                return page * PAGE + found
        if not load or not self._loaded:
            return None
        position = self._journal.contact_list.position(self._query, contact_id)
        if position is None or not 0 <= position < self._total:
            return None
        page, at = divmod(position, PAGE)
        if page not in self._pages:  # its page, read from where it stands (no OFFSET)
            self._pages[page] = self._page_around(contact_id, at)
        row = self.contact_at(position)
        return position if row is not None and row.id == contact_id else None

    def _page_around(self, contact_id: int, at: int) -> list[ContactRow]:
        """The page in which ``contact_id`` stands at ``at``: the rows before and after it,
        each read from its place in the sort's index."""
        contact_list = self._journal.contact_list
        query = replace(self._query, limit=None)
        mine = contact_list.row(contact_id)
        before = contact_list.rows_next_to(query, contact_id, at, after=False) if at else []
        after = contact_list.rows_next_to(query, contact_id, PAGE - at - 1, after=True)
        return [*before, *([mine] if mine else []), *after]

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
