"""CSV rows to import records, through the column targets of the file's profile (or the
user's mapping)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from .builder import Target, build_record
from .csv_source import CsvLayout, read_rows
from .encoding import Encoding
from .record import ImportRecord
from .values import unneutralise


def read_csv_records(
    path: Path,
    encoding: Encoding,
    layout: CsvLayout,
    targets: list[Target],
    today: date,
    *,
    strict: bool = False,
    noted: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ImportRecord]:
    width = len(layout.header)
    for number, row in read_rows(path, encoding, layout, progress):
        cells = [
            (target, unneutralise(value).replace("\r\n", "\n"))
            for target, value in zip(targets, row, strict=False)
        ]
        record = build_record(number, cells, today, strict=strict, noted=noted)
        if len(row) > width:
            record.error(
                "",
                f"this row has {len(row)} cells but the header has {width} columns "
                "(a missing quote or delimiter?)",
            )
            record.empty = False
        yield record
