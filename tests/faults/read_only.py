"""Making SQLite unable to write beside a journal, as a full or failing disk does, for tests
that run as root too (root ignores file permissions)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def fail_writable_opens(monkeypatch: pytest.MonkeyPatch, journal: Path) -> None:
    """Every connection to ``journal`` that could write (anything but ``immutable=1``)
    fails the way SQLite fails when it cannot create the ``-shm`` on a full disk."""
    real_connect = sqlite3.connect

    def connect(target, *args, **kwargs):
        name = str(target)
        if journal.name in name and "immutable=1" not in name:
            failure = sqlite3.OperationalError("disk I/O error")
            failure.sqlite_errorcode = sqlite3.SQLITE_IOERR  # as SQLite raises it
            failure.sqlite_errorname = "SQLITE_IOERR"
            raise failure
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
