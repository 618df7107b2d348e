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
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from colearn_desktop.core.errors import StorageError
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.core.storage.files.journal_files import reading_uri
from colearn_desktop.core.storage.migrate import read_only_uri

BACKUP_SUFFIX = ".sqlite3"
_NAME = re.compile(r"^journal-(\d{8}-\d{6})-([a-z0-9-]+)\.sqlite3$")
# What SQLite writes beside a database being written: a killed backup leaves them too.
SQLITE_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
# A backup's temporary files, and SQLite's beside them; the number is the writer's process.
_PARTIAL_NAME = re.compile(r"^journal-.*\.sqlite3\.(\d+)\.partial(?:-journal|-wal|-shm)?$")
# Left by a backup that was killed: after an hour in any case (a backup of the biggest
# journal takes minutes), after a minute when the process that wrote it is gone.
STALE_PARTIAL_SECONDS = 3600
ORPHAN_PARTIAL_SECONDS = 60


class BackupError(StorageError):
    pass


@dataclass(frozen=True)
class Counts:
    """What a journal (or a backup of it) holds, in the words the user knows."""

    contacts: int = 0
    conversations: int = 0
    favours: int = 0
    purchases: int = 0


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    ok: bool
    revision: str | None
    problem: str = ""
    # The journal's change tag (``PRAGMA user_version``) when the backup was taken: equal tags
    # and revisions mean equal content (see core/backups.py).
    tag: int = 0


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _partial(destination: Path) -> Path:
    """The temporary file a backup is written to; its own per process, so two programs backing
    up at the same moment never write into one file."""
    return destination.with_name(f"{destination.name}.{os.getpid()}.partial")


def _discard_partial(partial: Path) -> None:
    """Remove a temporary backup file and whatever SQLite wrote beside it."""
    for path in (partial, *(Path(f"{partial}{side}") for side in SQLITE_SIDE_SUFFIXES)):
        with contextlib.suppress(OSError):
            path.unlink()


def _process_running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # ours is running; elsewhere asking has side effects, so the age decides
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove what backups killed half-way left in ``folder`` (only files named like our
    temporary files, see ``_PARTIAL_NAME``); returns what was removed.  A file some running
    process may still be writing is kept (see ``STALE_PARTIAL_SECONDS``)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for path in folder.glob("journal-*.partial*"):
        match = _PARTIAL_NAME.match(path.name)
        if match is None:
            continue
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        orphan = age > ORPHAN_PARTIAL_SECONDS and not _process_running(int(match.group(1)))
        if age > STALE_PARTIAL_SECONDS or orphan:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def read_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def read_tag(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


# Counted per kind only when the table is there, so a backup from any revision can be listed.
_COUNTS = (
    ("contacts", "contact", "archived_at"),
    ("conversations", "conversation", "deleted_at"),
    ("favours", "favour", "deleted_at"),
    ("purchases", "purchase", "deleted_at"),
)


def read_counts(connection: sqlite3.Connection) -> Counts:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    values: dict[str, int] = {}
    for name, table, hidden in _COUNTS:
        if table in tables:
            sql = f"SELECT count(*) FROM {table} WHERE {hidden} IS NULL"  # names are constants
            values[name] = int(connection.execute(sql).fetchone()[0])
    return Counts(**values)


def file_counts(path: Path) -> Counts:
    """The counts of a journal or backup file, read without changing it."""
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return read_counts(connection)
    finally:
        connection.close()


def check_backup(path: Path, *, full: bool = False) -> BackupCheck:
    """Open ``path`` read-only and run ``quick_check`` (``integrity_check`` with ``full``);
    never raises for a bad file."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            result = connection.execute(f"PRAGMA {pragma}").fetchone()[0]
            revision = read_revision(connection)
            tag = read_tag(connection)
        finally:
            connection.close()
    except (sqlite3.DatabaseError, ValueError) as error:  # ValueError: bytes that are not text
        return BackupCheck(path, ok=False, revision=None, problem=str(error))
    if result != "ok":
        return BackupCheck(path, ok=False, revision=revision, problem=result, tag=tag)
    return BackupCheck(path, ok=True, revision=revision, tag=tag)


def backup_file(source: Path, destination: Path) -> Path:
    """Back ``source`` up to ``destination`` (verified, atomic).  The source is only read."""
    make_private_dirs(destination.parent)
    partial = _partial(destination)
    _discard_partial(partial)
    try:
        src = sqlite3.connect(reading_uri(source), uri=True)  # also from a read-only folder
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
        _discard_partial(partial)
    return destination


def backup_name(when: datetime, reason: str) -> str:
    """``journal-20261122-103000-before-upgrade.sqlite3``: sorts by time, says why."""
    return f"journal-{when:%Y%m%d-%H%M%S}-{reason}{BACKUP_SUFFIX}"


def backup_into(source: Path, folder: Path, when: datetime, reason: str) -> Path:
    """Back ``source`` up into ``folder`` under a dated name; never overwrites a backup.
    What earlier backups killed half-way left there is removed first."""
    remove_stale_partials(folder)
    target = folder / backup_name(when, reason)
    counter = 1
    while target.exists():
        counter += 1
        target = folder / backup_name(when, f"{reason}-{counter}")
    return backup_file(source, target)


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """When a backup was taken and why, from its file name; ``None`` for any other file (so
    thinning can never touch a file it did not make)."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        when = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return when, match.group(2)


def copy_verified(backup: Path, destination: Path) -> Path:
    """Copy a finished, verified backup file (never a live journal) to ``destination``: to a
    temporary file first, flushed and checked, then renamed into place."""
    remove_stale_partials(destination.parent)
    partial = _partial(destination)
    try:
        shutil.copyfile(backup, partial)
        if os.name == "posix":
            os.chmod(partial, 0o600)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        check = check_backup(partial)
        if not check.ok:
            raise BackupError(f"The copy {destination} failed its check: {check.problem}")
        os.replace(partial, destination)
        _fsync_dir(destination.parent)
    finally:
        _discard_partial(partial)
    return destination
