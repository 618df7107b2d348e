"""The Today / Upcoming item model: due items grouped under headers, as a two-level tree.

Top-level rows are groups (a reason on Today, a day on Upcoming); their children are the due
items, most overdue first.  The rows come from ``journal.reminders.due()`` (a handful of SQL
queries); ``data()`` only formats what the model already holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
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
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class Column(IntEnum):
    WHAT = 0
    WHY = 1
    WHEN = 2


@dataclass(frozen=True)
class Group:
    # What the group stands for whatever its title says: a kind on Today, a day on Upcoming.
    ident: str
    title: str
    items: tuple[DueItem, ...]


class TodayModel(GroupedModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._groups: list[Group] = []
        self._today = date.min
        self._grace = 0
        # Each item's three texts as last worded, by key (with the item they were worded
        # for): a paint asks for them again for every visible row, and wording the "Why" of
        # 40 rows is ~15 ms, paid twice per key press (the change repaints, then the action).
        self._texts: dict[str, tuple[DueItem, tuple[str, str, str]]] = {}

    # -- loading --------------------------------------------------------------------------

    def set_report(self, report: DueReport, *, upcoming: bool) -> None:
        """Show ``report``: Today's items grouped by reason, or the upcoming ones by day.

        When the groups are the same ones as on screen (same reasons or days, same day and
        grace), only the rows that changed are removed, inserted or updated: D on one of
        3,500 items removes one row instead of resetting the model, which made the tree
        lay out every row again and lose its scroll position (~100 ms at 100,000 contacts).
        A group gained or lost resets it: a row's index carries its group's number."""
        groups = self._grouped(report, upcoming)
        same_groups = [g.ident for g in groups] == [g.ident for g in self._groups]
        if not same_groups or (report.today, report.grace_days) != (self._today, self._grace):
            self.beginResetModel()
            self._groups = groups
            self._today = report.today
            self._grace = report.grace_days
            self._texts.clear()
            self.endResetModel()
            return
        for number, group in enumerate(groups):
            self._update_group(number, group)

    def _grouped(self, report: DueReport, upcoming: bool) -> list[Group]:
        groups: list[Group] = []
        if upcoming:
            by_day: dict[date, list[DueItem]] = {}
            for item in sorted(report.upcoming, key=DueItem.sort_key):
                by_day.setdefault(item.urgent_on, []).append(item)
            for day, day_items in by_day.items():
                title = self._day_title(day, report.today)
                groups.append(Group(day.isoformat(), title, tuple(day_items)))
            return groups
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
            groups.append(Group(kind.value, title, items))
        return groups

    def _update_group(self, number: int, new: Group) -> None:
        """Turn group ``number`` into ``new`` row by row: the runs of items that went are
        removed, the new ones inserted, and kept items whose facts changed repainted."""
        parent = self.createIndex(number, 0, GROUP)
        old = self._groups[number]
        if old.items == new.items:  # a kind not worked out again: the very same items
            self._groups[number] = new
            if new.title != old.title:
                self.dataChanged.emit(parent, parent)
            return
        matcher = SequenceMatcher(
            None, [i.key for i in old.items], [i.key for i in new.items], autojunk=False
        )
        runs = matcher.get_opcodes()
        # Kept items whose facts changed ("reached out today"), by their row in ``new``.
        changed = [
            new_start + offset
            for tag, start, end, new_start, _new_end in runs
            if tag == "equal"
            for offset in range(end - start)
            if old.items[start + offset] != new.items[new_start + offset]
        ]
        # From the end, so the rows before each run keep their numbers.
        for tag, start, end, new_start, new_end in reversed(runs):
            if tag in ("delete", "replace"):
                self.beginRemoveRows(parent, start, end - 1)
                items = self._groups[number].items
                self._set_group(number, old.title, items[:start] + items[end:])
                self.endRemoveRows()
            if tag in ("insert", "replace"):
                self.beginInsertRows(parent, start, start + new_end - new_start - 1)
                items = self._groups[number].items
                added = new.items[new_start:new_end]
                self._set_group(number, old.title, items[:start] + added + items[start:])
                self.endInsertRows()
        self._set_group(number, new.title, new.items)
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(
                self.createIndex(changed[0], 0, number), self.createIndex(changed[-1], last, number)
            )
        if new.title != old.title:
            self.dataChanged.emit(parent, parent)

    def _set_group(self, number: int, title: str, items: tuple[DueItem, ...]) -> None:
        self._groups[number] = Group(self._groups[number].ident, title, items)

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
        # Asked for every row on each layout: constants, not an enum OR per call.
        if not index.isValid():
            return _NO_FLAGS
        return _GROUP_FLAGS if index.internalId() == _NO_GROUP else _ITEM_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_GROUP:
            return self._group_data(self._groups[index.row()], index.column(), role)
        item = self._groups[index.internalId()].items[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._worded(item)[column]
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

    def _worded(self, item: DueItem) -> tuple[str, str, str]:
        """What, why and when of ``item``, worded once while it is on screen."""
        cached = self._texts.get(item.key)
        if cached is not None and cached[0] is item:
            return cached[1]
        texts = (
            due_text.title(item),
            due_text.reason(item, self._today),
            due_text.when(item, self._today),
        )
        self._texts[item.key] = (item, texts)
        return texts

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
