"""Which contacts an export writes, as one streamed SQL query.

Everything a row needs (e-mails and phones with labels, in order; tags; who referred them;
the keep-in-touch due date) comes from pre-aggregated joins, so the cursor hands out complete
rows one at a time and nothing is held in memory but the row being written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..contact_list import ContactQuery
from ..records import Labelled
from ..settings import JournalSettings
from ..text import UNWANTED, fold, without_unwanted

UNIT = "\x1f"  # between items of a group_concat
PAIR = "\x1e"  # between a value and its label


@dataclass(frozen=True)
class ContactSelection:
    """All active contacts (the default), those of one tag, or exactly the rows of a filtered
    list (``query``, as the contacts screen has it, in its order)."""

    tag: str | None = None
    query: ContactQuery | None = None
    include_archived: bool = False


class ExportRow(NamedTuple):
    id: int
    given_name: str
    family_name: str
    name: str
    display_name: str
    company: str
    job_title: str
    address: str
    website: str
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    stage: str
    cadence_days: int | None
    how_met: str
    referred_by: str | None
    notes: str
    last_contact_at: str | None
    next_due: str | None
    added_on: str  # the local day the contact was added (created_at is UTC)
    archived_at: str | None
    emails_raw: str | None
    phones_raw: str | None
    tags_raw: str | None
    photo_mime: str | None
    photo: bytes | None

    @property
    def emails(self) -> list[Labelled]:
        return _pairs(self.emails_raw)

    @property
    def phones(self) -> list[Labelled]:
        return _pairs(self.phones_raw)

    @property
    def tags(self) -> list[str]:
        return self.tags_raw.split(", ") if self.tags_raw else []


def _pairs(raw: str | None) -> list[Labelled]:
    if not raw:
        return []
    pairs = (item.split(PAIR, 1) for item in raw.split(UNIT))
    return [Labelled(without_unwanted(value), without_unwanted(label)) for value, label in pairs]


_LISTS = {ExportRow._fields.index("emails_raw"), ExportRow._fields.index("phones_raw")}


def _export_row(row: tuple[Any, ...]) -> ExportRow:
    """A control character typed before the app refused them (a NUL in a name) never reaches
    a file: it would break the reader of the CSV, vCard or calendar, ours included."""
    if any(
        isinstance(value, str) and index not in _LISTS and UNWANTED.search(value)
        for index, value in enumerate(row)
    ):
        row = tuple(
            without_unwanted(value) if isinstance(value, str) and index not in _LISTS else value
            for index, value in enumerate(row)
        )
    return ExportRow(*row)


def _children(table: str, value: str) -> str:
    """The contact's values with their labels, in their order (the owner index is read in
    position order), as one string: a probe per contact instead of a pass over the table.
    The two separators are control characters no value may hold; one typed before they were
    refused is dropped here, so it cannot split a value in two."""
    value, label = _without_separators(f"x.{value}"), _without_separators("x.label")
    return (
        f"(SELECT group_concat({value} || char(30) || {label}, char(31)) FROM {table} x "
        f"WHERE x.contact_id = c.id)"
    )


def _without_separators(column: str) -> str:
    return f"replace(replace({column}, char(30), ''), char(31), '')"


def _sql(with_photo: bool) -> str:
    photo_columns = "ph.mime_type, ph.data" if with_photo else "NULL, NULL"
    photo_join = "LEFT JOIN contact_photo ph ON ph.contact_id = c.id" if with_photo else ""
    # Tags and the keep-in-touch date are cached on the contact (see contact_cache).
    return f"""
    SELECT c.id, c.given_name, c.family_name, c.name, c.display_name, c.company, c.job_title,
           c.address, c.website, c.birthday_year, c.birthday_month, c.birthday_day, c.stage,
           c.cadence_days, c.how_met, r.display_name, c.notes, c.last_contact_at,
           c.keep_in_touch_on, COALESCE(c.added_on, substr(c.created_at, 1, 10)), c.archived_at,
           {_children("contact_email", "address")}, {_children("contact_phone", "number")},
           NULLIF(c.tags_text, ''), {photo_columns}
    FROM contact c
    LEFT JOIN contact r ON r.id = c.referred_by_id
    {photo_join}
    """


def stream_contacts(
    connection: sqlite3.Connection,
    settings: JournalSettings,
    selection: ContactSelection,
    ids: list[int] | None = None,
    *,
    with_photo: bool = False,
) -> Iterator[ExportRow]:
    """Rows in name order (or the list's order when ``ids`` is given)."""
    params: dict[str, object] = {}
    sql = _sql(with_photo) + selection_sql(selection, ids, params)
    for row in connection.execute(sql, params):
        yield _export_row(row)


def selection_sql(
    selection: ContactSelection, ids: list[int] | None, params: dict[str, object]
) -> str:
    """The JOIN/WHERE/ORDER BY that picks and orders the exported contacts (alias ``c``)."""
    if ids is not None:
        params["ids"] = json.dumps(ids)
        return " JOIN json_each(:ids) sel ON sel.value = c.id ORDER BY sel.key"
    clauses = [] if selection.include_archived else ["c.archived_at IS NULL"]
    if selection.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM contact_tag ft JOIN tag t ON t.id = ft.tag_id "
            "WHERE ft.contact_id = c.id AND t.name_key = :tag)"
        )
        params["tag"] = fold(selection.tag)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return where + " ORDER BY c.sort_name, c.id"


def max_children(connection: sqlite3.Connection, table: str) -> int:
    found = connection.execute(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM {table} GROUP BY contact_id)"
    ).fetchone()[0]
    return found or 0
