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
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from colearn_desktop.core.interchange.csv_profiles import (
    GENERIC,
    PROFILES,
    Profile,
    guess_targets,
    parse_mapping,
)
from colearn_desktop.core.interchange.encoding import (
    Encoding,
    chosen_encoding,
    detect_encoding,
    open_text,
)
from colearn_desktop.core.interchange.readers.csv_source import CsvLayout, read_rows, sniff_layout
from colearn_desktop.core.interchange.readers.date_order import DatesFound, find_date_order
from colearn_desktop.core.interchange.readers.vcard_reader import quoted_printable_encoding
from colearn_desktop.core.interchange.record import ImportFileError
from colearn_desktop.core.interchange.targets import Field, Target
from colearn_desktop.core.interchange.values import DateOrder

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
    # Day or month first (CSV): what the file's dates and language say, or the user chose.
    dates: DatesFound = field(default=DatesFound())

    def with_targets(self, targets: list[Target]) -> Source:
        mapped = Source(
            self.path, ImportFormat.GENERIC_CSV, GENERIC.title, self.encoding, self.size,
            self.mtime_ns, self.layout, tuple(targets), False, False, self.header,
        )  # fmt: skip
        order = self.dates.order if self.dates.chosen else None
        return mapped.with_date_order(order) if order is not None else with_dates(mapped)

    def with_date_order(self, order: DateOrder) -> Source:
        """The user's answer to "day or month first?"."""
        return replace(self, dates=DatesFound(order, self.dates.ambiguous, chosen=True))

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


# What a person calls each kind of file, for "x.csv looks like a CSV file, not a vCard".
_KIND_NAMES = {
    ImportFormat.CSV: "a CSV file",
    ImportFormat.VCARD: "a vCard file",
    ImportFormat.JSON: "a CoLearn journal export (JSON)",
}


def _kind(fmt: ImportFormat) -> ImportFormat:
    return ImportFormat.CSV if fmt.is_csv else fmt


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
    dates: DateOrder | None = None,
    encoding_name: str | None = None,
) -> Source:
    """Detect what ``path`` holds.  Raises :class:`ImportFileError` with a clear message.
    ``allow_unmapped``: a CSV whose columns we cannot guess is returned (for the column
    mapping screen) instead of refused.  ``dates``: the user's day-or-month-first, which
    wins over what the file says.  ``encoding_name``: the encoding the user picked instead
    of the detected one."""
    source = _inspect(path, fmt, mapping, allow_unmapped, encoding_name)
    return source.with_date_order(dates) if dates is not None else with_dates(source)


def with_dates(source: Source) -> Source:
    """``source`` with its CSV dates' order found (see ``date_order.py``)."""
    if source.layout is None:
        return source
    found = find_date_order(
        source.path, source.encoding, source.layout, source.targets,
        outlook=source.format is ImportFormat.OUTLOOK_CSV,
    )  # fmt: skip
    return replace(source, dates=found)


def _inspect(
    path: Path,
    fmt: ImportFormat,
    mapping: str | None,
    allow_unmapped: bool,
    encoding_name: str | None,
) -> Source:
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    stat = path.stat()
    if stat.st_size == 0:
        raise ImportFileError(f"{path.name} is empty; there is nothing to import.")
    if encoding_name:
        try:
            encoding = chosen_encoding(path, encoding_name)
        except ValueError as error:
            raise ImportFileError(str(error)) from error
    else:
        encoding = detect_encoding(path)
    found = _sniff_format(path, _head(path, encoding))
    if fmt is not ImportFormat.AUTO and _kind(fmt) is not found:
        raise ImportFileError(
            f"{path.name} looks like {_KIND_NAMES[found]}, not {_KIND_NAMES[_kind(fmt)]}; "
            "nothing was imported. Import it with the format detected (--format auto, or "
            '"detect" in the import window) or with the format it really is.'
        )
    kind = found if fmt is ImportFormat.AUTO else fmt
    size, modified = stat.st_size, stat.st_mtime_ns
    if kind is ImportFormat.VCARD:
        encoding = quoted_printable_encoding(path, encoding)
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
