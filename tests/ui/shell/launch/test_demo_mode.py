"""The demo journal says so on screen, is remembered, and leads to the user's own journal; the
Welcome screen does not quit on Escape."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from colearn_desktop import crash_log
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell import application
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch.demo_mode import DemoBanner
from colearn_desktop.ui.shell.launch.welcome import WelcomeDialog
from colearn_desktop.ui.shell.main_window import MainWindow


def first_start(qtbot, on_modal, paths: DataPaths, button: str):
    """The first start, with ``button`` of the Welcome pressed."""
    on_modal(lambda dialog: getattr(dialog, button).click())
    session, _ = start_session(paths, demo=False, demo_contacts=3)
    assert session is not None
    qtbot.addWidget(session.window)
    return session


def test_the_demo_says_so_and_the_next_start_opens_it_again(qtbot, tmp_path, on_modal, monkeypatch):
    paths = DataPaths(tmp_path / "fresh")
    session = first_start(qtbot, on_modal, paths, "demo_button")
    assert session.window.windowTitle() == "CoLearn — demo journal"
    banner = session.window.findChild(DemoBanner)
    assert banner is not None
    assert banner.isVisible()
    assert banner.label.text().startswith("This is the demo journal")
    assert banner.own_button.text() == "Start &my own journal…"
    session.end()

    def no_welcome(_paths):
        raise AssertionError("the Welcome screen was shown again")

    monkeypatch.setattr(application, "welcome", no_welcome)
    again, _ = start_session(paths, demo=False, demo_contacts=3)
    assert again is not None
    qtbot.addWidget(again.window)
    assert again.journal.path == paths.demo().journal
    assert again.window.windowTitle() == "CoLearn — demo journal"
    again.end()


def test_the_own_journal_has_no_banner(qtbot, tmp_path, on_modal):
    session = first_start(qtbot, on_modal, DataPaths(tmp_path / "fresh"), "empty_button")
    assert session.window.windowTitle() == "CoLearn"
    assert session.window.findChild(DemoBanner) is None
    session.end()


def test_start_my_own_journal_leaves_the_demo_for_the_welcome(qtbot, tmp_path, on_modal):
    paths = DataPaths(tmp_path / "data")
    seen: list[str] = []

    def leave_demo_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in windows if w.isVisible() and w.findChild(DemoBanner)]
        if not shown:
            QTimer.singleShot(10, leave_demo_when_shown)
            return
        seen.append(shown[0].windowTitle())
        on_modal(second_welcome)
        banner = shown[0].findChild(DemoBanner)
        assert banner is not None
        banner.own_button.click()

    def first_welcome(dialog) -> None:
        assert isinstance(dialog, WelcomeDialog)
        QTimer.singleShot(0, leave_demo_when_shown)
        dialog.demo_button.click()

    def second_welcome(dialog) -> None:
        assert isinstance(dialog, WelcomeDialog)
        seen.append("welcome")
        dialog.empty_button.click()
        QTimer.singleShot(0, quit_own_when_shown)

    def quit_own_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in windows if w.isVisible()]
        if not shown:
            QTimer.singleShot(10, quit_own_when_shown)
            return
        seen.append(shown[0].windowTitle())
        shown[0].close()
        QApplication.quit()

    on_modal(first_welcome)
    try:
        assert application.run_app(paths, demo=False, demo_contacts=2) == 0
    finally:
        crash_log.remove_file_log()
    assert seen == ["CoLearn — demo journal", "welcome", "CoLearn"]
    assert paths.journal.exists()  # the user's own journal, made after the demo


def test_escape_on_the_welcome_does_not_quit(qtbot, tmp_path):
    dialog = WelcomeDialog(tmp_path / "journal.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.demo_button.click()
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted
