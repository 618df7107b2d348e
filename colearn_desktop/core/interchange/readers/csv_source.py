"""Reading a CSV file as a stream of rows, with the checks a damaged file needs.

The delimiter (comma, semicolon or tab) is the one that splits the first rows into the same,
largest number of columns.  The header is the first row a known program wrote (LinkedIn puts
a "Notes:" preamble before it), else the first row as wide as the rows below it.

Rows are numbered as a spreadsheet numbers them (the first line of the file is row 1, a cell
with line breaks inside stays one row), so a message can be checked in Excel.  Structural
damage stops the import with the row it was found in: a quote that never closes.  A stray
control character (a NUL) is not damage: the row's record strips it with a warning.  A row
with more filled cells than the header has columns is an error on that row.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from colearn_desktop.core.interchange.csv_profiles import Profile, recognise
from colearn_desktop.core.interchange.encoding import Encoding, decode_error_message, open_text
from colearn_desktop.core.interchange.record import ImportFileError

DELIMITERS = (",", ";", "\t")
SNIFF_CHARS = 64 * 1024
SNIFF_ROWS = 30
MAX_CELL = 16 * 1024 * 1024  # long notes are fine; a 16 MB cell is not a contact

Progress = Callable[[int], None]


@dataclass(frozen=True)
class CsvLayout:
    delimiter: str
    header_row: int  # 1-based row number of the header
    header: tuple[str, ...]
    profile: Profile | None  # None: no program recognised, the user maps the columns


def _rows(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for row in itertools.islice(reader, SNIFF_ROWS):
            rows.append(row)
    except csv.Error:
        pass
    return rows


def _score(rows: list[list[str]]) -> tuple[int, int]:
    widths = [len(r) for r in rows if r]
    if not widths:
        return (0, 0)
    common = max(set(widths), key=lambda w: (widths.count(w), w))
    return (widths.count(common) if common > 1 else 0, common)


def sniff_layout(path: Path, encoding: Encoding) -> CsvLayout:
    text, _ = open_text(path, encoding)
    with text:
        try:
            sample = text.read(SNIFF_CHARS)
        except UnicodeDecodeError as error:
            raise ImportFileError(decode_error_message(path, encoding, error)) from error
    if len(sample) == SNIFF_CHARS:
        sample = sample[: sample.rfind("\n") + 1] or sample
    candidates = {d: _rows(sample, d) for d in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: _score(candidates[d]))
    rows = candidates[delimiter]
    if _score(rows)[1] < 2:
        raise ImportFileError(
            f"{path.name} does not look like a contacts file: its rows are not split into "
            "columns by commas, semicolons or tabs."
        )
    for number, row in enumerate(rows, start=1):
        profile = recognise(row)
        if profile is not None:
            return CsvLayout(delimiter, number, tuple(row), profile)
    width = _score(rows)[1]
    number, row = next((n, r) for n, r in enumerate(rows, start=1) if len(r) == width)
    return CsvLayout(delimiter, number, tuple(row), None)


def read_rows(
    path: Path, encoding: Encoding, layout: CsvLayout, progress: Progress | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` for every row after the header; blank rows are skipped.
    Cells are padded to the header's width; surplus *empty* cells are dropped."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    width = len(layout.header)
    text, counter = open_text(path, encoding)
    with text:
        reader = csv.reader(text, delimiter=layout.delimiter, strict=True)
        number = 0
        try:
            for number, row in enumerate(reader, start=1):
                if number <= layout.header_row:
                    continue
                if progress is not None and number % 500 == 0:
                    progress(counter.position)
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > width and not any(c.strip() for c in row[width:]):
                    yield number, row[:width]
                else:
                    yield number, row + [""] * (width - len(row))
        except csv.Error as error:
            raise ImportFileError(_csv_message(path, number + 1, error), number + 1) from error
        except UnicodeDecodeError as error:
            raise ImportFileError(decode_error_message(path, encoding, error)) from error
        if progress is not None:
            progress(counter.position)


def _csv_message(path: Path, number: int, error: csv.Error) -> str:
    reason = str(error)
    if "unexpected end of data" in reason or "EOF" in reason:
        return (
            f"{path.name} has a quoted value that is never closed (unbalanced quotes), "
            f"starting at row {number} or just before. Nothing was imported."
        )
    if "expected after" in reason:
        return (
            f"Row {number} of {path.name} has a stray quote after a quoted value "
            f"({reason}). Nothing was imported."
        )
    if "field larger than field limit" in reason:
        return f"Row {number} of {path.name} has a cell larger than 16 MB. Nothing was imported."
    return f"Row {number} of {path.name} cannot be read as CSV: {reason}. Nothing was imported."
