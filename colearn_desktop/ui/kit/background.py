"""Running work off the UI thread: one helper for reads, searches, imports and exports.

Before this module the app had five ways to do it (a read runner, an import/export task on
its own QThread, and three QThreadPool jobs with their own relays); some dropped errors of a
superseded job silently, and a QThread destroyed with its dialog aborted the app.  Now every
screen and dialog hands its work to a :class:`Background`:

- The work runs on one plain Python thread per helper (not a QThreadPool running a Python
  QRunnable: with those the UI thread's garbage collector now and then crashed the app in
  QWidget::ensurePolished while a read ran).  The thread is a daemon, so a stuck read never
  keeps the app from quitting.
- Its answer reaches ``done`` on the UI thread.  With ``latest_only`` (the default, for
  screens that re-read as the user types or the journal changes) a newer ``run`` cancels the
  older work, drops work still waiting, and only the newest answer is delivered.
- Work may report progress (``report(done, total)``, re-emitted as ``progress``) and check
  ``cancelled()``; ``cancel()`` asks it to stop.
- Every exception comes back: an expected one (the journal's errors, the file system's) as
  the answer itself, for the screen to show; anything else (a bug) is written to the crash
  log and answered with an :class:`UnexpectedError` whose text is a sentence naming the log.
- ``close(wait_ms)`` never blocks longer than asked: it cancels, waits a bounded time, and
  work that still runs ends on its own with nobody listening.  Before the journal closes,
  :func:`wait_for_running` gives such work a bounded time to end.
- The screen that owns a helper may be deleted while its work is finishing (pytest-qt
  deleted a contacts page whose tag count had just ended; the app deletes a closed dialog):
  the worker then emitted on a relay Qt had freed, a segmentation fault.  The worker speaks
  to the relay only under a lock, and only while the helper exists: the helper's
  ``destroyed`` (sent before Qt deletes its children, the relay among them) takes the lock,
  waiting for an answer being handed over, and closes that door.
"""

from __future__ import annotations

import functools
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from colearn_desktop import crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.ui.kit.crash_dialog import unexpected_error_text

STOP_WAIT_MS = 2000  # how long closing a dialog waits for its cancelled work
EXPECTED: tuple[type[Exception], ...] = (JournalError, OSError)

_running: set[_Job] = set()  # every job not yet ended, whichever helper it belongs to
_running_lock = threading.Lock()


# Work that reports progress and can be stopped: ``call(report(done, total), cancelled())``.
TaskCall = Callable[[Callable[..., None], Callable[[], bool]], Any]


class UnexpectedError(Exception):
    """A bug in background work, reported to the screen as a sentence (see the log)."""


class _Job:
    def __init__(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None,
        generation: int,
        what: str,
    ):
        self.work, self.done, self.failed, self.generation = work, done, failed, generation
        self.what = what
        self.cancel = threading.Event()
        self.ended = threading.Event()
        with _running_lock:
            _running.add(self)

    def end(self) -> None:
        with _running_lock:
            _running.discard(self)
        self.ended.set()


class _Relay(QObject):
    """Lives on the UI thread: signals emitted on the worker arrive there (queued)."""

    finished = Signal(object, object)  # job, answer
    progress = Signal(object, int, int)  # job, done, total


def _serve(jobs: queue.SimpleQueue[_Job | None], relay: _Relay, state: dict[str, Any]) -> None:
    """The worker thread: run jobs in order until told to stop (None).

    The thread never lets go of the last reference to a job or its answer: a job's callbacks
    hold the screen that asked (a dialog Python owns, say), and a Qt object whose last
    reference goes on this thread is destroyed on it, which crashed the app and a test
    worker at random.  Each finished job goes to ``state["spent"]``, which the UI thread
    empties (``Background._finished`` and the finalizer)."""
    spent: list[Any] = state["spent"]
    while (job := jobs.get()) is not None:
        if job.cancel.is_set() and state["latest_only"]:
            job.end()  # superseded before it started: drop it
            spent.append(job)
            del job
            continue
        state["job"] = job
        try:
            answer: Any = job.work()
        except state["expected"] as error:  # reported to the screen, like any answer
            answer = error
        except Exception as error:
            crash_log.record(sys.exc_info(), state["what"])  # type: ignore[arg-type]
            answer = UnexpectedError(unexpected_error_text(error))
        finally:
            state["job"] = None
        spent.append((job, answer))  # before the UI thread can be told: it lets go there
        _tell(state, relay, "finished", job, answer)
        job.end()
        del job, answer


def _tell(state: dict[str, Any], relay: _Relay, signal: str, *args: Any) -> None:
    """On the worker: emit ``relay.<signal>(*args)`` unless the helper is being or has been
    deleted (see :func:`_helper_gone`, and the module's notes)."""
    with state["relay_lock"]:
        if state["relay_alive"]:
            getattr(relay, signal).emit(*args)


