"""Settings and the Welcome for reminders that reach you: how much the tray may say, when the
digest comes, and starting at login (the entry written under the test's XDG folder)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTime
from PySide6.QtWidgets import QSystemTrayIcon

from colearn_desktop.desktop.schedule import NotifyLevel
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.settings.general_settings import GeneralSettingsPage
from colearn_desktop.ui.settings.notify_prefs import notify_schedule
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch.welcome import WelcomeDialog

ENTRY = Path("~/.config/autostart/colearn.desktop")


def page_for(qtbot, tmp_path) -> tuple[GeneralSettingsPage, QSettings]:
    settings = QSettings(str(tmp_path / "machine.ini"), QSettings.Format.IniFormat)
    page = GeneralSettingsPage(settings, tmp_path / "data")
    qtbot.addWidget(page)
    return page, settings


def test_level_time_and_start_at_login_are_saved(qtbot, tmp_path):
    page, settings = page_for(qtbot, tmp_path)
    assert page.level.currentData() == "digest"  # as before: a digest unless turned off
    assert page.digest_at.time() == QTime(8, 0)
    assert not page.start_at_login.isChecked()  # opt-in
    page.level.setCurrentIndex(page.level.findData("digest_and_due"))
    page.digest_at.setTime(QTime(7, 15))
    page.start_at_login.setChecked(True)
    page.apply()
    schedule = notify_schedule(settings)
    assert (schedule.level, schedule.digest_at) == (NotifyLevel.DIGEST_AND_DUE, time(7, 15))
    assert "--tray" in ENTRY.expanduser().read_text("utf-8")
    again, _ = page_for(qtbot, tmp_path)
    assert again.start_at_login.isChecked()
    again.start_at_login.setChecked(False)
    again.level.setCurrentIndex(again.level.findData("off"))
    assert not again.digest_at.isEnabled()
    again.apply()
    assert not ENTRY.expanduser().exists()
    assert notify_schedule(settings).level is NotifyLevel.OFF


def test_a_machine_that_turned_the_old_digest_off_stays_off(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/tray_digest", False)
    assert notify_schedule(settings).level is NotifyLevel.OFF


def test_the_mnemonics_reach_the_new_fields(qtbot, tmp_path):
    page, _ = page_for(qtbot, tmp_path)
    page.show()
    qtbot.waitExposed(page)
    for key, widget in ((Qt.Key.Key_N, page.level), (Qt.Key.Key_D, page.digest_at)):
        qtbot.keyClick(page, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.start_at_login.isChecked)


def test_the_welcome_adds_the_login_entry_when_asked(qtbot, tmp_path, on_modal):
    def choose(dialog):
        assert isinstance(dialog, WelcomeDialog)
        assert not dialog.start_at_login.isChecked()
        dialog.start_at_login.setChecked(True)
        dialog.empty_button.click()

    first_start(qtbot, on_modal, DataPaths(tmp_path / "fresh"), choose)
    assert "Exec=" in ENTRY.expanduser().read_text("utf-8")


def test_the_welcome_adds_nothing_unless_asked(qtbot, tmp_path, on_modal):
    first_start(qtbot, on_modal, DataPaths(tmp_path / "fresh"))
    assert not ENTRY.expanduser().exists()


def first_start(qtbot, on_modal, paths: DataPaths, answer=None) -> None:
    """Start once (the Welcome answered by ``answer``, else "Start with an empty journal")
    and close again."""
    on_modal(answer or (lambda dialog: dialog.empty_button.click()))
    session, _ = start_session(paths, demo=False, demo_contacts=0)
    qtbot.addWidget(session.window)
    session.end()


# The offscreen platform has no tray and cannot raise a window, and says so.
@pytest.mark.qt_log_ignore(
    "systemTrayWindowChanged", "propagateSizeHints", "does not support raise"
)
def test_started_at_login_only_the_tray_shows(qtbot, tmp_path, on_modal, monkeypatch):
    paths = DataPaths(tmp_path / "fresh")
    first_start(qtbot, on_modal, paths)
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    session, _ = start_session(paths, demo=False, demo_contacts=0, tray=True)
    qtbot.addWidget(session.window)
    assert not session.window.isVisible()
    assert session.window.tray is not None
    assert session.window.tray.icon.isVisible()
    session.window.tray.show_today_requested.emit()  # a click on the icon
    assert session.window.isVisible()
    # (spinning the event loop: started at login, the services wait for a timer, not a paint)
    qtbot.waitUntil(lambda: session.window.tray.wait_idle(0))
    session.end()


def test_started_at_login_without_a_tray_the_window_shows(qtbot, tmp_path, on_modal):
    paths = DataPaths(tmp_path / "fresh")
    first_start(qtbot, on_modal, paths)
    session, _ = start_session(paths, demo=False, demo_contacts=0, tray=True)
    qtbot.addWidget(session.window)
    assert session.window.isVisible()  # (offscreen has no tray)
    session.end()
