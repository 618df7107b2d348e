"""The Today / Upcoming item model: due items grouped under headers, as a two-level tree.

Top-level rows are groups (a reason on Today, a day on Upcoming); their children are the due
items, most overdue first.  The rows come from ``journal.reminders.due()`` (a handful of SQL
queries); ``data()`` only formats what the model already holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication

from colearn_desktop.core.due import DueItem, DueReport
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.grouped_model import GROUP, GroupedModel, Index
from colearn_desktop.ui.today import due_text

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
_NO_GROUP = GROUP  # internalId of a group row (items carry their group's number)


class Column(IntEnum):
    WHAT = 0
    WHY = 1
    WHEN = 2


@dataclass(frozen=True)
class Group:
    title: str
    items: tuple[DueItem, ...]


class TodayModel(GroupedModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._groups: list[Group] = []
        self._today = date.min
        self._grace = 0

    # -- loading --------------------------------------------------------------------------

    def set_report(self, report: DueReport, *, upcoming: bool) -> None:
        """Show ``report``: Today's items grouped by reason, or the upcoming ones by day."""
        groups: list[Group] = []
        if upcoming:
            by_day: dict[date, list[DueItem]] = {}
            for item in sorted(report.upcoming, key=DueItem.sort_key):
                by_day.setdefault(item.urgent_on, []).append(item)
            for day, day_items in by_day.items():
                groups.append(Group(self._day_title(day, report.today), tuple(day_items)))
        else:
            for kind, items in DueReport.grouped(report.on_today):
                title = f"{due_text.kind_label(kind)} ({len(items)})"
                left_out = report.left_out(kind)
                if left_out > 0:
                    title = due_text.fill(
                        self.tr("%1 (the %2 most overdue of %3)"),
                        due_text.kind_label(kind),
                        f"{len(items):,}",
                        f"{len(items) + left_out:,}",
                    )
                groups.append(Group(title, items))
        self.beginResetModel()
        self._groups = groups
        self._today = report.today
        self._grace = report.grace_days
        self.endResetModel()

    def _day_title(self, day: date, today: date) -> str:
        if day == today + timedelta(days=1):
            return self.tr("Tomorrow")
        return due_text.long_date(day)

    @property
    def groups(self) -> list[Group]:
        return self._groups

    def item_count(self) -> int:
        return sum(len(g.items) for g in self._groups)

    def item_at(self, index: Index) -> DueItem | None:
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        return self._groups[index.internalId()].items[index.row()]

    def index_of(self, key: str) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, item in enumerate(group.items):
                if item.key == key:
                    return self.createIndex(r, 0, g)
        return QModelIndex()

    def first_item(self) -> QModelIndex:
        return self.createIndex(0, 0, 0) if self._groups else QModelIndex()

    # -- Qt model API ---------------------------------------------------------------------

    # (The tree's shape: ui/kit/grouped_model.GroupedModel.)

    def group_count(self) -> int:
        return len(self._groups)

    def child_count(self, group: int) -> int:
        return len(self._groups[group].items)

    def column_titles(self) -> list[str]:
        return [self.tr("What"), self.tr("Why"), self.tr("When")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_GROUP:
            return self._group_data(self._groups[index.row()], index.column(), role)
        item = self._groups[index.internalId()].items[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.WHAT:
                return due_text.title(item)
            if column == Column.WHY:
                return due_text.reason(item, self._today)
            return due_text.when(item, self._today)
        if role == KEY_ROLE:
            return item.key
        if role == CONTACT_ROLE:
            return item.contact_id
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.WHEN:
            return fmt.urgency_color(
                item.urgent_on, self._today, self._grace, QGuiApplication.palette()
            )
        return None

    def _group_data(self, group: Group, column: int, role: int) -> Any:
        if column != Column.WHAT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return group.title
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        return None

    def _tooltip(self, item: DueItem) -> str:
        text = self.tr("Due %1").replace("%1", item.due_on.isoformat())
        if item.snoozed_until:
            text += "\n" + self.tr("Snoozed until %1").replace("%1", item.snoozed_until.isoformat())
        return text
