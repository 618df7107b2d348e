"""Opening a journal file: inspect, back up, upgrade, then hand out a :class:`Journal`.

The order is the safety argument.  The file is first inspected read-only, so a journal written
by a newer version (or some other program's database) is refused byte-identical.  A journal
that needs upgrading is backed up with the SQLite backup API before the first schema change,
and the upgrade runs in one transaction; if it fails, the file is unchanged and the message says
where the backup is.
"""

from __future__ import annotations

import os
from pathlib import Path

from .backup import backup_into
from .clock import Clock, SystemClock
from .db import Database, create_journal_engine
from .errors import JournalMissingError, JournalTooNewError, MigrationError
from .folders import make_private_dirs
from .journal import Journal
from .migrate import AfterStep, inspect_file, upgrade


def open_journal(
    path: Path,
    *,
    backups_dir: Path | None = None,
    clock: Clock | None = None,
    create: bool = True,
    after_migration_step: AfterStep | None = None,
) -> Journal:
    """Open (creating or upgrading as needed) the journal at ``path``."""
    clock = clock or SystemClock()
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
    return Journal(Database(create_journal_engine(path), path), clock, backups_dir)


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
