"""CSV rows to import records, through the column targets of the file's profile (or the
user's mapping)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from colearn_desktop.core.interchange.builder import build_record
from colearn_desktop.core.interchange.encoding import Encoding
from colearn_desktop.core.interchange.readers.csv_source import CsvLayout, read_rows
from colearn_desktop.core.interchange.record import ImportRecord
from colearn_desktop.core.interchange.targets import Field, Target
from colearn_desktop.core.interchange.values import DateOrder, unneutralise


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
    filled: set[int] | None = None,
    order: DateOrder | None = None,
) -> Iterator[ImportRecord]:
    """``filled`` (when given) collects the columns mapped to no field that hold a value in
    some row: the plan names them, so nothing is dropped without a word.  ``order``: the
    file's day-or-month-first (``date_order.py``)."""
    width = len(layout.header)
    unmapped = [i for i, target in enumerate(targets) if target.field is Field.IGNORE]
    for number, row in read_rows(path, encoding, layout, progress):
        if filled is not None:
            filled.update(i for i in unmapped if i < len(row) and row[i].strip())
        cells = [
            (target, unneutralise(value).replace("\r\n", "\n"))
            for target, value in zip(targets, row, strict=False)
        ]
        record = build_record(number, cells, today, strict=strict, noted=noted, order=order)
        if len(row) > width:
            record.error(
                "",
                f"this row has {len(row)} cells but the header has {width} columns "
                "(a missing quote or delimiter?)",
            )
            record.empty = False
        yield record
