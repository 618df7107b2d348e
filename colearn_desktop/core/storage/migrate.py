"""Knowing a journal's schema revision, and bringing it up to date safely.

Two rules from the data-safety design live here:

- A journal is inspected read-only before anything else happens, so a file from a newer version
  (or another program) is refused while still byte-identical.
- All pending revisions run in one transaction with foreign keys off (SQLite's documented way to
  change a schema: otherwise rebuilding a table in batch mode would cascade-delete its children),
  and ``PRAGMA foreign_key_check`` must be clean before the commit.  A failure anywhere rolls
  the whole upgrade back.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.core.errors import DamagedJournalError, MigrationError, NotAJournalError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationInfo
    from sqlalchemy import Engine

# "CoLn" as a big-endian integer, written to the SQLite header by the first revision.
APPLICATION_ID = int.from_bytes(b"CoLn", "big")
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

AfterStep = Callable[[str], None]

# The newest revision, written down so that opening a current journal (every start of the app)
# compares one value instead of reading the revision files: start-up paints before anything
# slow.  tests/core/storage/test_migrations.py checks that it is the revision files' head.
HEAD_REVISION = "0016"

_REVISION = re.compile(r'^revision: str = "([^"]+)"', re.MULTILINE)
_DOWN = re.compile(r'^down_revision: str \| None = (?:None|"([^"]+)")', re.MULTILINE)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


@cache
def revision_chain() -> tuple[str, ...]:
    """All revisions, oldest first, read from the revision files themselves.

    Opening a current journal only needs to know the revisions, not to run them, and Alembic
    takes a quarter of a second to import, so it is imported only for an actual upgrade.  A
    test checks that this agrees with Alembic's own reading of the scripts."""
    parents: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        text = path.read_text("utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        down = _DOWN.search(text)
        parents[found.group(1)] = down.group(1) if down else None
    children = {parent: child for child, parent in parents.items()}
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if not chain or len(chain) != len(parents):
        raise RuntimeError(f"the revisions in {MIGRATIONS_DIR} do not form one linear history")
    return tuple(chain)


def head_revision() -> str:
    return HEAD_REVISION


def known_revisions() -> frozenset[str]:
    return frozenset(revision_chain())


@dataclass(frozen=True)
class FileState:
    """What a read-only look at a journal file found."""

    exists: bool
    revision: str | None = None

    @property
    def is_new(self) -> bool:
        return not self.exists or self.revision is None

    @property
    def is_current(self) -> bool:
        return self.revision == HEAD_REVISION

    @property
    def is_known(self) -> bool:
        known = (None, HEAD_REVISION)
        return self.revision in known or self.revision in known_revisions()


def read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def inspect_file(path: Path, *, uri: str | None = None, wait: float = 5.0) -> FileState:
    """Look at ``path`` without changing a byte of it (through ``uri`` when given: see
    :func:`core.journal_files.reading_uri`), waiting up to ``wait`` seconds (SQLite's own
    default) for a lock another program holds: ``colearn check`` passes its own wait.

    Raises :class:`NotAJournalError` for a file that is not SQLite or belongs to another
    program, or that is empty: SQLite writes the header of a new journal with its first
    transaction, so a journal file of 0 bytes (with no write-ahead log beside it that could
    hold its pages) was truncated, and must not be taken for a new journal and written over.
    Raises :class:`DamagedJournalError` when SQLite cannot read it, or when what it reads cannot
    be decoded (a flipped byte in a name of the schema): the way back must never depend on
    reading the damaged file.
    """
    if not path.exists():
        return FileState(exists=False)
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header and not _has_log(path):
        raise NotAJournalError(
            path,
            f"{path} is empty (0 bytes): the journal that was there has been cut short, "
            "so it was not opened as a new one.",
        )
    if header and header != SQLITE_HEADER:
        raise NotAJournalError(path, f"{path} is not a CoLearn journal (not an SQLite database).")
    try:
        application_id, tables, revision = _read_identity(uri or read_only_uri(path), wait)
    except sqlite3.DatabaseError as error:
        raise DamagedJournalError(path, f"{path} cannot be read: {error}.") from error
    except ValueError as error:  # UnicodeDecodeError, or a value of the wrong type
        raise DamagedJournalError(
            path, f"{path} is damaged: its schema holds bytes that are not valid text ({error})."
        ) from error
    if application_id not in (0, APPLICATION_ID) or (tables and revision is None):
        raise NotAJournalError(
            path, f"{path} is an SQLite database of another program, not a CoLearn journal."
        )
    return FileState(exists=True, revision=revision)


def _has_log(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _read_identity(uri: str, wait: float) -> tuple[int, set[str], str | None]:
    """The application id, the table names and the schema revision, read-only (``uri``)."""
    connection = sqlite3.connect(uri, uri=True, timeout=wait)
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    finally:
        connection.close()
    return application_id, tables, revision


def upgrade(
    engine: Engine, path: Path, *, after_step: AfterStep | None = None, target: str = "head"
) -> list[str]:
    """Apply every pending revision (up to ``target``) in one transaction; return the
    revisions applied.

    ``after_step`` is called after each revision inside the transaction (tests use it to
    inject a failure half-way).  On any error nothing is committed and a
    :class:`MigrationError` is raised.
    """
    applied: list[str] = []

    def on_version_apply(*, step: MigrationInfo, **_: object) -> None:
        revision = step.up_revision_id
        assert revision is not None  # only upgrades are run
        applied.append(revision)
        if after_step is not None:
            after_step(revision)

    from alembic import command

    config = _config()
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                config.attributes["on_version_apply"] = on_version_apply
                command.upgrade(config, target)
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise MigrationError(
                        path, f"the upgrade would leave {len(problems)} broken references"
                    )
        except MigrationError:
            raise
        except Exception as error:
            reason = _reason(error, path)
            raise MigrationError(path, f"Upgrading {path} failed: {reason}") from error
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    return applied


def _reason(error: Exception, path: Path) -> str:
    """Why an upgrade failed, in words: never the driver's text with its SQL and URL."""
    from sqlalchemy.exc import DBAPIError

    from colearn_desktop.core.errors import DiskFullError, LockedError, ReadOnlyError
    from colearn_desktop.core.storage.db import translate

    translated = translate(error, path)
    if isinstance(translated, DiskFullError):
        return "the disk is full (free some space, then start CoLearn again)"
    if isinstance(translated, ReadOnlyError):
        return "the journal is read-only (check the file's permissions)"
    if isinstance(translated, LockedError):
        return "another program keeps the journal locked (close it, then try again)"
    original = error.orig if isinstance(error, DBAPIError) else error
    return str(original).rstrip(".")
