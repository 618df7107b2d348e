"""Keeps the live outputs (the calendar file, the vdir) in step with the journal while the app runs.

After a committed change (the "journal changed" signal), a short pause gathers a burst of
changes (a bulk edit, an import, Done on five items) into one refresh, which then runs off
the UI thread (:class:`~colearn_desktop.ui.kit.background.Background`): the user's save is
never slowed or failed by it.  A failure comes back as one sentence (``failed``) for the
status bar.  The window also refreshes once at start (changes made elsewhere, a new day)
and whenever the day turns, since overdue items move to the new today.

The vdir's refresh may itself change the journal (a card edited on the phone is read back);
that change asks for one more refresh, which finds nothing new and changes nothing: the
chain ends there (:mod:`colearn_desktop.core.interchange.live.vdir_output`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.background import Background, wait_for_running
from colearn_desktop.ui.kit.journal_signals import JournalSignals

if TYPE_CHECKING:  # imported when first used: the window paints before the export code loads
    from colearn_desktop.core.interchange.live.outputs import LiveOutput, LiveResult

LIVE_WORK = "in a live output"  # names this work among background work, to wait for it
DEBOUNCE_MS = 800
DAY_CHECK_MS = 10 * 60 * 1000


class LiveOutputKeeper(QObject):
    refreshed = Signal(object)  # list[LiveResult], after each refresh
    failed = Signal(str)  # a sentence per output that could not be written

    def __init__(
        self,
        journal: Journal,
        signals: JournalSignals,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        day_check_ms: int = DAY_CHECK_MS,
    ):
        super().__init__(parent)
        self._journal = journal
        self._worker = Background(self, latest_only=False, what=LIVE_WORK)
        self.last_results: dict[str, LiveResult] = {}
        self._refreshed_on: date | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(debounce_ms)
        self._pause.timeout.connect(self.refresh_now)
        self._day = QTimer(self)
        self._day.setInterval(day_check_ms)
        self._day.timeout.connect(self._check_day)
        self._day.start()
        signals.change.connect(lambda _change: self._pause.start())
        self._pause.start()  # once at start, after the first paint: changes made elsewhere

    @property
    def data_folder(self) -> Path:
        return self._journal.path.parent

    def check_target(self, path: Path) -> Path:
        """The file a live output chosen as ``path`` would write, or the export rule's
        sentence (:class:`ExportTargetError`) saying why it must not (the journal ...)."""
        from colearn_desktop.core.interchange.writers.export_target import check_export_target

        return check_export_target(path, self._journal.path, self._journal.backups_dir).path

    def outputs(self) -> list[LiveOutput]:
        # Asked of this computer's settings first: with no output turned on (most people),
        # the export code is never imported (tests/ui/test_lazy_start.py).
        if not LocalSettings(self.data_folder).keeps_live_outputs:
            return []
        from colearn_desktop.core.interchange.live.configured import configured_outputs

        return configured_outputs(self.data_folder)

    def refresh_soon(self) -> None:
        self._pause.start()

    @property
    def waiting(self) -> bool:
        """Whether a refresh is asked for and waits for its pause."""
        return self._pause.isActive()

    def refresh_now(self) -> None:
        """Refresh every configured output in the background (nothing when none is)."""
        self._pause.stop()
        outputs = self.outputs()
        if not outputs:
            return
        from colearn_desktop.core.interchange.live.outputs import refresh_outputs

        self._refreshed_on = self._journal.clock.today()
        journal = self._journal
        self._worker.run(lambda: refresh_outputs(outputs, journal), self._done, self._crashed)

    def _check_day(self) -> None:
        if self._refreshed_on is not None and self._journal.clock.today() != self._refreshed_on:
            self.refresh_now()

    def _done(self, results: list[LiveResult]) -> None:
        for result in results:
            self.last_results[result.name] = result
            if not result.ok:
                self.failed.emit(result.message)
        self.refreshed.emit(results)

    def _crashed(self, error: Exception) -> None:  # refresh_outputs reports failures itself
        self.failed.emit(str(error))

    def on_close(self) -> None:
        """Before the journal closes: a refresh still waiting for its pause runs now, in
        place (the app is going away), and one running is given time to end."""
        self._day.stop()
        wait_for_running(None, what=LIVE_WORK)
        if not self._pause.isActive():
            return
        self._pause.stop()
        outputs = self.outputs()
        if outputs:
            from colearn_desktop.core.interchange.live.outputs import refresh_outputs

            for result in refresh_outputs(outputs, self._journal):
                self.last_results[result.name] = result
