"""Reading the journal off the UI thread, keeping only the newest answer.

Screens over a big journal (Today at 100,000 contacts takes about half a second) hand their
query to a :class:`LatestOnly` runner: it runs on a worker thread, and its answer reaches the
screen on the UI thread only if no newer query was started meanwhile.  Errors come back as
values, so nothing is lost in a thread: the journal's own errors as they are, anything else (a
bug) as an :class:`UnexpectedError` whose text is a sentence for the screen, its traceback
written to the log.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from colearn_desktop import crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.ui.crash_dialog import unexpected_error_text


class UnexpectedError(Exception):
    """A bug in a background read, reported to the screen as a sentence (see the log)."""


class _Relay(QObject):
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], generation: int, relay: _Relay):
        super().__init__()
        self._work = work
        self._generation = generation
        self._relay = relay

    def run(self) -> None:
        try:
            result: Any = self._work()
        except (JournalError, OSError) as error:  # reported to the screen, like any answer
            result = error
        except Exception as error:
            crash_log.record(sys.exc_info(), "in a background read")  # type: ignore[arg-type]
            result = UnexpectedError(unexpected_error_text(error))
        self._relay.finished.emit(self._generation, result)


class LatestOnly(QObject):
    """``run(work, done)``: ``done(result_or_exception)`` is called on the UI thread with the
    answer of the newest ``work`` only."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._generation = 0
        self._done: Callable[[Any], None] | None = None

    def run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._generation += 1
        self._done = done
        self._pool.start(_Job(work, self._generation, self._relay))

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    def _finished(self, generation: int, result: Any) -> None:
        if generation == self._generation and self._done is not None:
            self._done(result)
