"""Checking a journal without changing a byte of it: ``colearn check`` and ``Journal.check``.

Why a module of its own: a check that writes is worse than none.  Opened the usual way the
journal is upgraded, switched to WAL and its change tag stamped, and FTS5 spells its integrity
check as an INSERT; so a read-only or locked journal was reported damaged, and a healthy one got
an unneeded backup at the next close.  Here the file is opened with a read-only SQLite URI, and
FTS5's check runs on a copy made with the backup API.

What is wrong is told apart, because the answer differs: *damaged* (restore a backup), *locked*
(close the other program), *unreadable* (permissions), *too new* (install the newer version).
Damage is only diagnosed from SQLite's result code (CORRUPT, NOTADB), a failed check or text
that cannot be decoded, never from a lock or a permission problem.  SQLite's integrity report
can run to hundreds of lines ("Page 17 is never used"): it is summarised in one sentence and
kept whole in a file.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from colearn_desktop.core.errors import (
    DamagedJournalError,
    JournalError,
    JournalFileError,
    JournalTooNewError,
    LockedError,
    NotAJournalError,
    sqlite_code_of,
)
from colearn_desktop.core.fulltext import search_index
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.storage.migrate import head_revision, inspect_file, read_only_uri
from colearn_desktop.core.text import counted

log = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 5.0
_PAGE = re.compile(r"\bpage (\d+)", re.IGNORECASE)
_STALE_LAST_CONTACT_SQL = """
SELECT count(*) FROM contact c
WHERE c.last_contact_at IS NOT (
    SELECT max(cv.happened_at)
    FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
    WHERE cc.contact_id = c.id AND cv.deleted_at IS NULL
)
"""


class Verdict(enum.Enum):
    HEALTHY = "healthy"
    PROBLEMS = "problems"  # readable, but inconsistent (``--rebuild-index`` and the like)
    DAMAGED = "damaged"
    LOCKED = "locked"
    UNREADABLE = "unreadable"  # permissions, a missing folder: left as it is
    TOO_NEW = "too_new"
    MISSING = "missing"


@dataclass(frozen=True)
class Report:
    verdict: Verdict
    message: str = ""  # one sentence for every verdict but HEALTHY and PROBLEMS
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # true and worth saying, but not a problem (read-only)


# What each of SQLite's primary result codes means for a journal that could not be read.
_VERDICT_BY_CODE = {
    sqlite3.SQLITE_BUSY: Verdict.LOCKED,
    sqlite3.SQLITE_LOCKED: Verdict.LOCKED,
    sqlite3.SQLITE_CORRUPT: Verdict.DAMAGED,
    sqlite3.SQLITE_NOTADB: Verdict.DAMAGED,
    # Permissions, a missing folder, a read-only or full or failing disk: left as it is.
    sqlite3.SQLITE_CANTOPEN: Verdict.UNREADABLE,
    sqlite3.SQLITE_PERM: Verdict.UNREADABLE,
    sqlite3.SQLITE_READONLY: Verdict.UNREADABLE,
    sqlite3.SQLITE_IOERR: Verdict.UNREADABLE,
    sqlite3.SQLITE_FULL: Verdict.UNREADABLE,
    sqlite3.SQLITE_AUTH: Verdict.UNREADABLE,
}


def verdict_of(error: BaseException) -> Verdict:
    """What an error met while reading a journal means (see the module doc).

    Sorted by SQLite's result code (:func:`sqlite_code_of`, also through SQLAlchemy's and our
    own wrapping), never by the words of a message: a lock must never be taken for damage,
    since damage moves the journal aside.  Without a code, the error's own class decides."""
    if isinstance(error, JournalTooNewError):
        return Verdict.TOO_NEW
    if isinstance(error, LockedError):
        return Verdict.LOCKED
    code = sqlite_code_of(error)
    if code in _VERDICT_BY_CODE:
        return _VERDICT_BY_CODE[code]
    if isinstance(error, NotAJournalError | DamagedJournalError | ValueError) or isinstance(
        error.__cause__, ValueError
    ):
        return Verdict.DAMAGED  # not a journal (any more), or bytes that are not text
    return Verdict.UNREADABLE


