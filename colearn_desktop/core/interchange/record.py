"""What every reader produces: one contact-to-be per row or card, with its problems.

A reader never raises for a bad row: it hands back the record with an *error* problem (the
import will be refused, nothing written) or *warnings* (something was dropped or moved and the
report says so).  A file that cannot be read at all raises :class:`ImportFileError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.text import unwanted_in, without_unwanted, without_unwanted_fields


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
    # The contact's stable id as the file names it (our exports write it): matched first.
    uid: str = ""
    # The referrer's stable id, when the file names it (our exports do): resolved before the
    # name in ``referred_by``, which two people may share.
    referred_by_uid: str = ""
    problems: list[ImportProblem] = field(default_factory=list)
    # Nothing at all in the row (an empty line, an empty card): not a row of the counts.
    empty: bool = False
    # Why a row that holds something cannot become a contact (no name, e-mail, phone or
    # company): planned as skipped with this reason, so every row is counted.
    rejected: str = ""

    def warn(self, field_name: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, field_name, message, Severity.WARNING))

    def error(self, field_name: str, message: str) -> None:
        self.problems.append(ImportProblem(self.number, field_name, message, Severity.ERROR))

    def remove_unwanted_characters(self) -> None:
        """Strip control characters (see ``text.UNWANTED``) from every text of the contact,
        with a warning naming the field: the service would refuse them, and one stray NUL
        in a file of thousands must not stop the import nor travel on into our exports."""
        self.data = without_unwanted_fields(self.data, self._removed)
        found = unwanted_in(self.referred_by)
        if found:
            self._removed("referred_by", found)
            self.referred_by = without_unwanted(self.referred_by)

    def _removed(self, field_name: str, characters: list[str]) -> None:
        self.warn(
            field_name,
            f"had invisible control characters ({', '.join(characters)}); they were removed",
        )

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
