"""What a file is: its format, encoding, CSV layout and column targets, and a preview.

Detection looks at the content, not the file name: ``BEGIN:VCARD`` near the start (after a
stray preamble line if need be) is vCard, a JSON object marked ``colearn-journal`` is our
journal export, anything split into columns is CSV, whose header then says which program
wrote it.  Files that are plainly something else (a calendar, a spreadsheet, an image, JSON
from another program) are refused with a message that says what they seem to be.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from colearn_desktop.core.interchange.builder import Field, Target
from colearn_desktop.core.interchange.csv_profiles import (
    GENERIC,
    PROFILES,
    Profile,
    guess_targets,
    parse_mapping,
)
from colearn_desktop.core.interchange.encoding import Encoding, detect_encoding, open_text
from colearn_desktop.core.interchange.readers.csv_source import CsvLayout, read_rows, sniff_layout
from colearn_desktop.core.interchange.record import ImportFileError

JSON_MARK = "colearn-journal"
_HEAD_CHARS = 16 * 1024


class ImportFormat(StrEnum):
    AUTO = "auto"
    CSV = "csv"
    GOOGLE_CSV = "google-csv"
    OUTLOOK_CSV = "outlook-csv"
    THUNDERBIRD_CSV = "thunderbird-csv"
    LINKEDIN_CSV = "linkedin-csv"
    GENERIC_CSV = "generic-csv"
    VCARD = "vcard"
    JSON = "json"

    @property
    def is_csv(self) -> bool:
        return self.value.endswith("csv")


NAMING_FIELDS = {Field.NAME, Field.GIVEN, Field.FAMILY, Field.EMAIL, Field.COMPANY, Field.PHONE}


@dataclass(frozen=True)
class Source:
    path: Path
    format: ImportFormat
    title: str
    encoding: Encoding
    size: int
    mtime_ns: int
    layout: CsvLayout | None = None
    targets: tuple[Target, ...] = ()
    strict: bool = False
    # The column guess was made by us, not by a known program: the user should look at it.
    needs_mapping: bool = False
    header: tuple[str, ...] = field(default=())

    def with_targets(self, targets: list[Target]) -> Source:
        return Source(
            self.path, ImportFormat.GENERIC_CSV, GENERIC.title, self.encoding, self.size,
            self.mtime_ns, self.layout, tuple(targets), False, False, self.header,
        )  # fmt: skip

    def unchanged(self) -> bool:
        stat = self.path.stat()
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns


def _head(path: Path, encoding: Encoding) -> str:
    text, _ = open_text(path, encoding)
    with text:
        try:
            return text.read(_HEAD_CHARS)
        except UnicodeDecodeError:
            return ""


def _sniff_format(path: Path, head: str) -> ImportFormat:
    start = head.lstrip()
    if re.search(r"^\s*BEGIN:VCARD\s*$", head[:4096], re.MULTILINE | re.IGNORECASE):
        return ImportFormat.VCARD
    if start[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise ImportFileError(
            f"{path.name} is a calendar (iCalendar), not contacts; there is nothing to import."
        )
    if start.startswith(("{", "[")):
        if JSON_MARK in head[:2048]:
            return ImportFormat.JSON
        raise ImportFileError(
            f"{path.name} is JSON, but not a CoLearn journal export; it cannot be imported. "
            "Export contacts from the other program as CSV or vCard instead."
        )
    if start.startswith(("PK\x03\x04", "<?xml", "<html", "<!DOCTYPE")):
        raise ImportFileError(
            f"{path.name} is not a contacts file (it looks like a spreadsheet, XML or HTML). "
            "Save contacts as CSV or vCard and import that."
        )
    return ImportFormat.CSV


def inspect_file(
    path: Path,
    fmt: ImportFormat = ImportFormat.AUTO,
    mapping: str | None = None,
    *,
    allow_unmapped: bool = False,
) -> Source:
    """Detect what ``path`` holds.  Raises :class:`ImportFileError` with a clear message.
    ``allow_unmapped``: a CSV whose columns we cannot guess is returned (for the column
    mapping screen) instead of refused."""
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    stat = path.stat()
    if stat.st_size == 0:
        raise ImportFileError(f"{path.name} is empty; there is nothing to import.")
    encoding = detect_encoding(path)
    head = _head(path, encoding)
    kind = _sniff_format(path, head) if fmt is ImportFormat.AUTO else fmt
    size, modified = stat.st_size, stat.st_mtime_ns
    if kind is ImportFormat.VCARD:
        return Source(path, kind, "vCard", encoding, size, modified)
    if kind is ImportFormat.JSON:
        return Source(path, kind, "CoLearn journal (JSON)", encoding, size, modified)
    layout = sniff_layout(path, encoding)
    header = list(layout.header)
    if mapping:
        try:
            targets = parse_mapping(mapping, header)
        except ValueError as error:
            raise ImportFileError(f"--map: {error}") from error
        return Source(
            path, ImportFormat.GENERIC_CSV, GENERIC.title, encoding, stat.st_size,
            stat.st_mtime_ns, layout, tuple(targets), header=tuple(header),
        )  # fmt: skip
    profile: Profile | None = layout.profile if kind is ImportFormat.CSV else PROFILES[kind.value]
    if kind is ImportFormat.CSV and profile is None:
        profile = GENERIC
    assert profile is not None
    targets = profile.targets(header) if profile is not GENERIC else guess_targets(header)
    if not any(t.field in NAMING_FIELDS for t in targets) and not allow_unmapped:
        shown = ", ".join(header[:8]) + (" ..." if len(header) > 8 else "")
        raise ImportFileError(
            f"{path.name} does not look like a contacts file: its first row ({shown}) names no "
            "column for a name, e-mail or phone. If it does hold contacts, say which column "
            "holds what (--map COLUMN=FIELD,... on the command line, or the column-mapping "
            "step of the import window)."
        )
    return Source(
        path, ImportFormat(profile.key), profile.title, encoding, stat.st_size,
        stat.st_mtime_ns, layout, tuple(targets), profile.strict, profile is GENERIC,
        tuple(header),
    )  # fmt: skip


def preview_rows(source: Source, count: int = 8) -> list[list[str]]:
    """The first rows after the header, decoded, for the preview table (CSV only)."""
    if source.layout is None:
        return []
    rows = read_rows(source.path, source.encoding, source.layout)
    try:
        return [row for _, row in itertools.islice(rows, count)]
    except ImportFileError:
        return []


def preview_text(source: Source, lines: int = 20) -> str:
    """The first lines of the file, decoded, so the user can see the encoding is right."""
    text = _head(source.path, source.encoding)
    return "\n".join(text.splitlines()[:lines])
