"""Automatic backups while the app runs: at most once a day (after changes), and on closing.

The daily one runs on a worker thread (a big journal takes a second or two to copy and check);
the one on closing runs in place, since the app is going away anyway.  Either is skipped when
nothing changed since the newest backup (see ``core/storage/backups/catalog.py``).  A backup that
fails its check is also a sign the journal itself may be damaged: ``damage_suspected`` then tells
the app to keep the session marker, so the next start runs the full integrity check.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit.background import wait_for_running
from colearn_desktop.ui.settings.backup_work import BACKUP_WORK, backup_worker

if TYPE_CHECKING:  # (the catalog is imported when a backup is made, after the first paint)
    from colearn_desktop.core.storage.backups.catalog import BackupOutcome

log = logging.getLogger(__name__)
HOUR_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    backed_up = Signal(object)  # BackupOutcome, after a backup was made
    failed = Signal(str)  # what went wrong, in words

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        *,
        interval_ms: int = HOUR_MS,
        first_check_ms: int = 60_000,
    ):
        super().__init__(parent)
        self._journal = journal
        self.busy = False
        self.damage_suspected = False
        self._worker = backup_worker(self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_daily)
        self._timer.start()
        QTimer.singleShot(first_check_ms, self, self.check_daily)

    def check_daily(self) -> None:
        """Start the daily backup when it is due and none is running."""
        if self.busy:
            return
        try:
            due = self._journal.backups.due()
        except JournalError as error:
            self._failed(error)
            return
        if due:
            self.busy = True
            self._worker.run(lambda: self._journal.backups.make("daily"), self._done, self._failed)

    def _done(self, outcome: BackupOutcome) -> None:
        self.busy = False
        if outcome.made:
            self.backed_up.emit(outcome)
        for problem in outcome.problems:
            self.failed.emit(problem)

    def _failed(self, error: BaseException) -> None:
        from colearn_desktop.core.storage.backups.verified_copy import BackupError

        self.busy = False
        if isinstance(error, BackupError) and "failed its check" in str(error):
            self.damage_suspected = True
        log.warning("automatic backup failed: %s", error)
        self.failed.emit(
            self.tr("The automatic backup failed: %1 Your journal itself was not changed.").replace(
                "%1", str(error)
            )
        )

    def on_close(self) -> BackupOutcome | None:
        """Back up before the journal closes (skipped when nothing changed)."""
        self._timer.stop()
        # A backup being written finishes first: data safety comes before a quick close.
        wait_for_running(None, what=BACKUP_WORK)
        try:
            outcome = self._journal.backups.make("on-close")
        except JournalError as error:
            self._failed(error)
            return None
        return outcome
