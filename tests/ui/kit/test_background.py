"""The one background-work helper: newest answer only, progress and cancel, every exception
reported, and closing never waits on stuck work."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtCore import QCoreApplication

from colearn_desktop import crash_log
from colearn_desktop.core.errors import StorageError
from colearn_desktop.ui.kit import background
from colearn_desktop.ui.kit.background import Background, UnexpectedError


def test_only_the_newest_answer_arrives_and_the_older_work_is_told_to_stop(qtbot):
    worker = Background()
    first_started, seen_cancel = threading.Event(), threading.Event()
    answers: list[object] = []

    def slow() -> str:
        first_started.set()
        while not worker.cancelled():
            threading.Event().wait(0.01)  # a query polling its should_stop
        seen_cancel.set()
        return "old"

    worker.run(slow, answers.append)
    assert first_started.wait(10)
    worker.run(lambda: "new", answers.append)
    qtbot.waitUntil(lambda: answers == ["new"], timeout=10_000)
    assert seen_cancel.is_set()
    assert worker.wait_idle()
    assert answers == ["new"]


def test_progress_is_reported_and_cancel_stops_the_work(qtbot):
    worker = Background(latest_only=False)
    reported: list[tuple[int, int]] = []
    worker.progress.connect(lambda done, total: reported.append((done, total)))

    def steps() -> int:
        done = 0
        while not worker.cancelled():
            done += 1
            worker.report(done, 0)
            threading.Event().wait(0.005)
        return done

    answers: list[object] = []
    with qtbot.waitSignal(worker.progress, timeout=10_000):
        worker.run(steps, answers.append)
    worker.cancel()
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert isinstance(answers[0], int)
    assert answers[0] >= 1
    assert reported[0] == (1, 0)


def _raising(error: Exception):
    def work() -> None:
        raise error

    return work


def test_every_exception_comes_back_and_a_bug_is_logged(qtbot, tmp_path):
    log = crash_log.install_file_log(tmp_path / "logs")
    try:
        worker = Background(latest_only=False, what="in a test read")
        answers: list[object] = []
        failures: list[Exception] = []
        worker.run(_raising(StorageError("disk full")), answers.append)
        worker.run(_raising(KeyError("bug")), answers.append, failures.append)
        qtbot.waitUntil(lambda: len(answers) == 1 and len(failures) == 1, timeout=10_000)
    finally:
        crash_log.remove_file_log()
    assert isinstance(answers[0], StorageError)  # the journal's error: the screen says it
    assert isinstance(failures[0], UnexpectedError)  # a bug: a sentence naming the log ...
    assert str(log) in str(failures[0])
    text = log.read_text("utf-8")
    assert "KeyError: 'bug'" in text  # ... which has the traceback
    assert "in a test read" in text
    assert "disk full" not in text


def test_closing_does_not_wait_for_stuck_work_and_delivers_nothing(qtbot):
    worker = Background(latest_only=False)
    started, release = threading.Event(), threading.Event()
    answers: list[object] = []

    def stuck() -> str:  # ignores cancel, like a read blocked on a slow disk
        started.set()
        release.wait(20)
        return "late"

    worker.run(stuck, answers.append)
    assert started.wait(10)
    assert worker.close(wait_ms=50) is False  # returned, although the work still runs
    assert background.running_count() >= 1
    worker.deleteLater()  # its owner goes away while the work runs
    release.set()
    assert background.wait_for_running(10_000)
    QCoreApplication.processEvents()  # an answer queued for the UI thread would arrive now
    assert answers == []
    worker_threads = [t for t in threading.enumerate() if t.name == "colearn-work"]
    assert all(t.daemon for t in worker_threads)  # none can keep the app from quitting


class _Witness:
    """Stands for a screen a job's callback holds: says on which thread it was let go of."""

    def __init__(self, deaths: list[str]):
        self._deaths = deaths

    def __del__(self) -> None:
        self._deaths.append(threading.current_thread().name)


def test_what_a_finished_job_holds_is_let_go_of_on_the_ui_thread(qtbot):
    """A Qt object whose last reference goes on the worker thread is destroyed there (a
    crash); so the worker never holds the last reference to a finished job."""
    deaths: list[str] = []
    helper = Background()
    for _ in range(5):
        witness = _Witness(deaths)
        helper.run(lambda: 1, lambda _answer, holds=witness: None)
        del witness
        assert helper.wait_idle()
        QCoreApplication.processEvents()  # the answer is delivered: the UI lets go of it
    helper.close()
    QCoreApplication.processEvents()
    del helper
    qtbot.waitUntil(lambda: len(deaths) == 5)
    assert set(deaths) == {threading.main_thread().name}


# Deletes the screen that owns a helper again and again while its work is handing over an
# answer.  In a subprocess: before the fix this was a segmentation fault in the worker's emit
# (a contacts page deleted by pytest-qt while its tag count ended crashed a CI worker).
_OWNER_DELETED_WHILE_ANSWERING = """
import random, sys, time
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from colearn_desktop.ui.kit.background import Background

app = QApplication([])
draw = random.Random(7)
answers = []
for _ in range(int(sys.argv[1])):
    owner = QWidget()
    Background(owner).run(lambda pause=draw.random() / 500: time.sleep(pause), answers.append)
    time.sleep(draw.random() / 500)  # the answer is handed over about now
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
print("every owner deleted; answers delivered to deleted owners:", len(answers))
"""


def test_deleting_the_owner_while_its_answer_arrives_is_safe(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _OWNER_DELETED_WHILE_ANSWERING, "1000"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "every owner deleted; answers delivered to deleted owners: 0"
