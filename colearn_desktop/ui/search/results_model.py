"""The search results as one list for the popup: a heading per group, its hits, and a row
to show the rest of a group.

A group shows a few hits so that every group fits in the popup at once; when more match, the
row after its hits ("Show all conversations") asks the popup to read that group in full.  All
text is prepared when results arrive; ``data()`` only hands it out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from colearn_desktop.core.fulltext.search import SearchHit, SearchKind, SearchResults
from colearn_desktop.ui.kit import format as fmt

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
HEADER_ROLE = Qt.ItemDataRole.UserRole + 4
HTML_ROLE = Qt.ItemDataRole.UserRole + 5
MORE_ROLE = Qt.ItemDataRole.UserRole + 6


class RowType(Enum):
    HEADING = "heading"
    HIT = "hit"
    MORE = "more"  # "Show all conversations": opens the rest of the group


def _group_words(kind: SearchKind) -> tuple[str, str]:
    """A group's heading and the words of its "Show all" row."""
    return {
        SearchKind.CONTACT: (fmt.tr("Contacts"), fmt.tr("Show all contacts found")),
        SearchKind.CONVERSATION: (
            fmt.tr("Conversations"),
            fmt.tr("Show all conversations found"),
        ),
        SearchKind.LEARNING: (fmt.tr("What I learned"), fmt.tr("Show all learnings found")),
        SearchKind.FAVOUR: (fmt.tr("Favours"), fmt.tr("Show all favours found")),
        SearchKind.PURCHASE: (fmt.tr("Purchases"), fmt.tr("Show all purchases found")),
    }[kind]


def group_title(kind: SearchKind) -> str:
    return _group_words(kind)[0]


def show_all_text(kind: SearchKind) -> str:
    return _group_words(kind)[1]


def hit_meta(hit: SearchHit) -> list[str]:
    """What a result is, besides its contact: date, channel, favour direction, amount."""
    parts = []
    if hit.kind is SearchKind.CONTACT:
        if hit.company:
            parts.append(hit.company)
    elif hit.when is not None:
        parts.append(hit.when.isoformat())
    if hit.channel is not None:
        parts.append(fmt.channel_label(hit.channel))
    if hit.direction is not None:
        parts.append(fmt.direction_label(hit.direction))
    if hit.status is not None:
        parts.append(fmt.status_label(hit.status))
    if hit.amount is not None:
        parts.append(fmt.money(hit.amount, hit.currency))
    if hit.contact_archived:
        parts.append(fmt.tr("archived"))
    return parts


def hit_html(hit: SearchHit) -> str:
    """Two lines: the contact (and what the row is), then the snippet.  Every piece of user
    text is escaped before the markup is put around it."""
    meta = " · ".join(html.escape(part) for part in hit_meta(hit))
    first = f"<b>{html.escape(hit.contact_name)}</b>"
    if meta:
        first += f"&nbsp;&nbsp;<span class='meta'>{meta}</span>"
    return f"{first}<br>{hit.snippet.html('<b><u>', '</u></b>')}"


@dataclass(frozen=True)
class _Row:
    type: RowType
    kind: SearchKind
    hit: SearchHit | None  # only for a hit
    text: str
    html: str


class SearchResultsModel(QAbstractListModel):
    """Heading rows are not selectable; hits and "Show all" rows are."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[_Row] = []

    def set_results(self, results: SearchResults | None) -> None:
        rows: list[_Row] = []
        for group in results.groups if results is not None else ():
            if not group.hits:
                continue
            count = f"{len(group.hits)}+" if group.more else str(len(group.hits))
            title = f"{group_title(group.kind)} ({count})"
            rows.append(_Row(RowType.HEADING, group.kind, None, title, html.escape(title)))
            for hit in group.hits:
                text = f"{hit.contact_name} — {hit.snippet.text}"
                rows.append(_Row(RowType.HIT, group.kind, hit, text, hit_html(hit)))
            if group.more:
                more = show_all_text(group.kind)
                rows.append(_Row(RowType.MORE, group.kind, None, more, html.escape(more)))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_type(self, row: int) -> RowType | None:
        return self._rows[row].type if 0 <= row < len(self._rows) else None

    def kind_at(self, row: int) -> SearchKind | None:
        return self._rows[row].kind if 0 <= row < len(self._rows) else None

    def hit_at(self, row: int) -> SearchHit | None:
        return self._rows[row].hit if 0 <= row < len(self._rows) else None

    def choosable_rows(self) -> list[int]:
        """The rows the arrow keys stop on: hits and "Show all" rows."""
        return [i for i, r in enumerate(self._rows) if r.type is not RowType.HEADING]

    def hit_rows(self, kind: SearchKind | None = None) -> list[int]:
        return [
            i for i, r in enumerate(self._rows) if r.type is RowType.HIT and kind in (None, r.kind)
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() >= len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].type is RowType.HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == HTML_ROLE:
            return row.html
        if role == HEADER_ROLE:
            return row.type is RowType.HEADING
        if role == MORE_ROLE:
            return row.type is RowType.MORE
        if role == KIND_ROLE:
            return row.kind.value
        if row.hit is None:
            return None
        if role == CONTACT_ROLE:
            return row.hit.contact_id
        if role == ITEM_ROLE:
            return row.hit.item_id
        return None