def integrity_lines(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    """SQLite's integrity (or quick) check, one line per finding; empty when healthy."""
    pragma = "integrity_check" if full else "quick_check"
    results = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    if results == ["ok"]:
        return []
    return [line for r in results for line in r.splitlines() if line and line[:3] != "***"]


def report_folder(journal_path: Path) -> Path:
    """Where full reports go: the data folder's ``logs`` (``DataPaths.logs``)."""
    return journal_path.parent / "logs"


def describe_damage(journal_path: Path, lines: list[str]) -> str:
    """One sentence for a failed integrity check; SQLite's whole report is kept in a file
    under :func:`report_folder` (and in the log), which the sentence names."""
    pages = {int(number) for line in lines for number in _PAGE.findall(line)}
    count, what = (len(pages), "page") if pages else (len(lines), "place")
    found = f"{count} damaged {what}{'' if count == 1 else 's'}"
    sentence = f"{journal_path} failed SQLite's integrity check: the file has {found}."
    log.info("integrity check of %s:\n%s", journal_path, "\n".join(lines))
    folder = report_folder(journal_path)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        report = folder / f"integrity-{datetime.now():%Y%m%d-%H%M%S}.txt"
        report.write_text("\n".join([sentence, "", *lines, ""]), encoding="utf-8")
    except OSError:
        return sentence
    return f"{sentence} SQLite's full report is in {report}."


@contextlib.contextmanager
def _copy_of(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A throw-away copy of the journal (SQLite's backup API), for checks that write."""
    with tempfile.TemporaryDirectory(prefix="colearn-check-") as folder:
        copy = sqlite3.connect(Path(folder) / "copy.sqlite3")
        try:
            connection.backup(copy)
            yield copy
        finally:
            copy.close()


def index_problems(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    """The search index's problems; FTS5's own check (an INSERT) only ever runs on a copy."""
    if not full:
        return search_index.problems(connection, full=False)
    with _copy_of(connection) as copy:
        return search_index.problems(copy, full=True)


def cache_problems(connection: sqlite3.Connection) -> list[str]:
    """What is wrong with the contacts list's cached values (see ``contact_cache``)."""
    problems = []
    missing = contact_cache.missing_triggers(connection)
    if missing:
        problems.append(f"list cache triggers are missing: {', '.join(missing)}")
    stale = contact_cache.stale_contacts(connection)
    if stale:
        shown = ", ".join(str(i) for i in stale[:5])
        problems.append(f"contacts with wrong cached list values (e.g. {shown})")
    return problems


def reference_problems(connection: sqlite3.Connection) -> list[str]:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return []
    if len(broken) == 1:
        return ["1 row points at a row that does not exist"]
    return [f"{len(broken):,} rows point at rows that do not exist"]


def consistency_problems(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    """Everything but SQLite's own check: references, revision, cached values, search
    index, stored values.  Reads only."""
    from colearn_desktop.core.storage.stored_values import bad_values

    problems = reference_problems(connection)
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != head_revision():
        found = revision[0] if revision else None
        problems.append(f"schema revision is {found!r}, this version expects {head_revision()!r}")
        return problems  # the other checks know only the current schema
    stale = connection.execute(_STALE_LAST_CONTACT_SQL).fetchone()[0]
    if stale:
        have = "has" if stale == 1 else "have"
        problems.append(f"{counted(stale, 'contact')} {have} a wrong cached last-contact date")
    problems.extend(index_problems(connection, full=full))
    problems.extend(cache_problems(connection))
    problems.extend(bad_values(connection))
    return problems


def journal_problems(connection: sqlite3.Connection, path: Path, *, full: bool) -> list[str]:
    """Everything wrong with the journal open on ``connection``, in words (empty: healthy).
    A failed integrity check is reported alone: the other checks mean nothing then."""
    lines = integrity_lines(connection, full=full)
    if lines:
        return [f"integrity: {describe_damage(path, lines)}"]
    return consistency_problems(connection, full=full)


def _read_only_note(path: Path) -> tuple[str, ...]:
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return ()
    return (
        f"{path} is read-only: CoLearn can show it but cannot save changes to it. Check the "
        "file's permissions, or whether its disk is mounted read-only.",
    )


def check_journal(path: Path, *, full: bool = True, wait: float | None = None) -> Report:
    """Check the journal at ``path`` without opening it for writing (see the module doc);
    ``wait``: seconds to wait for a lock held by another program (``LOCK_WAIT_SECONDS``)."""
    wait = wait or LOCK_WAIT_SECONDS
    try:
        state = inspect_file(path, wait=wait)
        if not state.is_known:
            raise JournalTooNewError(path, state.revision or "")
    except JournalFileError as error:
        return _failed(path, error)
    if not state.exists:
        return Report(Verdict.MISSING, message=f"There is no journal at {path}.")
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=wait)
        try:
            lines = integrity_lines(connection, full=full)
            if lines:
                return Report(Verdict.DAMAGED, message=describe_damage(path, lines))
            if state.is_current:
                problems = consistency_problems(connection, full=full)
            else:  # the other checks know only the current schema
                problems = reference_problems(connection)
        finally:
            connection.close()
    except (sqlite3.Error, ValueError) as error:
        return _failed(path, error)
    verdict = Verdict.PROBLEMS if problems else Verdict.HEALTHY
    notes = _read_only_note(path)
    if state.revision is None:
        notes += (f"{path} holds no journal yet; CoLearn makes one there when it opens it.",)
    elif not state.is_current:
        notes += (
            f"{path} was written by an older version of CoLearn; it is upgraded (after a "
            "backup) the next time CoLearn opens it.",
        )
    return Report(verdict, problems=tuple(problems), notes=notes)


def _failed(path: Path, error: BaseException) -> Report:
    verdict = verdict_of(error)
    if verdict is Verdict.LOCKED:
        message = (
            f"Another program keeps {path} locked, so it could not be checked. Close the other "
            "program (an SQLite browser, a sync tool, another CoLearn) and try again."
        )
    elif isinstance(error, JournalFileError):
        message = str(error)
    elif verdict is Verdict.DAMAGED:
        message = f"{path} is damaged: SQLite could not read it ({error})."
    else:
        message = f"{path} could not be read ({error}); it was left as it is."
    return Report(verdict, message=message)


def is_damage(error: JournalError) -> bool:
    """Whether an error met while opening the journal means its file is damaged."""
    return verdict_of(error) is Verdict.DAMAGED
