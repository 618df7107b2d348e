"""The list of backups as a Qt table model, and how a backup reads on screen."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from colearn_desktop.core.storage.backups.catalog import BackupInfo
from colearn_desktop.core.storage.backups.verified_copy import Counts

_translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex


def counts_text(counts: Counts | None) -> str:
    # Plural strings are written out in full so that lupdate finds them.
    if counts is None:
        return _translate("Backups", "cannot be read")
    return ", ".join(
        (
            QCoreApplication.translate("Backups", "%n contact(s)", None, counts.contacts),
            QCoreApplication.translate("Backups", "%n conversation(s)", None, counts.conversations),
            QCoreApplication.translate("Backups", "%n favour(s)", None, counts.favours),
            QCoreApplication.translate("Backups", "%n purchase(s)", None, counts.purchases),
        )
    )


def moment_text(moment: datetime) -> str:
    """ "Sunday, 22 November 2026 09:30" in the user's locale."""
    return QLocale().toString(_local(moment), "dddd, d MMMM yyyy HH:mm")


def _local(moment: datetime) -> QDateTime:
    """``moment`` (local wall-clock time) for Qt, to the second."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )


def reason_label(reason: str) -> str:
    base = re.sub(r"-\d+$", "", reason)  # "manual-2": a second one in the same second
    labels = {
        "manual": _translate("Backups", "Made by you"),
        "on-close": _translate("Backups", "On closing"),
        "daily": _translate("Backups", "Daily"),
        "before-upgrade": _translate("Backups", "Before an upgrade"),
        "before-import": _translate("Backups", "Before an import"),
        "before-restore": _translate("Backups", "Before a restore"),
        "before-bulk-delete": _translate("Backups", "Before a bulk delete"),
        "before-delete": _translate("Backups", "Before a permanent delete"),
        "before-undo-import": _translate("Backups", "Before undoing an import"),
    }
    return labels.get(base, base.replace("-", " ").capitalize())


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class BackupListModel(QAbstractTableModel):
    """Rows are plain :class:`BackupInfo` records handed in by the page; nothing here reads
    files or the journal."""

    TAKEN, REASON, SIZE, CONTACTS, CONVERSATIONS, FAVOURS, PURCHASES = range(7)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def info(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 7:
            return None
        return (
            self.tr("Taken"),
            self.tr("Why"),
            self.tr("Size"),
            self.tr("Contacts"),
            self.tr("Conversations"),
            self.tr("Favours"),
            self.tr("Purchases"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info, column = self._rows[index.row()], index.column()
        counts = info.counts
        numbers = (
            (counts.contacts, counts.conversations, counts.favours, counts.purchases)
            if counts
            else None
        )
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TAKEN:
                return QLocale().toString(_local(info.taken_at), "yyyy-MM-dd  HH:mm")
            if column == self.REASON:
                return reason_label(info.reason)
            if column == self.SIZE:
                return size_text(info.size)
            if numbers is None:
                return "—"
            return QLocale().toString(numbers[column - self.CONTACTS])
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
