"""Day or month first: decided once for a whole CSV file, never guessed row by row.

``03/04/1980`` is the 3rd of April in Berlin and the 4th of March in Boston.  A file says which
it means when any of its dates has a first part over 12 (``28/12/1969``: day first) or a
second part over 12 (month first); else its header's language does (a German, French,
Spanish, Italian or Dutch Outlook writes day first, an English one month first).  When
neither tells and some date could be read both ways, the user is asked (``--dates dmy|mdy``
on the command line, a choice in the import window's preview): a birthday a month off is
worse than a question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from colearn_desktop.core.interchange.csv_profiles import day_first_header
from colearn_desktop.core.interchange.encoding import Encoding
from colearn_desktop.core.interchange.readers.csv_source import CsvLayout, read_rows
from colearn_desktop.core.interchange.targets import Field, Target
from colearn_desktop.core.interchange.values import (
    DateOrder,
    is_ambiguous_date,
    order_evidence,
    unneutralise,
)


@dataclass(frozen=True)
class DatesFound:
    """What a file's dates say: the order (``None`` when it cannot be told) and, when some
    date could be read both ways, one of them to show the user."""

    order: DateOrder | None = None
    ambiguous: str = ""  # "03/04/1980 (row 4)"
    chosen: bool = False  # the user said so (it outlives a new choice of columns)

    @property
    def must_ask(self) -> bool:
        return self.order is None and bool(self.ambiguous)


def find_date_order(
    path: Path,
    encoding: Encoding,
    layout: CsvLayout,
    targets: tuple[Target, ...],
    *,
    outlook: bool,
) -> DatesFound:
    """Read the file's date columns to the end (only they are looked at)."""
    columns = [i for i, target in enumerate(targets) if target.field is Field.BIRTHDAY]
    if not columns:
        return DatesFound()
    shown: dict[DateOrder, int] = {}
    ambiguous = ""
    for number, row in read_rows(path, encoding, layout):
        for index in columns:
            value = unneutralise(row[index]).strip() if index < len(row) else ""
            order = order_evidence(value)
            if order is not None:
                shown.setdefault(order, number)
            elif not ambiguous and is_ambiguous_date(value):
                ambiguous = f"{value} (row {number})"
        if len(shown) == 2:
            break
    if len(shown) == 1:
        return DatesFound(next(iter(shown)), ambiguous)
    if ambiguous and not shown:
        if day_first_header(list(layout.header)):
            return DatesFound(DateOrder.DMY, ambiguous)
        if outlook:
            return DatesFound(DateOrder.MDY, ambiguous)
    return DatesFound(None, ambiguous or _both(shown))


def _both(shown: dict[DateOrder, int]) -> str:
    """Dates of both orders in one file: nothing decides, the user must."""
    if len(shown) < 2:
        return ""
    return f"day first in row {shown[DateOrder.DMY]} and month first in row {shown[DateOrder.MDY]}"
