"""What every reader produces: one contact-to-be per row or card, with its problems.

A reader never raises for a bad row: it hands back the record with an *error* problem (the
import will be refused, nothing written) or *warnings* (something was dropped or moved and the
report says so).  A file that cannot be read at all raises :class:`ImportFileError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

from ..errors import JournalError
from ..records import ContactInput, Labelled
from ..text import UNWANTED, describe_character, without_unwanted


class Severity(StrEnum):
    ERROR = "error"  # the import is refused until this is fixed
    WARNING = "warning"  # imported, but something was dropped or moved: the report says what


@dataclass(frozen=True)
class ImportProblem:
    """``number`` is the row (CSV, counting the header as row 1) or card (vCard) number;
    0 when the problem is about the whole file."""

    number: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"row {self.number}" if self.number else "file"
        what = f" {self.field}" if self.field else ""
        return f"{where}{what}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


@dataclass(frozen=True)
class Photo:
    mime_type: str
    data: bytes


@dataclass
class ImportRecord:
    """One contact as read from a file, before matching.  ``referred_by`` is a name to find
    (in the journal or elsewhere in the file) when the import is applied."""

    number: int
    data: ContactInput
    photo: Photo | None = None
    referred_by: str = ""
    problems: list[ImportProblem] = field(default_factory=list)
    # Nothing usable in the row (an empty line, a card with no name, e-mail or phone).
    empty: bool = False

    def warn(self, field_name: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, field_name, message, Severity.WARNING))

    def error(self, field_name: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, field_name, message, Severity.ERROR))

    def remove_unwanted_characters(self) -> None:
        """Strip control characters (see ``text.UNWANTED``) from every text of the contact,
        with a warning naming the field: the service would refuse them, and one stray NUL
        in a file of thousands must not stop the import nor travel on into our exports."""
        changes: dict[str, object] = {}
        for name in (f.name for f in fields(ContactInput)):
            value = getattr(self.data, name)
            if isinstance(value, str):
                kept = self._kept(name, value)
            elif name in {"emails", "phones"}:
                kept = tuple(
                    Labelled(self._kept(name, i.value), self._kept(name, i.label)) for i in value
                )
            elif name == "tags":
                kept = tuple(self._kept(name, tag) for tag in value)
            else:
                continue
            if kept != value:
                changes[name] = kept
        if changes:
            self.data = self.data.with_changes(**changes)
        self.referred_by = self._kept("referred_by", self.referred_by)

    def _kept(self, field_name: str, text: str) -> str:
        found = sorted({describe_character(c) for c in UNWANTED.findall(text)})
        if not found:
            return text
        self.warn(
            field_name,
            f"had invisible control characters ({', '.join(found)}); they were removed",
        )
        return without_unwanted(text)

    @property
    def has_error(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


class ImportFileError(JournalError):
    """The file cannot be imported at all (not contacts, unreadable, damaged).  The message
    says why in words a user can act on; ``number`` points at the row or card when known."""

    def __init__(self, message: str, number: int = 0):
        super().__init__(message)
        self.number = number


class ImportCancelledError(JournalError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")
