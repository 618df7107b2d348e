"""Unexpected errors in the app: background tasks that raise anything end with a message, a
dialog closed during a stuck task returns in a bounded time, and an error in a slot or a
thread is logged and shown in the crash dialog (once, with copyable details)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from colearn_desktop import crash_log
from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from colearn_desktop.ui.interchange.import_dialog import FILE, RUN, ImportDialog
from colearn_desktop.ui.kit import background
from colearn_desktop.ui.kit.background import Background, UnexpectedError
from colearn_desktop.ui.kit.crash_dialog import CrashDialog, CrashReporter

SHOTS = Path("/tmp")


@pytest.fixture
def log_file(tmp_path):
    path = crash_log.install_file_log(tmp_path / "logs")
    yield path
    crash_log.remove_file_log()


@pytest.fixture
def csv_file(tmp_path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Company,Mobile Phone\r\n"
        "Ana,García,ana@x.com,Acme,\r\n",
        "utf-8",
    )
    return path


def open_import(qtbot, journal, csv_file, *, owned_by_test: bool = True) -> ImportDialog:
    dialog = ImportDialog(journal)
    if owned_by_test:
        qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(csv_file)
    return dialog


@pytest.mark.parametrize("error", [RuntimeError("worker broke"), KeyError("column")])
def test_a_read_that_raises_any_error_ends_with_a_message_and_the_dialog_stays_usable(
    qtbot, journal, csv_file, log_file, monkeypatch, error
):
    def broken(*_args):
        raise error

    monkeypatch.setattr(journal.interchange, "plan", broken)
    dialog = open_import(qtbot, journal, csv_file)
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == FILE, timeout=10_000)
    message = dialog.detected_label.text()
    assert f"An unexpected error stopped this ({type(error).__name__}: " in message
    assert str(log_file) in message
    assert dialog.next_button.isEnabled()
    assert dialog.close_button.isEnabled()
    assert "Traceback (most recent call last)" in log_file.read_text("utf-8")
    dialog.grab().save(str(SHOTS / "import_unexpected_error.png"))
    qtbot.waitUntil(lambda: not dialog._worker.busy)


def test_closing_the_import_dialog_during_a_stuck_read_returns_in_bounded_time(
    qtbot, journal, csv_file, monkeypatch
):
    release = threading.Event()
    started = threading.Event()

    def stuck(*_args):  # ignores cancel, like a read blocked on a slow disk
        started.set()
        release.wait(20)
        raise RuntimeError("finished late")

    monkeypatch.setattr(journal.interchange, "plan", stuck)
    dialog = open_import(qtbot, journal, csv_file, owned_by_test=False)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == RUN
    qtbot.waitUntil(started.is_set)
    safety = threading.Timer(10, release.set)  # on a blocking close, reject returns only then
    safety.start()
    try:
        began = time.monotonic()
        dialog.reject()
        elapsed = time.monotonic() - began
    finally:
        safety.cancel()
    assert elapsed < background.STOP_WAIT_MS / 1000 + 2
    assert not dialog.isVisible()
    assert background.running_count() == 1  # still running, detached from the dialog
    with qtbot.waitSignal(dialog.destroyed):  # the work it started must not go with it
        dialog.deleteLater()
    release.set()
    assert background.wait_for_running(10_000)
    assert background.running_count() == 0


def test_an_export_that_raises_any_error_ends_with_a_message(
    qtbot, journal, tmp_path, log_file, monkeypatch
):
    def broken(*_args, **_kwargs):
        raise AttributeError("'NoneType' object has no attribute 'name'")

    monkeypatch.setattr(journal.interchange, "export_contacts", broken)
    dialog = ExportDialog(journal, None)
    qtbot.addWidget(dialog)
    dialog.export_to(tmp_path / "out.csv")
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    assert "An unexpected error stopped this (AttributeError: " in dialog.status.text()
    assert dialog.progress.isHidden()
    qtbot.waitUntil(lambda: not dialog._worker.busy)


def test_a_background_read_that_raises_a_bug_gives_the_screen_a_sentence(qtbot, log_file):
    runner = Background()
    answers = []
    runner.run(lambda: {}["missing"], answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert isinstance(answers[0], UnexpectedError)
    assert str(answers[0]).startswith("An unexpected error stopped this (KeyError: 'missing').")
    assert str(log_file) in str(answers[0])
    assert "KeyError: 'missing'" in log_file.read_text("utf-8")
    runner.wait_idle()


# -- the crash dialog -----------------------------------------------------------------------


@pytest.fixture
def reporter(qtbot, tmp_path, monkeypatch, log_file):
    import sys

    # monkeypatch puts back the hooks this test replaces (and pytest-qt's own).
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    installed = CrashReporter(tmp_path / "drafts")
    installed.install()
    yield installed
    installed.uninstall()


def raise_in_slot() -> None:
    raise RuntimeError("a slot broke")


def test_an_error_in_a_slot_is_logged_and_shown_with_copyable_details(
    qtbot, reporter, log_file, tmp_path, on_modal
):
    seen: dict[str, object] = {}

    def errors_logged() -> int:
        return log_file.read_text("utf-8").count("Unexpected error in the app")

    def close_once_the_second_is_logged(dialog) -> None:
        if errors_logged() < 2:
            QTimer.singleShot(10, lambda: close_once_the_second_is_logged(dialog))
            return
        seen["closed"] = True
        dialog.reject()

    def inspect(dialog) -> None:
        seen["text"] = dialog.message.text()
        dialog.grab().save(str(SHOTS / "crash_dialog.png"))
        dialog.copy_button.click()
        seen["copied"] = QGuiApplication.clipboard().text()
        # A second error while the dialog is open is logged, but opens no second dialog.
        QTimer.singleShot(0, raise_in_slot)
        close_once_the_second_is_logged(dialog)

    on_modal(inspect)
    QTimer.singleShot(0, raise_in_slot)
    qtbot.waitUntil(lambda: "closed" in seen and reporter.dialog is None, timeout=10_000)
    text = seen["text"]
    assert "(RuntimeError: a slot broke)" in text
    assert "Everything you had saved is kept in your journal." in text
    assert str(tmp_path / "drafts") in text
    assert str(log_file) in text
    copied = seen["copied"]
    assert "Traceback (most recent call last)" in copied
    assert "RuntimeError: a slot broke" in copied
    assert "CoLearn " in copied
    assert "Qt " in copied
    assert errors_logged() == 2
    assert reporter.shown == 1


def test_an_error_in_a_thread_is_logged_and_shown(qtbot, reporter, log_file, on_modal):
    def broken() -> None:
        raise ValueError("a thread broke")

    seen = []

    def inspect(dialog) -> None:
        seen.append(dialog.message.text())
        dialog.reject()

    on_modal(inspect)
    worker = threading.Thread(target=broken, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(seen) and reporter.dialog is None, timeout=10_000)
    assert "(ValueError: a thread broke)" in seen[0]
    assert "in thread worker" in log_file.read_text("utf-8")


def test_an_error_inside_the_hook_never_recurses_and_keeps_the_traceback(
    qtbot, reporter, monkeypatch, capsys
):
    def broken_dialog(*_args, **_kwargs):
        raise OSError("no display")

    monkeypatch.setattr(CrashDialog, "__init__", broken_dialog)
    QTimer.singleShot(0, raise_in_slot)
    err = ""

    def printed() -> bool:
        nonlocal err
        err += capsys.readouterr().err
        return "OSError: no display" in err

    qtbot.waitUntil(printed, timeout=10_000)
    assert "RuntimeError: a slot broke" in err  # the original error's traceback too
    assert reporter.dialog is None
    assert reporter.shown == 0


def test_a_bug_while_starting_is_shown_in_a_window_and_logged(
    qtbot, tmp_path, monkeypatch, on_modal
):
    import signal
    import sys

    from colearn_desktop.paths import DataPaths
    from colearn_desktop.ui.shell import application

    def broken_start(*_args, **_kwargs):
        raise RuntimeError("start broke")

    monkeypatch.setattr(application, "start_session", broken_start)
    hooks = (sys.excepthook, threading.excepthook, signal.getsignal(signal.SIGTERM))
    shown: list[str] = []

    def close(dialog) -> None:
        shown.append(dialog.message.text())
        dialog.reject()

    on_modal(close)
    paths = DataPaths(tmp_path / "data")
    try:
        assert application.run_app(paths, demo=False, demo_contacts=0) == 1
    finally:
        crash_log.remove_file_log()
    assert "(RuntimeError: start broke)" in shown[0]
    assert "CoLearn could not start this time." in shown[0]
    assert "RuntimeError: start broke" in (paths.logs / crash_log.LOG_FILE_NAME).read_text()
    # The app's hooks and signal handlers are gone with it.
    assert (sys.excepthook, threading.excepthook, signal.getsignal(signal.SIGTERM)) == hooks
