"""The errors the journal raises.

Callers (screens, commands) only ever need to tell three things apart: the user typed something
invalid (:class:`ValidationError`, fix the form), the storage failed in a known way
(:class:`StorageError`, tell the user what happened and keep their input), or the file cannot
be used at all (:class:`JournalFileError`).  Anything else is a bug.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


class JournalError(Exception):
    """Base of every error the core raises on purpose."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(JournalError):
    """Input was rejected; nothing was written.  Names every field at fault so a form can
    show each message next to its field."""

    def __init__(self, problems: list[FieldProblem] | tuple[FieldProblem, ...]):
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([FieldProblem(field, message)])

    @property
    def field(self) -> str:
        return self.problems[0].field

    @property
    def message(self) -> str:
        return self.problems[0].message

    def for_field(self, field: str) -> str | None:
        return next((p.message for p in self.problems if p.field == field), None)


class NotFoundError(JournalError):
    """The row asked for does not exist (or no longer exists)."""


class StorageError(JournalError):
    """The database could not do what was asked; the transaction was rolled back."""


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class LockedError(StorageError):
    """Another program holds the journal."""


class ConstraintError(StorageError):
    """SQLite refused a change that breaks one of the journal's rules (a CHECK, UNIQUE, NOT NULL
    or foreign key); nothing was written.  The services validate first, so this means another
    window changed the journal meanwhile, or a bug: the sentence says which and what to do.

    ``table`` and ``column`` name what is at fault when SQLite said ("" when it did not);
    ``rule`` is the constraint's name or SQLite's code name."""

    def __init__(self, message: str, *, rule: str, table: str = "", column: str = ""):
        self.rule = rule
        self.table = table
        self.column = column
        super().__init__(message)


class DuplicateError(ConstraintError):
    """A row with the same unique value already exists (a UNIQUE or PRIMARY KEY)."""


class MissingReferenceError(ConstraintError):
    """The change refers to a row that does not exist (any more): a FOREIGN KEY."""


class DisallowedValueError(ConstraintError):
    """A value the journal does not accept: a CHECK (the allowed values of a list), a NOT
    NULL, a type, or a rule a trigger enforces."""


class JournalFileError(JournalError):
    """The journal file cannot be opened as it is.  Carries the path for the message."""

    def __init__(self, path: Path, message: str):
        self.path = path
        super().__init__(message)


class NotAJournalError(JournalFileError):
    pass


class DamagedJournalError(JournalFileError):
    pass


class JournalTooNewError(JournalFileError):
    """Written by a newer CoLearn: refused, and the file is left exactly as it was."""

    def __init__(self, path: Path, revision: str):
        self.revision = revision
        super().__init__(
            path,
            f"{path} was written by a newer version of CoLearn (schema revision {revision!r}, "
            "which this version does not know). It has not been changed. "
            "Please install the newer version to open it.",
        )


class MigrationError(JournalFileError):
    """Upgrading the journal failed; the file is unchanged and a backup was kept."""


class JournalMissingError(JournalFileError):
    def __init__(self, path: Path):
        super().__init__(path, f"There is no journal at {path} yet.")


def sqlite_error_of(error: BaseException | None) -> sqlite3.Error | None:
    """The driver's error behind ``error``: SQLAlchemy wraps it (``.orig``), our own errors
    chain it (``raise ... from``).  ``None`` when there is none."""
    seen = 0
    while error is not None and seen < 6:
        if isinstance(error, sqlite3.Error):
            return error
        error = getattr(error, "orig", None) or error.__cause__
        seen += 1
    return None


def sqlite_code_of(error: BaseException | None) -> int | None:
    """SQLite's primary result code behind ``error`` (``sqlite3.SQLITE_BUSY``...): the low byte
    of the extended code the driver keeps.  Errors are sorted by it, never by the wording of the
    message, which changes between SQLite versions and translations.  ``None`` for an error
    SQLite did not raise (the driver's own, or none at all)."""
    code = getattr(sqlite_error_of(error), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None
