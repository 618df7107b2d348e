"""Which of the journal's files keeps SQLite from writing, and a read-only way in.

In WAL mode SQLite keeps three files: the journal, its ``-wal`` (committed changes not yet
copied into the journal) and its ``-shm`` (an index of the ``-wal``, rebuilt from it whenever
needed), and it must be able to create the last two beside the journal.  So "read-only" can
mean any of four things, each with its own remedy: the journal file, one of the side files,
the folder, or the disk.  A message that only says "read-only" sends the user to fix the wrong
one; :func:`read_only_cause` names the one at fault.

One case is known to come from SQLite itself: a session that could only read the journal
(the file was read-only) creates the side files with the journal's mode, read-only too, and
leaves them behind.  Once the user makes the journal writable again, those stale side files
still refuse every save.  :func:`repair_side_files` gives our own side files their write
permission back.  That only changes permissions, never content, so it is safe even while
another connection has them open, and a ``-wal`` holding committed changes keeps them.

When nothing can be written (a read-only folder or disk, a full disk), the journal is still
shown: :func:`read_only_uri` opens it with ``mode=ro``, and only when SQLite cannot even create
its ``-shm`` there, with ``immutable=1``.  That is safe only because the ``-wal`` is then empty
or missing (nothing to miss) and no one can start writing either: a writer needs the same
``-shm`` that could not be made.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from colearn_desktop.core.errors import sqlite_code_of, sqlite_error_of
from colearn_desktop.core.storage.migrate import read_only_uri

SIDE_FILES = ("-wal", "-shm")


def side_file(journal: Path, suffix: str) -> Path:
    return Path(f"{journal}{suffix}")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _read_only_disk(folder: Path) -> bool:
    if os.name != "posix":
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def read_only_cause(journal: Path) -> str | None:
    """What keeps SQLite from writing the journal, as the end of a sentence that names the
    file or folder at fault and says what to do; ``None`` when the permissions allow writing
    (the cause is then elsewhere: a full disk, another program's lock)."""
    folder = journal.parent
    if _read_only_disk(folder):
        return (
            f"the disk holding {folder} is mounted read-only. Make it writable (or move the "
            "journal to a writable disk) and open CoLearn again."
        )
    if journal.exists() and not _writable(journal):
        return (
            f"the journal file {journal} is read-only. Make it writable (check its "
            "permissions) and open CoLearn again."
        )
    for suffix in SIDE_FILES:
        side = side_file(journal, suffix)
        if side.exists() and not _writable(side):
            if suffix == "-shm":
                return (
                    f"{side} is read-only (SQLite left it behind after a session that could "
                    "only read the journal). Close CoLearn, then delete that file or make it "
                    "writable, and open CoLearn again."
                )
            return (
                f"{side} is read-only. Close CoLearn, make that file writable and open CoLearn "
                "again (do not delete it: it may hold your latest changes)."
            )
    missing = [p for p in (journal, *(side_file(journal, s) for s in SIDE_FILES)) if not p.exists()]
    if missing and not _writable(folder):
        return (
            f"the folder {folder} is read-only, and SQLite needs to create files beside the "
            "journal. Make the folder writable and open CoLearn again."
        )
    return None


def repair_side_files(journal: Path) -> list[Path]:
    """Give our own ``-wal``/``-shm`` back the write permission an earlier read-only session
    took away (see the module doc), when the journal itself is writable; returns the files
    repaired.  Another user's files are left alone: :func:`read_only_cause` names them."""
    if os.name != "posix" or not journal.exists() or not _writable(journal):
        return []
    repaired = []
    for suffix in SIDE_FILES:
        side = side_file(journal, suffix)
        try:
            status = side.stat()
            if status.st_uid != os.geteuid() or _writable(side):
                continue
            os.chmod(side, (status.st_mode & 0o700) | 0o600)
        except OSError:
            continue  # missing, or it cannot be changed: the cause is named when saving
        repaired.append(side)
    return repaired


def cannot_write_cause(error: BaseException, journal: Path) -> str | None:
    """When ``error`` means SQLite cannot write where the journal is (read-only, disk full,
    disk I/O error: it could not create its ``-shm``), what is at fault in words; ``None``
    for any other error (damage, a lock, a bug)."""
    code = sqlite_code_of(error)  # by SQLite's result code, never the words of its message
    if code is None:
        return None
    text = str(sqlite_error_of(error))
    folder = journal.parent
    if code == sqlite3.SQLITE_READONLY:
        return read_only_cause(journal) or (
            f"SQLite cannot write the journal {journal} ({text}). Check the permissions of "
            "the file and its folder, and open CoLearn again."
        )
    if code == sqlite3.SQLITE_FULL:
        return f"the disk holding {folder} is full. Free some space and open CoLearn again."
    if code == sqlite3.SQLITE_IOERR:
        return read_only_cause(journal) or (
            f"SQLite could not write its files beside the journal in {folder} ({text}): the "
            "disk may be full, read-only or failing. Free some space or check the disk, and "
            "open CoLearn again."
        )
    return None


def _wal_is_empty(journal: Path) -> bool:
    try:
        return side_file(journal, "-wal").stat().st_size == 0
    except FileNotFoundError:
        return True


def reading_uri(journal: Path) -> str:
    """A URI that reads the journal without writing a byte (see the module doc for when it
    carries ``immutable=1``).  Raises the driver's error when even reading is impossible."""
    uri = read_only_uri(journal)
    try:
        _probe(uri)
    except sqlite3.OperationalError as error:
        if cannot_write_cause(error, journal) is None or not _wal_is_empty(journal):
            raise
        uri += "&immutable=1"
    return uri


def _probe(uri: str) -> None:
    connection = sqlite3.connect(uri, uri=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()
