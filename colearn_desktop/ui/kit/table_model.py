"""One read-only table model for every list of rows a screen shows.

A screen's table used to repeat the same rowCount / columnCount / headerData / data plumbing
with its own ``set_x`` / ``x_at``; here the plumbing is written once and a table is declared as
data: a tuple of :class:`Column` (its header, already translated, and how a row reads in it).
``data()`` only formats rows the model already holds and never queries the journal, so a table
can be shown over rows read on a worker thread.

The rows are kept as handed in (not copied), so a lazy sequence, such as an import plan that
reads a page of rows at a time, stays lazy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
Cell = Callable[[Row], Any]

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
# A proxy model sorts by this role (``setSortRole(SORT_ROLE)``): a date sorts as a date, a
# number as a number, whatever the cell's text reads.
SORT_ROLE = Qt.ItemDataRole.UserRole + 100

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its header and how a row reads in it.

    ``text`` gives the display text (``None`` for a column that shows no text, such as a
    check box); ``tooltip`` and ``foreground`` may answer ``None`` for rows that have none;
    ``roles`` answers any other role (a check state, an edit value) for this column only.
    """

    header: str
    text: Cell[Row] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Cell[Row] | None = None
    foreground: Cell[Row] | None = None
    sort_key: Cell[Row] | None = None
    roles: Mapping[int, Cell[Row]] = field(default_factory=dict)

    def value(self, row: Row, role: int) -> Any:
        if role == DISPLAY:
            return self.text(row) if self.text else None
        if role == TOOLTIP:
            return self.tooltip(row) if self.tooltip else None
        if role == FOREGROUND:
            return self.foreground(row) if self.foreground else None
        if role == ALIGNMENT:
            return int(self.align) if self.align is not None else None
        if role == SORT_ROLE:
            key = self.sort_key or self.text
            return key(row) if key else None
        answer = self.roles.get(role)
        return answer(row) if answer else None


class TableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a sequence of rows, its columns declared as data.

    ``row_roles`` answer a role for every column of a row (the id a double-click opens, the
    muted colour of a closed favour); where one answers ``None`` the column answers.
    A subclass that needs more (an editable column, a whole-row colour) overrides ``cell``,
    ``flags`` or ``setData`` and keeps the plumbing.
    """

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        parent: QObject | None = None,
        *,
        row_roles: Mapping[int, Cell[Row]] | None = None,
    ):
        super().__init__(parent)
        self._columns: tuple[Column[Row], ...] = tuple(columns)
        self._row_roles: Mapping[int, Cell[Row]] = dict(row_roles or {})
        self._rows: Sequence[Row] = ()

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` instead of the rows shown: views keep no index into the old ones."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column[Row]], rows: Sequence[Row] = ()) -> None:
        """For a table whose columns come with its rows (a file's own header)."""
        self.beginResetModel()
        self._columns = tuple(columns)
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_for(self, predicate: Callable[[Row], bool]) -> int | None:
        """The number of the first row ``predicate`` accepts (to select it again after a
        reload), or ``None``."""
        return next((i for i, row in enumerate(self._rows) if predicate(row)), None)

    def column(self, number: int) -> Column[Row]:
        return self._columns[number]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role``; override to answer more."""
        answer = self._row_roles.get(role)
        value = answer(row) if answer is not None else None
        return self._columns[column].value(row, role) if value is None else value
