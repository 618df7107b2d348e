"""A two-level tree model: groups at the top, their rows under them (Today's reasons and
their items, groups of likely duplicates and their contacts).

Only the tree's shape lives here; a subclass says how many groups and rows there are, names
its columns and formats ``data()``.  A group's index carries :data:`GROUP` as its internal
id, a row's index the number of its group.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
GROUP = 0xFFFFFFFF  # internalId of a group's index


class GroupedModel(QAbstractItemModel):
    _columns: int | None = None  # how many columns (their titles are translated, not their count)

    def group_count(self) -> int:
        raise NotImplementedError

    def child_count(self, group: int) -> int:
        raise NotImplementedError

    def column_titles(self) -> list[str]:
        raise NotImplementedError

    @staticmethod
    def is_group(index: Index) -> bool:
        return index.isValid() and index.internalId() == GROUP

    @staticmethod
    def group_number(index: Index) -> int:
        """The number of the group ``index`` is, or is in."""
        return index.row() if index.internalId() == GROUP else index.internalId()

    # index(), parent(), rowCount() and columnCount() are called for every
    # row each time a tree lays itself out (Today holds up to 3,500 items): they answer from
    # plain ints, without Qt's hasIndex() round trip or translating the column titles.

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if row < 0 or column < 0 or column >= (self._columns or self.columnCount()):
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, GROUP) if row < self.group_count() else QModelIndex()
            )
        group = parent.row()
        if parent.internalId() != GROUP or parent.column() != 0 or row >= self.child_count(group):
            return QModelIndex()
        return self.createIndex(row, column, group)

    # The stubs overload parent() with QObject.parent() (no argument, the owner), which one
    # Python signature cannot match; Qt's views call this one with the child.
    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        group = child.internalId()
        return QModelIndex() if group == GROUP else self.createIndex(group, 0, GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return self.group_count()
        if parent.internalId() == GROUP and parent.column() == 0:
            return self.child_count(parent.row())
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        if self._columns is None:
            self._columns = len(self.column_titles())
        return self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = self.column_titles()
        return titles[section] if 0 <= section < len(titles) else None
