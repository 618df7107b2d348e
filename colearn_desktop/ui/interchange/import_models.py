"""Item models of the import and export dialogs: the decoded preview, the per-row plan (whose
decision column the user edits) and the list of past imports.  ``data()`` never queries the
journal; the plan's rows come from the import's own scratch database a page at a time (see
``core/interchange/plan_rows.py``), so a 100,000-row preview costs no more memory than a
small one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from colearn_desktop.core.interchange.plan import Action, PlannedRow
from colearn_desktop.core.interchange.plan_rows import PlannedRows
from colearn_desktop.core.interchange.undo import BatchView
from colearn_desktop.ui.interchange.match_reasons import reason_text
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.table_model import Column, Index, TableModel

_DISPLAY = Qt.ItemDataRole.DisplayRole


def _file_column(name: str, number: int) -> Column[list[str]]:
    """Column ``number`` of a file, under its own header; the tooltip shows a long cell whole,
    as text, whatever the file wrote in it."""

    def cell(row: list[str]) -> str:
        return row[number]

    return Column(name, cell, tooltip=lambda row: plain_tooltip(cell(row)))


class PreviewModel(TableModel[list[str]]):
    """The first rows of a CSV as the file has them, under its header, numbered."""

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent)

    def set_file_rows(self, header: list[str], rows: list[list[str]]) -> None:
        columns = [_file_column(name, i) for i, name in enumerate(header)]
        self.set_columns(columns, [list(r) + [""] * (len(header) - len(r)) for r in rows])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical:
            in_range = role == _DISPLAY and 0 <= section < self.rowCount()
            return str(section + 1) if in_range else None
        return super().headerData(section, orientation, role)


class PlanModel(TableModel[PlannedRow]):
    """One line per contact in the file: row, name, e-mail, what will happen (editable), why."""

    ROW, NAME, DETAIL, ACTION, REASON = range(5)
    ACTION_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None):
        super().__init__(
            (), parent, row_roles={self.ACTION_ROLE: lambda p: self._action_of(p).value}
        )
        self._decisions: dict[int, Action] = {}
        self._planned_as: dict[int, Action] = {}  # what the plan said, for the changed rows
        self.editable = True
        self.set_columns(
            (
                Column(self.tr("Row"), lambda p: str(p.number)),
                Column(self.tr("Name"), lambda p: p.name),
                Column(self.tr("E-mail or phone"), lambda p: p.detail),
                Column(
                    self.tr("Import as"),
                    lambda p: self.action_label(self._action_of(p), p),
                    roles={Qt.ItemDataRole.EditRole: lambda p: self._action_of(p).value},
                ),
                Column(self.tr("Why"), lambda p: reason_text(p.reason)),
            )
        )

    def set_plan(self, rows: Sequence[PlannedRow], *, editable: bool = True) -> None:
        """``rows`` may be a plan's :class:`PlannedRows`, which reads a page of rows from the
        plan's scratch database when a row of a page it does not hold is shown."""
        self._decisions = {}
        self._planned_as = {}
        self.editable = editable
        self.set_rows(rows)

    def decisions(self) -> dict[int, Action]:
        """Only the rows the user changed, by file row number."""
        return dict(self._decisions)

    def _action_of(self, planned: PlannedRow) -> Action:
        return self._decisions.get(planned.number, planned.action)

    def action_at(self, row: int) -> Action:
        return self._action_of(self._rows[row])

    def choices(self, row: int) -> list[Action]:
        planned = self._rows[row]
        if planned.rejected:  # nothing to make a contact of
            return [Action.SKIP]
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

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.ACTION and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

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


class BatchesModel(TableModel[BatchView]):
    """Past imports, newest first."""

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent)
        self.set_columns(
            (
                Column(self.tr("When"), lambda b: b.created_at.strftime("%Y-%m-%d %H:%M")),
                Column(self.tr("File"), lambda b: b.source_name),
                Column(
                    self.tr("Added"),
                    lambda b: (
                        self.tr("%1 new, %2 merged")
                        .replace("%1", str(b.new))
                        .replace("%2", str(b.merged))
                    ),
                ),
                Column(
                    self.tr("State"),
                    lambda b: self.tr("undone") if b.undone else self.tr("imported"),
                ),
            )
        )
