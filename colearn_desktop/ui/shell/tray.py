"""Reminders that arrive without any scheduler: a system tray icon with a daily digest.

While the app runs, :class:`TrayNotifier` shows "3 overdue, 2 due today: Ana, Sam…" once a day
at the time the user picked, and (if allowed) a notification for a dated reminder or
follow-up that falls due later in the day.  *When* is decided by the pure
:class:`~colearn_desktop.desktop.schedule.NotifySchedule` on every tick of a QTimer (a laptop
waking late gets one digest, a day already seen stays quiet: the last digest day is kept in
Qt's settings on this machine).  Clicking the icon or the message asks for the Today screen
(``show_today_requested``); the menu also snoozes everything on Today until tomorrow, as one
undo step.  Where the desktop has no tray, ``available`` is False and the main window should
simply show Today at start.  The first tick runs on a worker thread (counting takes a moment
on a big journal), so the window paints first.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Change
from colearn_desktop.core.journal import Journal
from colearn_desktop.desktop.schedule import NotifyLevel
from colearn_desktop.paths import resource_path
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.settings.notify_prefs import (
    LAST_DIGEST_KEY,
    digest_enabled,
    notify_schedule,
    set_notify_level,
)
from colearn_desktop.ui.today import due_text

CHECK_INTERVAL_MS = 5 * 60 * 1000
MESSAGE_MS = 10_000
# What "becomes due while the app runs" means: items with a date the user set.
DATED_KINDS = frozenset({DueKind.REMINDER, DueKind.FOLLOW_UP})


@dataclass
class _Tick:
    """What one tick found to show: the digest's counts line and message, new items' titles."""

    digest: str | None = None
    message: str = ""
    newly_due: list[str] = field(default_factory=list)
    tooltip: str | None = None  # the counts, when no digest was owed (at start)


class TrayNotifier(QObject):
    """Construct it, then call :meth:`start` once the main window exists."""

    show_today_requested = Signal()
    digest_shown = Signal(str)  # the counts line ("2 overdue, 1 due today")
    notified = Signal(str, str)  # the title and text of a notification shown

    def __init__(
        self,
        journal: Journal,
        signals: JournalSignals,
        parent: QObject | None = None,
        *,
        settings: QSettings | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._settings = settings or QSettings()
        self._schedule = notify_schedule(self._settings)
        self._titles: dict[str, str] = {}
        self._icon: QSystemTrayIcon | None = None
        # Every answer is shown: the schedule marks the day when it decides, so a dropped
        # answer would be a lost digest.
        self._worker = Background(self, latest_only=False)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check_day)
        self.turn_off_action = QAction(self.tr("&Turn off reminder notifications"), self)
        self.turn_off_action.triggered.connect(lambda: self.set_enabled(False))
        self.show_action = QAction(self.tr("Open &Today"), self)
        self.show_action.triggered.connect(self.show_today_requested)
        self.snooze_action = QAction(self.tr("&Snooze all until tomorrow"), self)
        self.snooze_action.triggered.connect(self.snooze_all)
        # The tooltip's counts are refreshed on the timer's tick after a change, not on
        # every change (counting costs a scan of the journal); what the user just did here
        # is never announced back to them (NotifySchedule.absorb).
        self._changed = self._absorb = False
        signals.change.connect(self._journal_changed)

    @property
    def available(self) -> bool:
        """Whether the desktop has a system tray to put the icon in."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    @property
    def enabled(self) -> bool:
        return digest_enabled(self._settings)

    @property
    def icon(self) -> QSystemTrayIcon | None:
        return self._icon

    def start(self) -> bool:
        """Show the icon and, when it is owed, today's digest (counted on a worker); False
        when there is no tray or notifications are off."""
        self.apply_settings()
        if not self.enabled or not self.available:
            return False
        if self._icon is None:
            self._icon = self._make_icon()
        self._icon.show()
        self._timer.start()
        now = self._journal.clock.now()
        self._worker.run(lambda: self._tick(now, tooltip=True), self._ticked)
        return True

    def apply_settings(self) -> None:
        """Take the level and digest time the user just saved (the last digest day stays)."""
        fresh = notify_schedule(self._settings)
        self._schedule.level, self._schedule.digest_at = fresh.level, fresh.digest_at

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._worker.wait_idle(msecs)

    def stop(self) -> None:
        self._timer.stop()
        if self._icon is not None:
            self._icon.hide()

    def set_enabled(self, enabled: bool) -> None:
        """Off, or back on at the level chosen before (a digest if none was)."""
        if not enabled:
            set_notify_level(self._settings, NotifyLevel.OFF)
        elif not self.enabled:
            set_notify_level(self._settings, NotifyLevel.DIGEST)
        self.settings_changed()

    def settings_changed(self) -> None:
        """Settings were saved: start or stop, at the new level and digest time."""
        if self.enabled:
            self.start()
        else:
            self.apply_settings()
            self.stop()

    def digest(self) -> str:
        overdue, due_today = self._journal.reminders.counts()
        return due_text.digest(overdue, due_today)

    def show_digest(self) -> str:
        """Show the digest now (a tray message when something is due) and remember the day."""
        tick = _Tick()
        try:
            self._read_digest(tick)
        except JournalError as error:
            tick.digest = tick.message = str(error)
        self._schedule.last_digest_day = self._journal.clock.today()
        self._ticked(tick)
        return tick.digest or ""

    def check_day(self) -> None:
        """Called by the timer: whatever the schedule says is owed now (on the GUI thread:
        the schedule reads the journal only when a digest or a due item may be owed)."""
        try:
            tick = self._tick(self._journal.clock.now())
        except JournalError as error:
            tick = _Tick(str(error), str(error))
        self._ticked(tick)
        if tick.digest is None and self._changed:
            self._changed = False
            self._update_tooltip()

    def snooze_all(self) -> None:
        """Everything on Today off it until tomorrow: one named undo step (Ctrl+Z)."""
        tomorrow = self._journal.clock.today() + timedelta(days=1)
        title = self.tr("Snooze all until tomorrow")
        outcome = attempt(None, title, lambda: self._journal.reminders.snooze_everything(tomorrow))
        if outcome.error is None:
            self._notify(
                title,
                self.tr(
                    "Everything on Today is snoozed until tomorrow; Undo in the window's "
                    "Edit menu takes it back."
                )
                if outcome.value
                else self.tr("Nothing is due today, so nothing was snoozed."),
            )

    # -- deciding and showing -------------------------------------------------------------

    def _tick(self, now: datetime, *, tooltip: bool = False) -> _Tick:
        """Ask the schedule (may run on the worker); read only what it needs (and the counts
        for the icon's tooltip with ``tooltip``, when no digest gives them)."""
        if self._absorb and self._schedule.level is NotifyLevel.DIGEST_AND_DUE:
            self._schedule.absorb(now.date(), self._dated_due())
        self._absorb = False
        tick = _Tick()
        notices = self._schedule.tick(now, self._dated_due)
        if notices.digest:  # (the schedule now holds the day: _ticked keeps it)
            self._read_digest(tick)
        elif tooltip:
            tick.tooltip = self.digest()
        tick.newly_due = [self._titles.get(key, key) for key in notices.newly_due]
        return tick

    def _dated_due(self) -> list[str]:
        on_today = self._journal.reminders.due(0).on_today
        dated = [item for item in on_today if item.kind in DATED_KINDS]
        self._titles = {item.key: due_text.title(item) for item in dated}
        return list(self._titles)

    def _read_digest(self, tick: _Tick) -> None:
        report = self._journal.reminders.due(0)
        overdue, due_today = len(report.overdue), len(report.due_today)
        tick.digest = tick.message = due_text.digest(overdue, due_today)
        if report.on_today:
            # (imported here: the rules' module loads the ORM, which waits for the first paint)
            from colearn_desktop.core.due.describe import names

            tick.message += ": " + names(report.on_today, words=due_text.title)

    def _ticked(self, tick: _Tick | Exception) -> None:
        if isinstance(tick, Exception):
            tick = _Tick(str(tick), str(tick))
        if tick.digest is not None:
            # Remembered on this computer here, on the GUI thread (the settings object is
            # the window's too): a restart today stays quiet.
            day = self._schedule.last_digest_day
            if day is not None:
                self._settings.setValue(LAST_DIGEST_KEY, day.isoformat())
            self._present(tick.digest, tick.message)
        elif tick.tooltip is not None and self._icon is not None:
            self._icon.setToolTip(self.tr("CoLearn: %1").replace("%1", tick.tooltip))
        for title in tick.newly_due:
            self._notify(self.tr("Due now"), title)

    def _present(self, counts: str, message: str) -> None:
        if self._icon is not None:
            self._icon.setToolTip(self.tr("CoLearn: %1").replace("%1", counts))
        if counts != due_text.digest(0, 0):
            self._notify(self.tr("CoLearn reminders"), message)
        self.digest_shown.emit(counts)

    def _notify(self, title: str, text: str) -> None:
        if self._icon is not None:
            self._icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self.notified.emit(title, text)

    def _journal_changed(self, _change: Change) -> None:
        self._changed = self._absorb = True

    def _update_tooltip(self) -> None:
        if self._icon is not None and self._icon.isVisible():
            with contextlib.suppress(JournalError):
                self._icon.setToolTip(self.tr("CoLearn: %1").replace("%1", self.digest()))

    def _make_icon(self) -> QSystemTrayIcon:
        image = QIcon(str(resource_path("icons", "colearn.svg")))
        if image.isNull():
            image = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxInformation
            )
        icon = QSystemTrayIcon(image, self)
        menu = QMenu()
        menu.addAction(self.show_action)
        menu.addAction(self.snooze_action)
        menu.addSeparator()
        menu.addAction(self.turn_off_action)
        self._menu = menu
        icon.setContextMenu(menu)
        icon.activated.connect(self._activated)
        icon.messageClicked.connect(self.show_today_requested)
        return icon

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_today_requested.emit()
