"""Groups of likely duplicate contacts as a two-level tree: a group (how sure, and why), then
its contacts (name, company, first e-mail, id).  ``data()`` only formats what it holds; the
groups come from ``journal.duplicates.groups()`` on a worker."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication

from colearn_desktop.core.people.duplicates.service import DuplicateGroup, Member
from colearn_desktop.ui.contacts.duplicate_words import reasons_text

Index = QModelIndex | QPersistentModelIndex
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1
_GROUP = 0xFFFFFFFF  # internalId of a group row (contacts carry their group's number)


class Column(IntEnum):
    CONTACT = 0
    COMPANY = 1
    EMAIL = 2
    WHY = 3


class DuplicatesModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._groups: list[DuplicateGroup] = []

    def set_groups(self, groups: list[DuplicateGroup]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    @property
    def groups(self) -> list[DuplicateGroup]:
        return self._groups

    def group_at(self, index: Index) -> DuplicateGroup | None:
        if not index.isValid():
            return None
        number = index.row() if index.internalId() == _GROUP else index.internalId()
        return self._groups[number]

    def member_at(self, index: Index) -> Member | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId()].members[index.row()]

    # -- Qt model API ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row())

    # (See TodayModel.parent: the stubs overload it with QObject.parent().)
    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId(), 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].members)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return [self.tr("Contact"), self.tr("Company"), self.tr("E-mail"), self.tr("Why")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = Column(index.column())
        if index.internalId() == _GROUP:
            return self._group_data(self._groups[index.row()], column, role)
        member = self._groups[index.internalId()].members[index.row()]
        if role == CONTACT_ROLE:
            return member.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Column.CONTACT:
            return f"{member.name}  (#{member.id})"
        if column == Column.COMPANY:
            return member.company
        if column == Column.EMAIL:
            return member.email
        return None

    def _group_data(self, group: DuplicateGroup, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == Column.CONTACT:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.WHY:
            return "\n".join(f"#{p.a} – #{p.b}: {reasons_text(p.reasons)}" for p in group.pairs)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Column.CONTACT:
            return (
                self.tr("%1 contacts, %2% sure")
                .replace("%1", str(len(group.members)))
                .replace("%2", str(group.score))
            )
        if column == Column.WHY:
            return reasons_text(group.reasons())
        return None
