"""Our own CSV, written straight from SQL.

The common export (every contact, every field, to a spreadsheet or an accountant) is the one
that must be fast at 100,000 contacts.  So the query itself produces the finished cells —
several e-mails and phones joined with their labels, the birthday as text, the Excel-safety
apostrophe — and the csv module writes the cursor's rows as they are, with no Python work per
cell.  The rules are the same as csv_export's (a test compares the two on the same journal).
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
from collections.abc import Callable
from typing import IO

from colearn_desktop.core.contact_fields import FIELDS, ContactField, Kind
from colearn_desktop.core.interchange.csv_profiles import OURS_HEADER
from colearn_desktop.core.interchange.values import MULTI_SEP
from colearn_desktop.core.interchange.writers.export_query import ContactSelection, selection_sql
from colearn_desktop.core.text import UNWANTED, without_unwanted

CHUNK = 1000

# = + - @ tab CR LF as code points: a formula trigger, alone or after apostrophes (39),
# gets one more apostrophe (see values.neutralise).  unicode() reads only the first letter.
_TRIGGERS = "(61, 43, 45, 64, 9, 13, 10)"
_APOSTROPHE = "''''"  # the SQL literal of one apostrophe


def _safe(expression: str, excel_safe: bool) -> str:
    if not excel_safe:
        return expression
    first = f"unicode({expression})"
    after_apostrophes = f"unicode(ltrim({expression}, {_APOSTROPHE}))"
    return (
        f"CASE WHEN {first} IN {_TRIGGERS} OR ({first} = 39 AND {after_apostrophes} IN "
        f"{_TRIGGERS}) THEN {_APOSTROPHE} || {expression} ELSE {expression} END"
    )


def _labelled(table: str, value: str, excel_safe: bool) -> str:
    """The contact's values with their labels in one cell.  Made safe inside the subquery,
    so the subquery runs once per contact (a CASE around it would run it three times)."""
    item = f"CASE WHEN x.label <> '' THEN x.{value} || ' (' || x.label || ')' ELSE x.{value} END"
    joined = f"group_concat({item}, '{MULTI_SEP}')"
    return (
        f"COALESCE((SELECT {_safe(joined, excel_safe)} FROM {table} x "
        f"WHERE x.contact_id = c.id), '')"
    )


_BIRTHDAY = """CASE WHEN c.birthday_month IS NULL THEN ''
    WHEN c.birthday_year IS NULL THEN printf('--%02d-%02d', c.birthday_month, c.birthday_day)
    ELSE printf('%04d-%02d-%02d', c.birthday_year, c.birthday_month, c.birthday_day) END"""

_REFERRER = "COALESCE(r.display_name, '')"
_BESPOKE = {
    Kind.BIRTHDAY: _BIRTHDAY,
    Kind.STAGE: "c.stage",
    Kind.TAGS: "c.tags_text",
    Kind.REFERRER: _REFERRER,
}
# The cells of OURS_HEADER after the fields: what the journal computes.
_COMPUTED = (
    "COALESCE(substr(c.last_contact_at, 1, 16), '')",
    "COALESCE(c.keep_in_touch_on, '')",
    "COALESCE(c.added_on, substr(c.created_at, 1, 10))",
    "COALESCE(substr(c.archived_at, 1, 10), '')",
)


def _field_cell(field: ContactField, excel_safe: bool) -> str:
    if field.kind is Kind.CADENCE:
        return "COALESCE(c.cadence_days, '')"  # a number, never neutralised
    if field.children is not None:
        return _labelled(field.children.table, field.children.value_column, excel_safe)
    return _safe(_BESPOKE.get(field.kind) or f"c.{field.column}", excel_safe)


def ours_sql(excel_safe: bool) -> str:
    """The cells of OURS_HEADER, in its order: the fields, with the display name after the
    names, then the computed values."""
    cells = []
    for field in FIELDS:
        cells.append(_field_cell(field, excel_safe))
        if field.name == "name":
            cells.append(_safe("c.display_name", excel_safe))
    cells.extend(_safe(cell, excel_safe) for cell in _COMPUTED)
    cells.append("c.uid")  # UID_COLUMN: a UUID, never a formula
    cells.append("COALESCE(r.uid, '')")  # REFERRER_UID_COLUMN
    assert len(cells) == len(OURS_HEADER)
    return (
        "SELECT " + ", ".join(cells) + " FROM contact c "
        "LEFT JOIN contact r ON r.id = c.referred_by_id"
    )


def _without_unwanted(chunk: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Control characters typed before the app refused them (a NUL in a name) are dropped:
    raw, they make the file unreadable, to our own importer too.  One search over the whole
    chunk keeps the usual case (none) nearly free."""
    cells = list(itertools.chain.from_iterable(chunk))
    if not UNWANTED.search("\n".join(c for c in cells if isinstance(c, str))):
        return chunk
    return [tuple(without_unwanted(c) if isinstance(c, str) else c for c in row) for row in chunk]


def write_ours(
    handle: IO[str],
    connection: sqlite3.Connection,
    selection: ContactSelection,
    ids: list[int] | None,
    excel_safe: bool,
    tick: Callable[[int], None] | None = None,
) -> int:
    params: dict[str, object] = {}
    sql = ours_sql(excel_safe) + selection_sql(selection, ids, params)
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(OURS_HEADER)
    cursor = connection.execute(sql, params)
    written = 0
    while chunk := cursor.fetchmany(CHUNK):
        writer.writerows(_without_unwanted(chunk))
        written += len(chunk)
        if tick is not None:
            tick(written)
    return written
