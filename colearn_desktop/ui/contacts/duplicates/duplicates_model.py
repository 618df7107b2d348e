"""Groups of likely duplicate contacts as a two-level tree: a group (how sure, and why), then
its contacts (name, company, first e-mail, id).  ``data()`` only formats what it holds; the
groups come from ``journal.duplicates.groups()`` on a worker."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication

from colearn_desktop.core.people.duplicates.service import DuplicateGroup, Member
from colearn_desktop.ui.contacts.duplicates.duplicate_words import reasons_text
from colearn_desktop.ui.kit.grouped_model import GroupedModel, Index

CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    CONTACT = 0
    COMPANY = 1
    EMAIL = 2
    WHY = 3


class DuplicatesModel(GroupedModel):
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
        return self._groups[self.group_number(index)] if index.isValid() else None

    def member_at(self, index: Index) -> Member | None:
        if not index.isValid() or self.is_group(index):
            return None
        return self._groups[index.internalId()].members[index.row()]

    # -- the tree (GroupedModel) -----------------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def child_count(self, group: int) -> int:
        return len(self._groups[group].members)

    def column_titles(self) -> list[str]:
        return [self.tr("Contact"), self.tr("Company"), self.tr("E-mail"), self.tr("Why")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = Column(index.column())
        if self.is_group(index):
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
