"""Reminders that arrive without any scheduler: a system tray icon with a daily digest.

While the app runs, :class:`TrayNotifier` shows "3 overdue, 2 due today" once at start and
then once a day (checked every few minutes with a QTimer, so a laptop waking up after
midnight still gets the new day's digest at or after ``DIGEST_HOUR``).  Clicking the icon or
the message asks for the Today screen (``show_today_requested``).  The user can turn it off
(remembered in Qt's settings on this machine, like window sizes).  Where the desktop has no
tray, ``available`` is False and the main window should simply show Today at start.  The
digest shown at start is counted on a worker thread (a moment on a big journal), so the window
paints first.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.paths import resource_path
from colearn_desktop.ui import due_text
from colearn_desktop.ui.background import LatestOnly
from colearn_desktop.ui.journal_signals import JournalSignals

SETTING_KEY = "reminders/tray_digest"
CHECK_INTERVAL_MS = 5 * 60 * 1000
DIGEST_HOUR = 8
MESSAGE_MS = 10_000


def digest_enabled(settings: QSettings) -> bool:
    """Whether the user wants the tray digest (on unless turned off)."""
    return bool(settings.value(SETTING_KEY, True, type=bool))


def will_start(settings: QSettings) -> bool:
    """Whether :meth:`TrayNotifier.start` will show the icon: the digest is on and the
    desktop has a tray (otherwise the main window opens on Today)."""
    return digest_enabled(settings) and QSystemTrayIcon.isSystemTrayAvailable()


class TrayNotifier(QObject):
    """Construct it, then call :meth:`start` once the main window exists."""

    show_today_requested = Signal()
    digest_shown = Signal(str)

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
        self._last_digest: date | None = None
        self._icon: QSystemTrayIcon | None = None
        self._worker = LatestOnly(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check_day)
        self.turn_off_action = QAction(self.tr("&Turn off reminder notifications"), self)
        self.turn_off_action.triggered.connect(lambda: self.set_enabled(False))
        self.show_action = QAction(self.tr("Show &Today"), self)
        self.show_action.triggered.connect(self.show_today_requested)
        # The tooltip's counts are refreshed on the timer's tick after a change, not on
        # every change (counting costs a scan of the journal).
        self._changed = False
        signals.changed.connect(self._journal_changed)

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
        """Show the icon and today's digest; False when there is no tray or it is off."""
        if not self.enabled or not self.available:
            return False
        if self._icon is None:
            self._icon = self._make_icon()
        self._icon.show()
        self._timer.start()
        self._last_digest = self._journal.clock.today()
        self._worker.run(self._journal.reminders.counts, self._counted)
        return True

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._worker.wait_idle(msecs)

    def _counted(self, counts: tuple[int, int] | Exception) -> None:
        self._present(str(counts) if isinstance(counts, Exception) else due_text.digest(*counts))

    def stop(self) -> None:
        self._timer.stop()
        if self._icon is not None:
            self._icon.hide()

    def set_enabled(self, enabled: bool) -> None:
        self._settings.setValue(SETTING_KEY, enabled)
        if enabled:
            self.start()
        else:
            self.stop()

    def digest(self) -> str:
        overdue, due_today = self._journal.reminders.counts()
        return due_text.digest(overdue, due_today)

    def show_digest(self) -> str:
        """Show the digest now (a tray message when something is due) and remember the day."""
        try:
            text = self.digest()
        except JournalError as error:
            text = str(error)
        self._last_digest = self._journal.clock.today()
        self._present(text)
        return text

    def _present(self, text: str) -> None:
        if self._icon is not None:
            self._icon.setToolTip(self.tr("CoLearn: %1").replace("%1", text))
            if text != due_text.digest(0, 0):
                self._icon.showMessage(
                    self.tr("CoLearn reminders"),
                    text,
                    QSystemTrayIcon.MessageIcon.Information,
                    MESSAGE_MS,
                )
        self.digest_shown.emit(text)

    def check_day(self) -> None:
        """Called by the timer: a new day (from ``DIGEST_HOUR`` on) gets its digest."""
        now = self._journal.clock.now()
        if now.date() != self._last_digest and now.hour >= DIGEST_HOUR:
            self._changed = False
            self.show_digest()
        elif self._changed:
            self._changed = False
            self._update_tooltip()

    def _journal_changed(self, _topic: str, _ids: tuple[int, ...]) -> None:
        self._changed = True

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
