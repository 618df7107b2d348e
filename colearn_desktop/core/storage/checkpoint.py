"""Copying the write-ahead log back into the journal on a thread of its own.

SQLite moves the WAL into the journal file by itself once the log holds 1,000 pages, inside
the commit that crosses the line: at 100,000 contacts that commit (a quick log, an undo, every
tenth or so) took ~0.7 s instead of ~20 ms, on the UI thread, while the journal file was written
and synced.  In the app a :class:`Checkpointer` runs a ``PASSIVE`` checkpoint after every commit
instead, on its own connection and thread: the log stays small, so the commit that would cross
the line never comes.  A passive checkpoint never waits for a lock and never blocks a reader or
a writer; what it cannot copy yet (a reader still on an older snapshot) it copies next time.
The command line keeps SQLite's own behaviour: its processes are short, and the last connection
to close checkpoints anyway.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable


class Checkpointer:
    """``poke()`` after a commit; the checkpoint runs on a daemon thread, at most one at a time
    (pokes while it runs make one more run, not a queue)."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]):
        self._connect = connect  # a connection of its own to the journal, never creating it
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stop = False
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._serve, name="colearn-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._idle.clear()
        self._wanted.set()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait for the checkpoints asked so far (tests; closing)."""
        return self._idle.wait(timeout)

    def release(self) -> None:
        """Close the connection (the journal is about to move or be closed); a later poke
        opens a new one."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def stop(self) -> None:
        self._stop = True
        self._wanted.set()
        self.release()

    def _serve(self) -> None:
        while True:
            self._wanted.wait()
            if self._stop:
                self._idle.set()
                return
            self._wanted.clear()
            try:
                with self._lock:
                    self._checkpoint()
            except sqlite3.Error:
                self.release()  # (the file moved, the disk is full...): the next commit tries again
            finally:
                if not self._wanted.is_set():
                    self._idle.set()

    def _checkpoint(self) -> None:
        if self._connection is None:
            self._connection = self._connect()
        self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
