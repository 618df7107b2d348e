"""Item models of the Insights screen: the learnings, the tags that group them and the themes
clients ask about.  Rows come from one overview read on a worker; ``data()`` only formats."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from colearn_desktop.core.reports.insights import Count, LearningRow
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.table_model import RIGHT, Column, Index, TableModel

CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2

ALL_TAGS = "__all__"
NO_TAG = "__none__"


class LearningsModel(TableModel[LearningRow]):
    """Date, contact, what I learned: rows from one SQL query, formatted, never queried."""

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent, row_roles={CONTACT_ROLE: lambda r: r.contact_id})
        self.set_columns(
            (
                Column(self.tr("Date"), lambda r: r.happened_at.date().isoformat()),
                Column(
                    self.tr("Contact"),
                    lambda r: r.contact_name,
                    tooltip=lambda r: plain_tooltip(
                        ", ".join(p for p in (fmt.stage_label(r.stage), r.tags) if p)
                    ),
                ),
                Column(
                    self.tr("What I learned"),
                    lambda r: " ".join(r.learned.split()),  # one line in the table
                    tooltip=lambda r: plain_tooltip(r.learned),
                ),
            )
        )


class ThemesModel(TableModel[Count]):
    """The words clients ask about most, with how many times."""

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent)
        self.set_columns(
            (
                Column(self.tr("They ask about"), lambda r: r.label),
                Column(self.tr("Times"), lambda r: f"{r.count:,}", align=RIGHT),
            )
        )


class TagGroupsModel(QAbstractListModel):
    """ "All tags", then each tag with its number of learnings, then "No tag"."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []  # (key, text)

    def set_counts(self, total: int, counts: list[Count]) -> None:
        rows = [(ALL_TAGS, self.tr("All tags (%1)").replace("%1", f"{total:,}"))]
        for count in counts:
            if count.label is None:
                rows.append((NO_TAG, self.tr("No tag (%1)").replace("%1", f"{count.count:,}")))
            else:
                rows.append((count.label, f"{count.label} ({count.count:,})"))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, key: str) -> int | None:
        return next((i for i, (k, _) in enumerate(self._rows) if k == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        key, text = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == TAG_ROLE:
            return key
        return None
