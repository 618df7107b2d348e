"""Running an import or export step off the UI thread, with progress and cancel.

A :class:`Task` wraps one call (plan, apply, export) that takes ``progress`` and
``cancelled`` callbacks; it runs on its own QThread and reports back through signals, so the
window stays responsive and the journal is only changed by the final, single transaction.

Every task ends with ``finished`` or ``failed``, whatever the call raises: an unexpected
error (a bug) is written to the log and becomes a message, so a dialog never waits forever.
A dialog closed while its task runs calls :func:`stop`: cancel, wait a bounded time, and a
thread that still runs is kept alive, detached from the dialog, until it ends by itself.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from colearn_desktop import crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.ui.crash_dialog import unexpected_error_text

STOP_WAIT_MS = 2000  # how long closing a dialog waits for a cancelled task


# What a Task runs: ``call(progress(done, total), cancelled())`` -> the result.
TaskCall = Callable[[Callable[..., None], Callable[[], bool]], Any]


class Task(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the call's result
    failed = Signal(str)  # a message for the user (cancelled too)
    ended = Signal()  # after either of them, whatever happened: ends the thread

    def __init__(self, call: TaskCall):
        super().__init__()
        self._call = call
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._call(self._report, self._cancel.is_set)
        except (JournalError, OSError, ValueError) as error:
            self.failed.emit(str(error))
        except Exception as error:
            crash_log.record(crash_log.caught(error), "in an import or export")
            self.failed.emit(unexpected_error_text(error))
        else:
            self.finished.emit(result)
        finally:
            self.ended.emit()

    def _report(self, done: int, total: int = 0) -> None:
        self.progress.emit(int(done), int(total))


def start(task: Task, owner: QObject) -> QThread:
    """Run ``task`` on a new thread owned by ``owner``; the thread ends with the task."""
    thread = QThread(owner)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    task.ended.connect(thread.quit)
    thread.start()
    return thread


class _Detached(QObject):
    """Threads (with their task) whose dialog closed before they ended.  Holding them here
    keeps Qt from destroying a running thread with its dialog (which aborts the app)."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[int, tuple[QThread, Task]] = {}

    def keep(self, thread: QThread, task: Task) -> None:
        self.kept[id(thread)] = (thread, task)
        thread.finished.connect(self._release)  # queued: this object lives on the UI thread
        if thread.isFinished():  # it ended just before the connection
            self.kept.pop(id(thread), None)

    @Slot()
    def _release(self) -> None:
        thread = self.sender()
        self.kept.pop(id(thread), None)


@functools.cache
def _detached() -> _Detached:
    """Made on first use, on the UI thread (where the dialogs close)."""
    return _Detached()


def detached_count() -> int:
    return len(_detached().kept)


def wait_for_detached(wait_ms: int = 10_000) -> None:
    """Before the journal closes: give tasks still running detached a bounded time to end."""
    for thread, _task in list(_detached().kept.values()):
        thread.wait(wait_ms)


def stop(task: Task | None, thread: QThread | None, wait_ms: int = STOP_WAIT_MS) -> None:
    """Cancel ``task`` and wait at most ``wait_ms`` for its thread; the UI never blocks
    longer.  A thread that still runs finishes detached; its results reach nobody."""
    if task is None or thread is None or not thread.isRunning():
        return
    task.cancel()
    if thread.wait(wait_ms):
        return
    for signal in (task.progress, task.finished, task.failed):
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect()
    thread.setParent(None)
    _detached().keep(thread, task)
