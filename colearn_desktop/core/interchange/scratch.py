"""A private scratch database for planning an import, so that its memory stays bounded.

Planning a file keeps one line per row (for the preview and for applying) and, to find
duplicates within the file, the e-mail, phone and name keys of every row planned as new.  As
Python objects that is several hundred bytes per row, ~80 MB for 100,000 rows.  Kept in
SQLite's temporary database instead (``sqlite3.connect("")``), it lives in a small page cache
and spills to an anonymous temporary file SQLite deletes itself, so memory stays the same
whatever the size of the file.  The scratch database never touches the journal.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Pages of the scratch database kept in memory (negative: KiB); the rest goes to its file.
CACHE_KIB = 2048


class Scratch:
    """One temporary database, used from whichever thread plans, previews or applies the
    import (one at a time: the lock makes that so)."""

    def __init__(self) -> None:
        self._connection = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._connection.execute("PRAGMA journal_mode = OFF")
        self._connection.execute("PRAGMA synchronous = OFF")
        self._lock = threading.RLock()

    @contextmanager
    def use(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._connection

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __del__(self) -> None:
        # The plan that owns it is simply dropped when the import window closes.
        self._connection.close()
