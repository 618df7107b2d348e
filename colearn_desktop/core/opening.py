"""Opening a journal file: inspect, back up, upgrade, then hand out a :class:`Journal`.

The order is the safety argument.  The file is first inspected read-only, so a journal written
by a newer version (or some other program's database) is refused byte-identical.  A journal
that needs upgrading is backed up with the SQLite backup API before the first schema change,
and the upgrade runs in one transaction; if it fails, the file is unchanged and the message says
where the backup is.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from colearn_desktop.core.clock import Clock, SystemClock
from colearn_desktop.core.errors import (
    JournalError,
    JournalFileError,
    JournalMissingError,
    JournalTooNewError,
    MigrationError,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.db import (
    Database,
    create_journal_engine,
    own_connection,
    translate,
)
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.core.storage.files.journal_files import (
    cannot_write_cause,
    read_only_cause,
    reading_uri,
    repair_side_files,
    side_file,
)
from colearn_desktop.core.storage.migrate import AfterStep, inspect_file, upgrade


def open_journal(
    path: Path,
    *,
    backups_dir: Path | None = None,
    clock: Clock | None = None,
    create: bool = True,
    after_migration_step: AfterStep | None = None,
) -> Journal:
    """Open (creating or upgrading as needed) the journal at ``path``.

    A journal that exists but cannot be written (a read-only file, folder or disk, a full disk:
    see :mod:`core.journal_files`) is opened read-only instead, so its data still shows; the
    Journal's ``read_only_reason`` says why, and every save is refused with that sentence."""
    clock = clock or SystemClock()
    repair_side_files(path)
    cause = read_only_cause(path) if path.exists() else None
    if cause is None:
        try:
            return _open_for_writing(path, backups_dir, clock, create, after_migration_step)
        except MigrationError:
            raise  # says why the upgrade failed and where the backup made before it is kept
        except (JournalError, sqlite3.Error) as error:
            cause = cannot_write_cause(error, path) if path.exists() else None
            if cause is None:
                raise
    return _open_read_only(path, cause, backups_dir, clock)


def _open_for_writing(
    path: Path,
    backups_dir: Path | None,
    clock: Clock,
    create: bool,
    after_migration_step: AfterStep | None,
) -> Journal:
    state = inspect_file(path)
    if not state.is_known:
        raise JournalTooNewError(path, state.revision or "")
    if not state.exists:
        if not create:
            raise JournalMissingError(path)
        make_private_dirs(path.parent)
    if not state.is_current:
        backup = None
        if state.revision is not None:
            # (The verified copy's module is loaded only when there is an upgrade to make.)
            from colearn_desktop.core.storage.backups.verified_copy import backup_into

            folder = backups_dir or path.parent / "backups"
            backup = backup_into(path, folder, clock.now(), "before-upgrade")
        engine = create_journal_engine(path)
        try:
            upgrade(engine, path, after_step=after_migration_step)
        except MigrationError as error:
            kept = f" A backup made just before is kept at {backup}." if backup else ""
            raise MigrationError(path, f"{error}. The journal was left unchanged.{kept}") from error
        finally:
            engine.dispose()
    _owner_only(path)
    try:
        # SQLite opens (or creates) the -wal and -shm now: a failure shows here.  On sqlite3
        # alone, with the engine's own pragmas: the engine (and SQLAlchemy) is made on first
        # use, after the window has painted.  The connection is kept for the reads before
        # that (the start-up checks, the window's first reads): see Database._raw_connection.
        connection = own_connection(path)
    except sqlite3.Error as error:
        raise translate(error, path) from error
    return Journal(Database(None, path, spare=connection), clock, backups_dir)


def _open_read_only(path: Path, cause: str, backups_dir: Path | None, clock: Clock) -> Journal:
    """The journal as it is, read-only (see :func:`journal_files.reading_uri`), or a
    message saying why not even that is possible; the file is never changed."""
    try:
        uri = reading_uri(path)
    except sqlite3.Error as error:
        wal = side_file(path, "-wal")
        held = ""
        if wal.exists() and wal.stat().st_size:
            held = (
                f" Its newest changes are in {wal}, which SQLite can only read where it can write."
            )
        raise JournalFileError(
            path,
            f"CoLearn cannot open the journal {path}, not even to read it ({error}), because "
            f"{cause}{held}",
        ) from error
    state = inspect_file(path, uri=uri)
    if not state.is_known:
        raise JournalTooNewError(path, state.revision or "")
    if state.revision is None:
        raise JournalFileError(path, f"CoLearn cannot start a journal at {path} because {cause}")
    if not state.is_current:
        raise MigrationError(
            path,
            f"{path} was written by an older CoLearn and must be upgraded, which means writing "
            f"to it, but {cause} The journal was left unchanged.",
        )
    reason = f"Saving is off: CoLearn opened the journal read-only because {cause}"
    database = Database(None, path, read_only=reason, read_only_uri=uri)
    return Journal(database, clock, backups_dir)


def _owner_only(path: Path) -> None:
    """Client notes are private: drop group and other permissions from the journal and its
    -wal/-shm (a file the user made read-only stays read-only)."""
    if os.name != "posix":
        return
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = name.stat().st_mode & 0o777
            if mode & 0o077:
                os.chmod(name, mode & 0o700)
        except OSError:
            pass  # missing, or another user's file: opening will say what is wrong
