"""Exchanges with the other computers while the window is open (issue #18, "In the app").

One :class:`SyncKeeper`, owned by the main window, runs an exchange
(:func:`core.sync.setup.exchange_now`) off the UI thread:

- once at start, a moment after the first paint (what the others did while this one was off);
- when files change in another device's folder (a sync tool brought a batch), after a short
  pause that gathers the files of one delivery; this device's own folder is not watched, so
  its own writes never start another exchange;
- every few minutes (this journal's own changes go out, a device folder that appeared is
  watched), and when asked (Settings ▸ Sync ▸ Sync now);
- once on close, waiting a bounded time.

Never two at once: asked while one runs, one more follows it.  Applied changes publish
``Change(Topic.JOURNAL)`` in the journal side, so screens refresh by themselves.  ``status``
carries the quiet sentence for the status bar ("Synced 2 min ago · 3 changes from Desktop", or
the problem); while an exchange reads more than one file or snapshot part (a computer that
joins: minutes for a large journal) it says how far it is ("Syncing: 12 of 130 received").
Without a sync setup on this computer nothing runs and nothing is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.widgets import plain_label

if TYPE_CHECKING:
    from colearn_desktop.core.sync.exchange import ExchangeReport

SYNC_WORK = "in a sync exchange"  # names this work among background work
START_MS = 3_000  # after the first paint, so start-up is not slowed
EVERY_MS = 5 * 60 * 1000
DEBOUNCE_MS = 2_000  # a sync tool writes a delivery's files one after the other
CLOSE_WAIT_MS = 15_000
MINUTE_MS = 60_000


class SyncKeeper(QObject):
    exchanged = Signal(object)  # ExchangeReport, after each exchange
    failed = Signal(str)  # a sentence: the exchange could not run or had a problem
    status = Signal(str)  # the status bar's sentence, also every minute ("2 min ago")

    def __init__(
        self,
        journal: Journal,
        parent: QObject | None = None,
        *,
        start_ms: int = START_MS,
        every_ms: int = EVERY_MS,
        debounce_ms: int = DEBOUNCE_MS,
    ):
        super().__init__(parent)
        self._journal = journal
        self._worker = Background(self, latest_only=False, what=SYNC_WORK)
        self._worker.progress.connect(self._progressed)
        self.last_report: ExchangeReport | None = None
        self.last_problem = ""
        self.synced_at: datetime | None = None
        self.exchanges = 0  # finished exchanges, for the status and tests
        self._running = False
        self._again = False
        self._closed = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._pause = _timer(self, debounce_ms, self.exchange_now, single=True)
        self._every = _timer(self, every_ms, self.exchange_now, single=False)
        self._minute = _timer(self, MINUTE_MS, lambda: self.status.emit(self.status_text()), False)
        if self.set_up():
            self._every.start()
            self._minute.start()
            QTimer.singleShot(start_ms, self, self.exchange_now)

    @property
    def data_folder(self) -> Path:
        return self._journal.path.parent

    def set_up(self) -> bool:
        return bool(LocalSettings(self.data_folder).sync.get("folder"))

    @property
    def running(self) -> bool:
        return self._running

    def settings_changed(self) -> None:
        """Sync was set up, changed or left (Settings ▸ Sync): exchange now, or stop."""
        if self.set_up():
            self._every.start()
            self._minute.start()
            self.exchange_now()
        else:
            self._every.stop()
            self._minute.stop()
            self._unwatch()
            self.last_report, self.last_problem, self.synced_at = None, "", None
            self.status.emit("")

    def exchange_now(self) -> None:
        """One exchange in the background; asked while one runs, one more follows it."""
        self._pause.stop()
        if self._closed or not self.set_up():
            return
        if self._running:
            self._again = True
            return
        self._running = True
        journal, worker = self._journal, self._worker
        self._worker.run(lambda: _exchange(journal, worker.report), self._done)

    def _folder_changed(self, _path: str) -> None:
        self._pause.start()

    def _progressed(self, done: int, total: int) -> None:
        if total > 1 and self._running:
            self.status.emit(
                self.tr("Syncing: %1 of %2 received")
                .replace("%1", f"{done:,}")
                .replace("%2", f"{total:,}")
            )

    def _done(self, report: ExchangeReport | Exception) -> None:
        if isinstance(report, Exception):
            self._problem(report)
            return
        self._finished()
        self.last_report, self.synced_at = report, datetime.now()
        self.last_problem = report.problems[0] if report.problems else ""
        self._watch(report)
        self.exchanged.emit(report)
        if self.last_problem:
            self.failed.emit(self.last_problem)
        self.status.emit(self.status_text())
        self._follow_up()

    def _problem(self, error: Exception) -> None:
        self._finished()
        self.last_problem = str(error)
        self.failed.emit(self.last_problem)
        self.status.emit(self.status_text())
        self._follow_up()

    def _finished(self) -> None:
        self._running = False
        self.exchanges += 1

    def _follow_up(self) -> None:
        if self._again and not self._closed:
            self._again = False
            self.exchange_now()

    def _watch(self, report: ExchangeReport) -> None:
        """Watch the folder (a new device appears) and every other device's folder."""
        from colearn_desktop.core.sync.folder.store import SYNC_DIR

        base = Path(str(LocalSettings(self.data_folder).sync.get("folder"))) / SYNC_DIR
        wanted = {str(base)} | {
            str(base / seen.device) for seen in report.devices if seen.device != report.device
        }
        wanted = {path for path in wanted if Path(path).is_dir()}
        watched = set(self._watcher.directories())
        if watched - wanted:
            self._watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))

    def _unwatch(self) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())

    def status_text(self, now: datetime | None = None) -> str:
        """ "Synced 2 min ago · 3 changes from Desktop"; the problem when there was one."""
        if self.last_problem:
            return self.tr("Not synced: %1").replace("%1", self.last_problem)
        if self.synced_at is None or self.last_report is None:
            return ""
        minutes = int(((now or datetime.now()) - self.synced_at).total_seconds() // 60)
        if minutes < 1:
            when = self.tr("Synced just now")
        elif minutes < 60:
            when = self.tr("Synced %n min ago", "", minutes)
        else:
            when = self.tr("Synced at %1").replace("%1", self.synced_at.strftime("%H:%M"))
        report = self.last_report
        came = [
            self.tr("%n change(s) from %1", "", count).replace("%1", report.name_of(device))
            for device, count in sorted(report.received.items())
            if count
        ]
        return " · ".join([when, *came])

    def on_close(self, wait_ms: int = CLOSE_WAIT_MS) -> bool:
        """The window closes: one last exchange (this session's last changes go out), waiting
        at most ``wait_ms`` in all; True when it ended in time."""
        for timer in (self._pause, self._every, self._minute):
            timer.stop()
        self._unwatch()
        if self._closed or not self.set_up():
            self._closed = True
            return True
        self._closed = True
        journal = self._journal
        # Jobs run in order: this one follows one still running.
        self._worker.run(lambda: _exchange(journal, None), lambda _answer: None)
        return self._worker.wait_idle(wait_ms)


def _exchange(
    journal: Journal, report: Callable[[int, int], None] | None
) -> ExchangeReport | Exception:
    """One exchange (on the worker thread), telling ``report`` (done, total) as it reads; a
    setup that cannot be used is the answer, as the sentence it carries (the sync code is
    imported only once sync is set up)."""
    from colearn_desktop.core.sync.setup import SyncSetupError, exchange_now

    def progress(_device: str, done: int, total: int) -> None:
        if report is not None:
            report(done, total)

    try:
        return exchange_now(journal, progress)
    except SyncSetupError as error:
        return error


def _timer(parent: QObject, msecs: int, call: object, single: bool) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(single)
    timer.setInterval(msecs)
    timer.timeout.connect(call)
    return timer


def add_sync_status(bar: QStatusBar, keeper: SyncKeeper) -> QLabel:
    """The quiet sentence at the right of the status bar; a long problem is cut on screen
    and whole in the tooltip (the window never widens for it)."""
    label = plain_label("", bar, wrap=False)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)

    def show(text: str) -> None:
        label.setText(text)
        label.setToolTip(text)

    keeper.status.connect(show)
    bar.addPermanentWidget(label, 1)
    return label