def _helper_gone(state: dict[str, Any], *_destroyed: object) -> None:
    """On the UI thread, as Qt deletes the helper (its relay is still whole): once an answer
    being handed over has gone, the worker never touches the relay again."""
    with state["relay_lock"]:
        state["relay_alive"] = False


class Background(QObject):
    """``run(work, done)``: ``done(answer_or_exception)`` is called on the UI thread;
    ``run(work, done, failed)`` hands an exception to ``failed`` instead.

    ``what`` names the work in the crash log ("in a background read", "in an import");
    ``expected`` are the exceptions handed to ``done`` as answers without a log entry."""

    progress = Signal(int, int)  # done, total (0: unknown), of the newest work

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        latest_only: bool = True,
        what: str = "in a background read",
        expected: tuple[type[Exception], ...] = EXPECTED,
    ):
        super().__init__(parent)
        self._latest_only = latest_only
        self._generation = 0
        self._closed = False
        self._last: _Job | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.progress.connect(self._progress)
        # Shared with the worker thread, which must not hold a reference to this object.
        self._state: dict[str, Any] = {
            "latest_only": latest_only,
            "what": what,
            "expected": expected,
            "job": None,
            "spent": [],  # finished jobs, let go of on the UI thread (see _serve)
            "relay_lock": threading.Lock(),  # the worker emits on the relay holding it ...
            "relay_alive": True,  # ... while this is True (see _tell)
        }
        # A plain function, not a method: it must run while Qt deletes this object.
        self.destroyed.connect(functools.partial(_helper_gone, self._state))
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        thread = threading.Thread(
            target=_serve,
            args=(self._jobs, self._relay, self._state),
            name="colearn-work",
            daemon=True,
        )
        thread.start()
        # The thread ends with this object; what it finished is let go of here, not there.
        weakref.finalize(self, _stop, self._jobs, self._state["spent"])

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._closed:
            return
        if self._latest_only and self._last is not None:
            self._last.cancel.set()  # superseded: stop it, or drop it if not started
        self._generation += 1
        self._last = _Job(work, done, failed, self._generation, self._state["what"])
        self._jobs.put(self._last)

    # -- called by the work, on the worker thread -----------------------------------------

    def report(self, done: int, total: int = 0) -> None:
        job = self._state["job"]
        if job is not None:
            _tell(self._state, self._relay, "progress", job, int(done), int(total))

    def cancelled(self) -> bool:
        """True once the running work should stop (cancelled, superseded or closed)."""
        job = self._state["job"]
        return job is None or job.cancel.is_set()

    # -- control, on the UI thread --------------------------------------------------------

    def cancel(self) -> None:
        if self._last is not None:
            self._last.cancel.set()

    @property
    def busy(self) -> bool:
        return self._last is not None and not self._last.ended.is_set()

    def wait_idle(self, msecs: int | None = 10000) -> bool:
        """Wait at most ``msecs`` (None: as long as it takes) for the work asked so far to
        end (jobs run in order)."""
        return self._last is None or self._last.ended.wait(None if msecs is None else msecs / 1000)

    def close(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel, deliver no more answers, and wait at most ``wait_ms`` for the running
        work; work that still runs ends by itself.  True when nothing runs any more."""
        self._closed = True
        self.cancel()
        self._jobs.put(None)
        return self.wait_idle(wait_ms)

    def _finished(self, job: _Job, answer: Any) -> None:
        self._state["spent"].clear()  # on the UI thread (see _serve)
        if self._closed or (self._latest_only and job.generation != self._generation):
            return
        if isinstance(answer, Exception) and job.failed is not None:
            job.failed(answer)
        else:
            job.done(answer)

    def _progress(self, job: _Job, done: int, total: int) -> None:
        if not self._closed and job.generation == self._generation:
            self.progress.emit(done, total)


def _stop(jobs: queue.SimpleQueue[_Job | None], spent: list[Any]) -> None:
    spent.clear()
    jobs.put(None)


def running_count() -> int:
    """Work started by any helper that has not ended yet."""
    with _running_lock:
        return len(_running)


def wait_for_running(wait_ms: int | None = 10_000, what: str | None = None) -> bool:
    """Before the journal closes: give work still running (an import whose dialog was
    closed; with ``what``, only work of that name) at most ``wait_ms`` in all to end (None:
    as long as it takes).  True when none runs any more."""
    deadline = None if wait_ms is None else time.monotonic() + wait_ms / 1000
    with _running_lock:
        jobs = [job for job in _running if what in (None, job.what)]
    return all(
        job.ended.wait(None if deadline is None else max(deadline - time.monotonic(), 0))
        for job in jobs
    )
