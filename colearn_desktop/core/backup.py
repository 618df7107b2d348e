"""Verified backups made with SQLite's backup API.

A live SQLite file (with its write-ahead log) is never copied byte by byte: the copy could miss
committed pages still in the log, or catch a half-written page.  The backup API reads a
consistent snapshot.  It is written to a temporary file beside the destination, checked
(``quick_check`` and the schema revision), flushed to disk, and only then renamed into place,
so a failed backup never replaces or damages an earlier one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import StorageError
from .migrate import read_only_uri

BACKUP_SUFFIX = ".sqlite3"


class BackupError(StorageError):
    pass


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    ok: bool
    revision: str | None
    problem: str = ""


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def check_backup(path: Path) -> BackupCheck:
    """Open ``path`` read-only and run ``quick_check``; never raises for a bad file."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
            revision = read_revision(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return BackupCheck(path, ok=False, revision=None, problem=str(error))
    if result != "ok":
        return BackupCheck(path, ok=False, revision=revision, problem=result)
    return BackupCheck(path, ok=True, revision=revision)


def backup_file(source: Path, destination: Path) -> Path:
    """Back ``source`` up to ``destination`` (verified, atomic).  The source is only read."""
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            source_revision = read_revision(src)
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # A backup is a self-contained file: no -wal beside it to lose.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        if os.name == "posix":
            os.chmod(partial, 0o600)
        check = check_backup(partial)
        if not check.ok:
            raise BackupError(f"The backup of {source} failed its check: {check.problem}")
        if check.revision != source_revision:
            raise BackupError(
                f"The backup of {source} has schema revision {check.revision!r}, "
                f"expected {source_revision!r}"
            )
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
        _fsync_dir(destination.parent)
    except sqlite3.Error as error:
        raise BackupError(f"Could not back up {source}: {error}") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return destination


def backup_name(when: datetime, reason: str) -> str:
    """``journal-20261122-103000-before-upgrade.sqlite3``: sorts by time, says why."""
    return f"journal-{when:%Y%m%d-%H%M%S}-{reason}{BACKUP_SUFFIX}"


def backup_into(source: Path, folder: Path, when: datetime, reason: str) -> Path:
    """Back ``source`` up into ``folder`` under a dated name; never overwrites a backup."""
    target = folder / backup_name(when, reason)
    counter = 1
    while target.exists():
        counter += 1
        target = folder / backup_name(when, f"{reason}-{counter}")
    return backup_file(source, target)
