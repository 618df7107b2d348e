"""The list of backups as a Qt table model, and how a backup reads on screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QObject,
    Qt,
    QTime,
)

from colearn_desktop.core.storage.backups.catalog import BackupInfo
from colearn_desktop.core.storage.backups.verified_copy import Counts
from colearn_desktop.ui.kit.table_model import RIGHT, Column, TableModel

_translate = QCoreApplication.translate


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


class BackupListModel(TableModel[BackupInfo]):
    """Rows are plain :class:`BackupInfo` records handed in by the page; nothing here reads
    files or the journal.  The tooltip of every cell is the backup's file."""

    TAKEN, REASON, SIZE, CONTACTS, CONVERSATIONS, FAVOURS, PURCHASES = range(7)

    def __init__(self, parent: QObject | None = None):
        super().__init__((), parent, row_roles={Qt.ItemDataRole.ToolTipRole: lambda i: str(i.path)})

        def count(which: Callable[[Counts], int]) -> Callable[[BackupInfo], str]:
            return lambda i: QLocale().toString(which(i.counts)) if i.counts else "—"

        self.set_columns(
            (
                Column(
                    self.tr("Taken"),
                    lambda i: QLocale().toString(_local(i.taken_at), "yyyy-MM-dd  HH:mm"),
                ),
                Column(self.tr("Why"), lambda i: reason_label(i.reason)),
                Column(self.tr("Size"), lambda i: size_text(i.size), align=RIGHT),
                Column(self.tr("Contacts"), count(lambda c: c.contacts), align=RIGHT),
                Column(self.tr("Conversations"), count(lambda c: c.conversations), align=RIGHT),
                Column(self.tr("Favours"), count(lambda c: c.favours), align=RIGHT),
                Column(self.tr("Purchases"), count(lambda c: c.purchases), align=RIGHT),
            )
        )
