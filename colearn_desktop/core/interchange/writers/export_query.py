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
from typing import Any

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, TEXT_FIELDS, Labelled, children
from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import UNWANTED, fold, without_unwanted

UNIT = "\x1f"  # between items of a group_concat
PAIR = "\x1e"  # between a value and its label


@dataclass(frozen=True)
class ContactSelection:
    """All active contacts (the default), those of one tag, or exactly the rows of a filtered
    list (``query``, as the contacts screen has it, in its order)."""

    tag: str | None = None
    query: ContactQuery | None = None
    include_archived: bool = False


class ExportRow:
    """One contact as every exporter reads it: ``row.<name>`` for each text field of the
    contact field list and the values annotated below, ``row.labelled(name)`` for each
    labelled list (``emails``, ``phones``, ``links``)."""

    __slots__ = ("_values",)

    id: int
    uid: str  # the stable id: vCard UID, our CSV's "CoLearn ID"
    display_name: str
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    stage: str
    cadence_days: int | None
    referred_by: str | None
    referred_by_uid: str | None  # the referrer's stable id: the name alone may be two people
    updated_at: str  # when the contact last changed (UTC): vCard REV
    last_contact_at: str | None
    next_due: str | None
    added_on: str  # the local day the contact was added (created_at is UTC)
    archived_at: str | None
    photo_mime: str | None
    photo: bytes | None

    def __init__(self, values: dict[str, Any]):
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def labelled(self, name: str) -> list[Labelled]:
        return _pairs(self._values[_raw(name)])

    @property
    def emails(self) -> list[Labelled]:
        return self.labelled("emails")

    @property
    def phones(self) -> list[Labelled]:
        return self.labelled("phones")

    @property
    def tags(self) -> list[str]:
        raw = self._values["tags_raw"]
        return raw.split(", ") if raw else []


def _raw(name: str) -> str:
    return f"{name}_raw"


def _pairs(raw: str | None) -> list[Labelled]:
    if not raw:
        return []
    pairs = (item.split(PAIR, 1) for item in raw.split(UNIT))
    return [Labelled(without_unwanted(value), without_unwanted(label)) for value, label in pairs]


def _export_row(names: list[str], row: tuple[object, ...]) -> ExportRow:
    """A control character typed before the app refused them (a NUL in a name) never reaches
    a file: it would break the reader of the CSV, vCard or calendar, ours included.  (The
    labelled lists are cleaned value by value in :func:`_pairs`.)"""
    values = dict(zip(names, row, strict=True))
    for name, value in values.items():
        if isinstance(value, str) and name not in _LISTS and UNWANTED.search(value):
            values[name] = without_unwanted(value)
    return ExportRow(values)


_LISTS = {_raw(f.name) for f in LABELLED_FIELDS}


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


def _columns(with_photo: bool) -> list[tuple[str, str]]:
    """(name, SQL) of every value of an :class:`ExportRow`."""
    lists = [
        (_raw(f.name), _children(children(f).table, children(f).value_column))
        for f in LABELLED_FIELDS
    ]
    photo = (
        [("photo_mime", "ph.mime_type"), ("photo", "ph.data")]
        if with_photo
        else [("photo_mime", "NULL"), ("photo", "NULL")]
    )
    # Tags and the keep-in-touch date are cached on the contact (see contact_cache).
    return [
        ("id", "c.id"),
        ("uid", "c.uid"),
        *((f.name, f"c.{f.column}") for f in TEXT_FIELDS),
        ("display_name", "c.display_name"),
        ("birthday_year", "c.birthday_year"),
        ("birthday_month", "c.birthday_month"),
        ("birthday_day", "c.birthday_day"),
        ("stage", "c.stage"),
        ("cadence_days", "c.cadence_days"),
        ("referred_by", "r.display_name"),
        ("referred_by_uid", "r.uid"),
        ("updated_at", "c.updated_at"),
        ("last_contact_at", "c.last_contact_at"),
        ("next_due", "c.keep_in_touch_on"),
        ("added_on", "COALESCE(c.added_on, substr(c.created_at, 1, 10))"),
        ("archived_at", "c.archived_at"),
        *lists,
        ("tags_raw", "NULLIF(c.tags_text, '')"),
        *photo,
    ]


def _sql(columns: list[tuple[str, str]], with_photo: bool) -> str:
    photo_join = "LEFT JOIN contact_photo ph ON ph.contact_id = c.id" if with_photo else ""
    return f"""
    SELECT {", ".join(sql for _, sql in columns)}
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
    columns = _columns(with_photo)
    names = [name for name, _ in columns]
    sql = _sql(columns, with_photo) + selection_sql(selection, ids, params)
    for row in connection.execute(sql, params):
        yield _export_row(names, row)


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


def most_labelled(connection: sqlite3.Connection) -> dict[str, int]:
    """The most values any contact has in each labelled list (Google's numbered columns)."""
    return {f.name: max_children(connection, children(f).table) for f in LABELLED_FIELDS}


def max_children(connection: sqlite3.Connection, table: str) -> int:
    found = connection.execute(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM {table} GROUP BY contact_id)"
    ).fetchone()[0]
    return found or 0
