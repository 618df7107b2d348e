"""One piece of work on Qt's thread pool, its answer or its error back on the UI thread.

Used where a single job runs once and must not freeze the window (a backup, a restore); each
callback runs on the UI thread, and an exception is handed to ``on_failed``, never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported to the UI thread, never lost
            self._relay.failed.emit(error)
        else:
            self._relay.done.emit(result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None],
    parent: QObject,
) -> None:
    """Run ``work`` on Qt's thread pool; the callbacks run on the UI thread."""
    relay = _Relay(parent)
    relay.done.connect(on_done)
    relay.failed.connect(on_failed)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Task(work, relay))
