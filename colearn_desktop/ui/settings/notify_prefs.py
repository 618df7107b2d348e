"""How much the tray may say on this computer, read and written through ``QSettings``.

Kept apart from the General settings page (``general_settings.py``), which shows and edits
them: the tray and the start-up read them before the window has painted, and the page's
widgets and the login-entry code are not needed for that.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSystemTrayIcon

from colearn_desktop.desktop.schedule import (
    DEFAULT_DIGEST_AT,
    DEFAULT_LEVEL,
    NotifyLevel,
    NotifySchedule,
)

# Whether the tray shows the daily digest (read by the tray in ui/shell/tray.py); kept in step
# with the level below, which replaced it (a machine that turned it off stays off).
NOTIFICATIONS_KEY = "reminders/tray_digest"
LEVEL_KEY = "reminders/level"  # a NotifyLevel value
DIGEST_AT_KEY = "reminders/digest_at"  # "HH:MM", local time
LAST_DIGEST_KEY = "reminders/last_digest_day"  # ISO date: quiet on a day already seen


def notify_level(settings: QSettings) -> NotifyLevel:
    """How much the tray may say; a digest unless the user chose otherwise (or turned the
    older on/off setting off)."""
    stored = str(settings.value(LEVEL_KEY, "", type=str))
    if stored in NotifyLevel.__members__.values():
        return NotifyLevel(stored)
    on = bool(settings.value(NOTIFICATIONS_KEY, True, type=bool))
    return DEFAULT_LEVEL if on else NotifyLevel.OFF


def digest_time(settings: QSettings) -> time:
    try:
        return time.fromisoformat(str(settings.value(DIGEST_AT_KEY, "", type=str)))
    except ValueError:
        return DEFAULT_DIGEST_AT


def notify_schedule(settings: QSettings) -> NotifySchedule:
    """The schedule as this computer's settings left it (the last digest day included)."""
    try:
        last = date.fromisoformat(str(settings.value(LAST_DIGEST_KEY, "", type=str)))
    except ValueError:
        last = None
    return NotifySchedule(notify_level(settings), digest_time(settings), last)


def set_notify_level(settings: QSettings, level: NotifyLevel) -> None:
    settings.setValue(LEVEL_KEY, level.value)
    settings.setValue(NOTIFICATIONS_KEY, level is not NotifyLevel.OFF)


def digest_enabled(settings: QSettings) -> bool:
    """Whether the user wants the tray digest (on unless turned off)."""
    return notify_level(settings) is not NotifyLevel.OFF


def will_start(settings: QSettings) -> bool:
    """Whether the tray will show its icon: the digest is on and the desktop has a tray
    (otherwise the main window opens on Today)."""
    return digest_enabled(settings) and QSystemTrayIcon.isSystemTrayAvailable()
