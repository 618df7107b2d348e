"""Running an import or export step off the UI thread, with progress and cancel.

A :class:`Task` wraps one call (plan, apply, export) that takes ``progress`` and
``cancelled`` callbacks; it runs on its own QThread and reports back through signals, so the
window stays responsive and the journal is only changed by the final, single transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from colearn_desktop.core.errors import JournalError


class Task(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the call's result
    failed = Signal(str)  # a message for the user (cancelled too)

    def __init__(self, call: Callable[[Callable[..., None], Callable[[], bool]], Any]):
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
            return
        self.finished.emit(result)

    def _report(self, done: int, total: int = 0) -> None:
        self.progress.emit(int(done), int(total))


def start(task: Task, owner: QObject) -> QThread:
    """Run ``task`` on a new thread owned by ``owner``; the thread ends with the task."""
    thread = QThread(owner)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    task.finished.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.start()
    return thread
