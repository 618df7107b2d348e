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
from typing import NamedTuple

from ..cadence import keep_in_touch_due_sql, stage_cadence_params
from ..contact_list import ContactQuery
from ..records import Labelled
from ..settings import JournalSettings
from ..text import fold

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
    created_at: str
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
        return sorted(self.tags_raw.split(UNIT), key=fold) if self.tags_raw else []


def _pairs(raw: str | None) -> list[Labelled]:
    if not raw:
        return []
    return [Labelled(*item.split(PAIR, 1)) for item in raw.split(UNIT)]


def _children(table: str, value: str) -> str:
    return f"""
    LEFT JOIN (
        SELECT contact_id, group_concat({value} || char(30) || label, char(31)) AS items
        FROM (SELECT contact_id, {value}, label FROM {table} ORDER BY contact_id, position)
        GROUP BY contact_id
    )"""


def _sql(with_photo: bool) -> str:
    photo_columns = "ph.mime_type, ph.data" if with_photo else "NULL, NULL"
    photo_join = "LEFT JOIN contact_photo ph ON ph.contact_id = c.id" if with_photo else ""
    return f"""
    SELECT c.id, c.given_name, c.family_name, c.name, c.display_name, c.company, c.job_title,
           c.address, c.website, c.birthday_year, c.birthday_month, c.birthday_day, c.stage,
           c.cadence_days, c.how_met, r.display_name, c.notes, c.last_contact_at,
           {keep_in_touch_due_sql()}, c.created_at, c.archived_at,
           em.items, tel.items, tg.tags, {photo_columns}
    FROM contact c
    LEFT JOIN contact r ON r.id = c.referred_by_id
    LEFT JOIN (
        SELECT ct.contact_id, group_concat(t.name, char(31)) AS tags,
               min(t.cadence_days) AS tag_cadence
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id GROUP BY ct.contact_id
    ) tg ON tg.contact_id = c.id
    {_children("contact_email", "address")} em ON em.contact_id = c.id
    {_children("contact_phone", "number")} tel ON tel.contact_id = c.id
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
    params: dict[str, object] = stage_cadence_params(settings)
    sql = _sql(with_photo)
    if ids is not None:
        sql += " JOIN json_each(:ids) sel ON sel.value = c.id ORDER BY sel.key"
        params["ids"] = json.dumps(ids)
    else:
        clauses = [] if selection.include_archived else ["c.archived_at IS NULL"]
        if selection.tag:
            clauses.append(
                "EXISTS (SELECT 1 FROM contact_tag ft JOIN tag t ON t.id = ft.tag_id "
                "WHERE ft.contact_id = c.id AND t.name_key = :tag)"
            )
            params["tag"] = fold(selection.tag)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY c.sort_name, c.id"
    for row in connection.execute(sql, params):
        yield ExportRow(*row)


def max_children(connection: sqlite3.Connection, table: str) -> int:
    found = connection.execute(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM {table} GROUP BY contact_id)"
    ).fetchone()[0]
    return found or 0
