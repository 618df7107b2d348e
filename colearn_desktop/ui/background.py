"""Reading the journal off the UI thread, keeping only the newest answer.

Screens over a big journal (Today at 100,000 contacts takes about half a second) hand their
query to a :class:`LatestOnly` runner: it runs on a worker thread, and its answer reaches the
screen on the UI thread only if no newer query was started meanwhile.  Errors come back as
values, so nothing is lost in a thread: the journal's own errors as they are, anything else (a
bug) as an :class:`UnexpectedError` whose text is a sentence for the screen, its traceback
written to the log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Signal

from colearn_desktop import crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.ui.crash_dialog import unexpected_error_text


class UnexpectedError(Exception):
    """A bug in a background read, reported to the screen as a sentence (see the log)."""


class _Relay(QObject):
    finished = Signal(int, object)


def _answer(work: Callable[[], Any], generation: int, relay: _Relay) -> None:
    """Run ``work`` on the reading thread and hand its answer (or error) to the UI thread."""
    try:
        result: Any = work()
    except (JournalError, OSError) as error:  # reported to the screen, like any answer
        result = error
    except Exception as error:
        crash_log.record(crash_log.caught(error), "in a background read")
        result = UnexpectedError(unexpected_error_text(error))
    with contextlib.suppress(RuntimeError):  # the screen that asked has been closed
        relay.finished.emit(generation, result)


class LatestOnly(QObject):
    """``run(work, done)``: ``done(result_or_exception)`` is called on the UI thread with the
    answer of the newest ``work`` only."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        # A plain Python thread, not a QThreadPool running a Python QRunnable: with those, the
        # UI thread's garbage collector now and then crashed the app (in QWidget::ensurePolished)
        # while a read was running.  The executor's thread ends when this object is gone.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="colearn-read")
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._generation = 0
        self._done: Callable[[Any], None] | None = None
        self._pending: Future[None] | None = None

    def run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._generation += 1
        self._done = done
        self._pending = self._executor.submit(_answer, work, self._generation, self._relay)

    @property
    def busy(self) -> bool:
        return self._pending is not None and not self._pending.done()

    def wait_idle(self, msecs: int = 10000) -> bool:
        if self._pending is None:
            return True
        finished, _ = wait([self._pending], timeout=msecs / 1000)
        return bool(finished)

    def _finished(self, generation: int, result: Any) -> None:
        if generation == self._generation and self._done is not None:
            self._done(result)
