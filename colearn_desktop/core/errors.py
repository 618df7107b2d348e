"""The errors the journal raises.

Callers (screens, commands) only ever need to tell three things apart: the user typed something
invalid (:class:`ValidationError`, fix the form), the storage failed in a known way
(:class:`StorageError`, tell the user what happened and keep their input), or the file cannot
be used at all (:class:`JournalFileError`).  Anything else is a bug.
"""

from __future__ import annotations

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
