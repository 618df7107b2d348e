"""Opening the journal when the app starts, and what to do when that fails.

- After an unclean shutdown (the session marker was left behind, or a non-empty write-ahead
  log: SQLite removes it when the last connection closes cleanly) a full ``integrity_check``
  runs before anything else.
- A damaged journal is never overwritten: it and its ``-wal``/``-shm`` are moved aside under a
  dated name, and the newest backup that passes its check is offered.  With none, an empty
  journal can be started while the damaged one stays kept.
- A journal from a newer version, one another program holds locked, or one that cannot be read
  for another reason (permissions) is left exactly where and as it is, with a message.

Damage is only diagnosed from SQLite's result code (SQLITE_CORRUPT, SQLITE_NOTADB: see
:func:`core.integrity.verdict_of`) or a failed check, never from a lock or a permission problem,
so a busy journal is never moved aside.
"""

from __future__ import annotations

import contextlib
import enum
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.core.clock import Clock
from colearn_desktop.core.errors import (
    DamagedJournalError,
    JournalError,
    JournalTooNewError,
    LockedError,
    NotAJournalError,
    ReadOnlyError,
    StorageError,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.local_settings import LocalSettings

if TYPE_CHECKING:
    from colearn_desktop.core.storage.backups.catalog import BackupInfo
    from colearn_desktop.core.storage.backups.restore import RestoreOutcome

LOCKED_MESSAGE = (
    "Another program is using the journal {path} and keeps it locked, so CoLearn cannot open "
    "it safely. Close the other program (an SQLite browser, a sync tool, another CoLearn) and "
    "try again."
)


class SessionMarker:
    """``journal.sqlite3.open`` exists while the app has the journal open; a crash leaves it
    behind, which tells the next start to run the full check."""

    def __init__(self, journal_path: Path):
        self.path = journal_path.with_name(journal_path.name + ".open")

    def left_behind(self) -> bool:
        return self.path.exists()

    def begin(self, now: datetime) -> None:
        self.path.write_text(f"{os.getpid()} {now:%Y-%m-%d %H:%M:%S}\n", encoding="utf-8")
        if os.name == "posix":
            os.chmod(self.path, 0o600)

    def end(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def unclean_shutdown(journal_path: Path) -> bool:
    wal = Path(f"{journal_path}-wal")
    return SessionMarker(journal_path).left_behind() or (wal.exists() and wal.stat().st_size > 0)


class Outcome(enum.Enum):
    OPENED = "opened"
    DAMAGED = "damaged"  # moved aside; ``candidate`` is the backup to offer (or None)
    MISSING = "missing"  # no journal, but a backup exists: offer it
    TOO_NEW = "too_new"  # refused, unchanged
    LOCKED = "locked"  # another program holds it
    UNUSABLE = "unusable"  # cannot be read for another reason; left as it is


@dataclass(frozen=True)
class Startup:
    outcome: Outcome
    journal: Journal | None = None
    message: str = ""  # the core's words for what is wrong
    damaged_kept: Path | None = None
    candidate: BackupInfo | None = None
    checked: bool = False  # a full integrity check ran (after an unclean shutdown)


def integrity_problems(journal: Journal, *, full: bool) -> list[str]:
    """SQLite's findings, one line each (empty: healthy)."""
    # (The checks' module, with the search index and contact fields it checks, is loaded
    # when a check runs: after the first paint, unless the last session ended uncleanly.)
    from colearn_desktop.core.integrity import integrity_lines

    with journal.db.read_raw() as connection:
        return integrity_lines(connection, full=full)


def backup_folders(journal_path: Path, backups_dir: Path) -> list[Path | None]:
    return [backups_dir, LocalSettings(journal_path.parent).mirror_dir]


def _newest_good_backup(journal_path: Path, backups_dir: Path) -> BackupInfo | None:
    """The backup offered in the journal's place.  The backup catalog is imported only when
    one is needed: a normal start opens its window without it (issue 14, "paint first")."""
    from colearn_desktop.core.storage.backups.catalog import newest_good_backup

    return newest_good_backup(backup_folders(journal_path, backups_dir))


def _damaged(journal_path: Path, backups_dir: Path, clock: Clock, problem: str) -> Startup:
    from colearn_desktop.core.storage.backups.restore import move_aside

    try:
        kept = move_aside(journal_path, clock.now())
    except OSError as error:
        return Startup(
            Outcome.UNUSABLE,
            message=f"{problem}\nIt could not be moved aside ({error}); it was left as it is.",
        )
    candidate = _newest_good_backup(journal_path, backups_dir)
    return Startup(Outcome.DAMAGED, message=problem, damaged_kept=kept, candidate=candidate)


# The tables whose damage must stop a start before the window shows.
MAIN_TABLES = ("contact", "conversation", "favour", "purchase", "reminder", "tag", "referral_ask")


def read_each_main_table(journal: Journal) -> None:
    """Read the first row of each main table (its root page and first leaf): a torn or
    overwritten table start raises here, before the window shows.  Not every page: counting
    the rows read the whole journal before the first paint (0.6-1 s at 100,000 contacts,
    issue 14); every page is read by the quick check once the window has painted (or by the
    full check first, after an unclean shutdown), which closes the journal and offers the way
    back when it finds damage."""
    with journal.db.read_raw() as connection:
        for table in MAIN_TABLES:
            connection.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()


def open_at_startup(journal_path: Path, backups_dir: Path, clock: Clock) -> Startup:
    """Open the journal for an app session, or say exactly why not (see the module doc)."""
    unclean = unclean_shutdown(journal_path)
    if not any(Path(f"{journal_path}{s}").exists() for s in ("", "-wal")):
        candidate = _newest_good_backup(journal_path, backups_dir)
        if candidate is not None:
            return Startup(Outcome.MISSING, candidate=candidate)
    try:
        journal = open_journal(journal_path, backups_dir=backups_dir, clock=clock)
    except JournalTooNewError as error:
        return Startup(Outcome.TOO_NEW, message=str(error))
    except LockedError:
        return Startup(Outcome.LOCKED, message=LOCKED_MESSAGE.format(path=journal_path))
    except (DamagedJournalError, NotAJournalError) as error:
        from colearn_desktop.core.integrity import Verdict, verdict_of

        verdict = verdict_of(error)  # by SQLite's result code: a lock is never damage
        if verdict is Verdict.LOCKED:
            return Startup(Outcome.LOCKED, message=LOCKED_MESSAGE.format(path=journal_path))
        if verdict is Verdict.DAMAGED:
            return _damaged(journal_path, backups_dir, clock, str(error))
        return Startup(Outcome.UNUSABLE, message=str(error))
    except (JournalError, OSError) as error:
        return Startup(Outcome.UNUSABLE, message=_words(error))
    try:
        problems = integrity_problems(journal, full=True) if unclean else []
        read_each_main_table(journal)  # a damaged table's first pages show up here
        journal.db.wait_for_write_lock()  # reports a writer that keeps the lock
    except ReadOnlyError:
        problems = []  # still readable; saving will say it is read-only
    except LockedError:
        journal.close()
        return Startup(Outcome.LOCKED, message=LOCKED_MESSAGE.format(path=journal_path))
    except DamagedJournalError as error:
        journal.close()
        return _damaged(journal_path, backups_dir, clock, str(error))
    except StorageError as error:
        journal.close()
        return Startup(Outcome.UNUSABLE, message=str(error))
    if problems:
        from colearn_desktop.core.integrity import describe_damage

        journal.close()
        return _damaged(journal_path, backups_dir, clock, describe_damage(journal_path, problems))
    return Startup(Outcome.OPENED, journal=journal, checked=unclean)


def _words(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror or error}: {error.filename}"
    return str(error)


def restore_candidate(
    journal_path: Path, backups_dir: Path, backup: Path, clock: Clock
) -> tuple[Journal, RestoreOutcome]:
    """Put ``backup`` in the journal's place (keeping whatever is there) and open it."""
    from colearn_desktop.core.storage.backups.restore import restore_replacing

    outcome = restore_replacing(journal_path, backup, clock.now())
    return open_journal(journal_path, backups_dir=backups_dir, clock=clock), outcome


def start_empty(journal_path: Path, backups_dir: Path, clock: Clock) -> Journal:
    return open_journal(journal_path, backups_dir=backups_dir, clock=clock)
