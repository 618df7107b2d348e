"""Item models of the import and export dialogs: the decoded preview, the per-row plan (whose
decision column the user edits) and the list of past imports.  ``data()`` never queries the
journal; the plan's rows come from the import's own scratch database a page at a time (see
``core/interchange/plan_rows.py``), so a 100,000-row preview costs no more memory than a
small one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from colearn_desktop.core.interchange.plan import Action, PlannedRow
from colearn_desktop.core.interchange.plan_rows import PlannedRows
from colearn_desktop.core.interchange.undo import BatchView
from colearn_desktop.ui.kit.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class PreviewModel(QAbstractTableModel):
    """The first rows of a CSV as the file has them, under its header."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[list[str]] = []

    def set_rows(self, header: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._header = list(header)
        self._rows = [list(r) + [""] * (len(header) - len(r)) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._header):
            return self._header[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        cell = row[index.column()] if index.column() < len(row) else ""
        # The tooltip shows a long cell whole: as text, whatever the file wrote in it.
        return plain_tooltip(cell) if role == Qt.ItemDataRole.ToolTipRole else cell


class PlanModel(QAbstractTableModel):
    """One line per contact in the file: row, name, e-mail, what will happen (editable), why."""

    ROW, NAME, DETAIL, ACTION, REASON = range(5)
    ACTION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: Sequence[PlannedRow] = []
        self._decisions: dict[int, Action] = {}
        self._planned_as: dict[int, Action] = {}  # what the plan said, for the changed rows
        self.editable = True

    def set_plan(self, rows: Sequence[PlannedRow], *, editable: bool = True) -> None:
        """``rows`` may be a plan's :class:`PlannedRows`, which reads a page of rows from the
        plan's scratch database when a row of a page it does not hold is shown."""
        self.beginResetModel()
        self._rows = rows
        self._decisions = {}
        self._planned_as = {}
        self.editable = editable
        self.endResetModel()

    def decisions(self) -> dict[int, Action]:
        """Only the rows the user changed, by file row number."""
        return dict(self._decisions)

    def action_at(self, row: int) -> Action:
        planned = self._rows[row]
        return self._decisions.get(planned.number, planned.action)

    def choices(self, row: int) -> list[Action]:
        planned = self._rows[row]
        if planned.can_merge:
            return [Action.MERGE, Action.NEW, Action.SKIP]
        return [Action.NEW, Action.SKIP]

    def action_label(self, action: Action, planned: PlannedRow) -> str:
        if action is Action.MERGE:
            target = planned.target_name or self.tr("row %1").replace("%1", str(planned.target_row))
            return self.tr("merge into %1").replace("%1", target)
        return {Action.NEW: self.tr("new"), Action.SKIP: self.tr("skip")}[action]

    def counts(self) -> tuple[int, int, int]:
        """What the plan counts, corrected by the rows the user changed (without reading
        every row again after each change)."""
        if isinstance(self._rows, PlannedRows):
            counts = self._rows.counts()
        else:
            counts = dict.fromkeys(Action, 0)
            for planned in self._rows:
                counts[planned.action] += 1
        for number, action in self._decisions.items():
            counts[self._planned_as[number]] -= 1
            counts[action] += 1
        return counts[Action.NEW], counts[Action.MERGE], counts[Action.SKIP]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY or not 0 <= section < 5:
            return None
        return [self.tr("Row"), self.tr("Name"), self.tr("E-mail or phone"), self.tr("Import as"),
                self.tr("Why")][section]  # fmt: skip

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.ACTION and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        planned = self._rows[index.row()]
        column = index.column()
        if role == self.ACTION_ROLE:
            return self.action_at(index.row()).value
        if role == Qt.ItemDataRole.EditRole and column == self.ACTION:
            return self.action_at(index.row()).value
        if role != _DISPLAY:
            return None
        if column == self.ROW:
            return str(planned.number)
        if column == self.NAME:
            return planned.name
        if column == self.DETAIL:
            return planned.detail
        if column == self.ACTION:
            return self.action_label(self.action_at(index.row()), planned)
        return planned.reason

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.ACTION or not self.editable:
            return False
        try:
            action = Action(value)
        except ValueError:
            return False
        if action not in self.choices(index.row()):
            return False
        planned = self._rows[index.row()]
        if action is planned.action:
            self._decisions.pop(planned.number, None)
        else:
            self._decisions[planned.number] = action
            self._planned_as[planned.number] = planned.action
        self.dataChanged.emit(index, index)
        return True


class BatchesModel(QAbstractTableModel):
    """Past imports, newest first."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._batches: list[BatchView] = []

    def set_batches(self, batches: list[BatchView]) -> None:
        self.beginResetModel()
        self._batches = batches
        self.endResetModel()

    def batch_at(self, row: int) -> BatchView | None:
        return self._batches[row] if 0 <= row < len(self._batches) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._batches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY or not 0 <= section < 4:
            return None
        return [self.tr("When"), self.tr("File"), self.tr("Added"), self.tr("State")][section]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role != _DISPLAY:
            return None
        batch = self._batches[index.row()]
        column = index.column()
        if column == 0:
            return batch.created_at.strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return batch.source_name
        if column == 2:
            return (
                self.tr("%1 new, %2 merged")
                .replace("%1", str(batch.new))
                .replace("%2", str(batch.merged))
            )
        return self.tr("undone") if batch.undone else self.tr("imported")
