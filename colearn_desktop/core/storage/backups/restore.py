"""Putting a backup back, and moving a damaged journal aside.

Two ways, one rule (nothing the user had is ever overwritten without being kept):

- The journal is healthy and open: it is backed up first (``before-restore``), then the backup
  is copied *into* it with SQLite's backup API, in one write transaction.  Every open
  connection sees the restored content at once, so the app keeps running on the same
  :class:`Journal`; a crash half-way leaves the journal as it was.
- The journal is missing or damaged: the damaged file (with its ``-wal`` and ``-shm``) is moved
  aside under a dated name and kept; the backup is copied to the journal's place through a
  checked temporary file.

A backup from an older version is upgraded after it is restored, like any older journal.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from colearn_desktop.core.errors import (
    DamagedJournalError,
    JournalTooNewError,
    MigrationError,
    NotAJournalError,
)
from colearn_desktop.core.storage.backups.verified_copy import (
    BackupCheck,
    Counts,
    backup_file,
    check_backup,
    file_counts,
    parse_backup_name,
    read_counts,
)
from colearn_desktop.core.storage.db import Database, create_journal_engine, translate
from colearn_desktop.core.storage.migrate import head_revision, inspect_file, read_only_uri, upgrade

SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class RestoreOutcome:
    backup: Path
    taken_at: datetime
    counts: Counts  # what the journal holds now
    previous_counts: Counts | None = None  # what it held before (None: it was unreadable)
    previous_backup: Path | None = None  # where the journal as it was is backed up
    damaged_kept: Path | None = None  # where the damaged journal was moved


def taken_at(path: Path) -> datetime:
    parsed = parse_backup_name(path.name)
    if parsed is not None:
        return parsed[0]
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def verify_restorable(backup: Path) -> BackupCheck:
    """Refuse anything but a sound journal this version can open; reads only."""
    if not backup.is_file():
        raise NotAJournalError(backup, f"There is no backup at {backup}.")
    state = inspect_file(backup)  # raises for other programs' files and unreadable ones
    if state.revision is None:
        raise NotAJournalError(backup, f"{backup} holds no journal; it cannot be restored.")
    if not state.is_known:
        raise JournalTooNewError(backup, state.revision)
    check = check_backup(backup, full=True)
    if not check.ok:
        raise DamagedJournalError(
            backup, f"The backup {backup} is damaged ({check.problem}); choose another one."
        )
    return check


def move_aside(path: Path, when: datetime) -> Path:
    """Move the journal and its ``-wal``/``-shm`` to ``<name>-damaged-<when>`` beside it,
    never over an existing file; returns the new path of the journal."""
    counter = 0
    while True:
        suffix = f"-{counter}" if counter else ""
        target = path.with_name(f"{path.stem}-damaged-{when:%Y%m%d-%H%M%S}{suffix}{path.suffix}")
        names = [target, *(Path(f"{target}{side}") for side in SIDE_FILES)]
        if not any(name.exists() for name in names):
            break
        counter += 1
    # The -wal and -shm go first: were the move interrupted, a journal without its log is still
    # a consistent (older) database, whereas a log left behind without its journal could be
    # replayed into a new one.
    for side in SIDE_FILES:
        source = Path(f"{path}{side}")
        if source.exists():
            os.replace(source, f"{target}{side}")
    if path.exists():
        os.replace(path, target)
    return target


def restore_replacing(journal_path: Path, backup: Path, when: datetime) -> RestoreOutcome:
    """Restore ``backup`` where the journal cannot be opened (missing or damaged): the
    damaged file is moved aside and kept, the backup copied into place, checked."""
    verify_restorable(backup)
    damaged = None
    if any(Path(f"{journal_path}{side}").exists() for side in ("", *SIDE_FILES)):
        damaged = move_aside(journal_path, when)
    backup_file(backup, journal_path)
    return RestoreOutcome(backup, taken_at(backup), file_counts(journal_path), damaged_kept=damaged)


def _same_page_size(backup: Path, connection: sqlite3.Connection) -> Path | None:
    """A copy of ``backup`` with the journal's page size, or ``None`` when they already
    match (SQLite refuses to copy between page sizes into a WAL journal)."""
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        wanted = connection.execute("PRAGMA page_size").fetchone()[0]
        if source.execute("PRAGMA page_size").fetchone()[0] == wanted:
            return None
    finally:
        source.close()
    handle, name = tempfile.mkstemp(suffix=".sqlite3", dir=backup.parent)
    os.close(handle)
    copy = backup_file(backup, Path(name))
    resized = sqlite3.connect(copy, isolation_level=None)
    try:
        resized.execute(f"PRAGMA page_size = {int(wanted)}")
        resized.execute("VACUUM")
    finally:
        resized.close()
    return copy


def _copy_into(db: Database, backup: Path) -> None:
    """Copy ``backup`` into the open journal in one transaction (SQLite's backup API)."""
    try:
        with db.engine.connect() as connection:
            target = connection.connection.driver_connection
            assert target is not None
            resized = _same_page_size(backup, target)
            source = sqlite3.connect(read_only_uri(resized or backup), uri=True)
            try:
                source.backup(target)
            finally:
                source.close()
                if resized is not None:
                    with contextlib.suppress(OSError):
                        resized.unlink()
    except sqlite3.Error as error:
        raise translate(error, db.path) from error
    finally:
        db.engine.dispose()  # pooled connections start afresh on the restored journal


def restore_into_open(
    db: Database, backup: Path, back_up_first: Callable[[], Path]
) -> RestoreOutcome:
    """Restore ``backup`` into the open, healthy journal; ``back_up_first`` keeps the journal
    as it is (and its path goes into the outcome, so the user can undo)."""
    db.check_writable()
    check = verify_restorable(backup)
    with db.read_raw() as connection:
        previous_counts = read_counts(connection)
    previous = back_up_first()
    _copy_into(db, backup)
    if check.revision != head_revision():
        engine = create_journal_engine(db.path)
        try:
            upgrade(engine, db.path)
        except MigrationError as error:
            engine.dispose()
            _copy_into(db, previous)
            raise MigrationError(
                db.path,
                f"The backup {backup} could not be upgraded ({error}); the journal was put "
                f"back as it was.",
            ) from error
        engine.dispose()
    with db.read_raw() as connection:
        counts = read_counts(connection)
    return RestoreOutcome(
        backup, taken_at(backup), counts, previous_counts, previous_backup=previous
    )
