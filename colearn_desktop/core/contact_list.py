"""The contacts list: one aggregate SQL query into plain rows, sorted and filtered in SQL.

A journal grows for years; the list must stay instant at 100,000 contacts.  So there is no
per-row query and no sorting in Python: name, company, stage, last contact, next due, favour
balance and tags all come from a single SELECT whose ORDER BY and WHERE do the work, and the
rows come back as tuples straight from the driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from .cadence import (
    CADENCE_STATE_JOIN,
    effective_cadence_sql,
    keep_in_touch_due_sql,
    stage_cadence_params,
)
from .context import ServiceContext
from .enums import Stage
from .settings import SettingsService
from .text import fold


class ContactSort(StrEnum):
    NAME = "name"
    COMPANY = "company"
    STAGE = "stage"
    LAST_CONTACT = "last_contact"
    NEXT_DUE = "next_due"
    BALANCE = "balance"
    TAGS = "tags"


class Scope(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    ALL = "all"


@dataclass(frozen=True)
class ContactQuery:
    text: str = ""
    stage: Stage | None = None
    tag: str | None = None
    scope: Scope = Scope.ACTIVE
    sort: ContactSort = ContactSort.NAME
    descending: bool = False
    limit: int | None = None


class ContactRow(NamedTuple):
    id: int
    display_name: str
    company: str
    stage: Stage
    last_contact_at: datetime | None
    next_due: date | None
    i_owe: int
    they_owe: int
    tags: str
    archived: bool
    # Keep in touch every N days, after contact/tag/stage defaults (None: no cadence).
    cadence: int | None = None

    @property
    def balance(self) -> int:
        """Positive when I owe them more favours than they owe me."""
        return self.i_owe - self.they_owe


_STAGE_ORDER = (
    "CASE c.stage " + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(Stage)) + " END"
)

_SORT_KEYS: dict[ContactSort, tuple[str, ...]] = {
    ContactSort.NAME: ("c.sort_name",),
    ContactSort.COMPANY: ("c.company = ''", "c.company COLLATE NOCASE", "c.sort_name"),
    ContactSort.STAGE: (_STAGE_ORDER, "c.sort_name"),
    ContactSort.LAST_CONTACT: ("c.last_contact_at IS NULL", "c.last_contact_at", "c.sort_name"),
    ContactSort.NEXT_DUE: ("next_due IS NULL", "next_due", "c.sort_name"),
    # Spelled out: inside an expression SQLite resolves "i_owe" to the joined column (NULL
    # for people without favours), not to the output alias.
    ContactSort.BALANCE: ("COALESCE(fb.i_owe, 0) - COALESCE(fb.they_owe, 0)", "c.sort_name"),
    ContactSort.TAGS: ("tg.tags IS NULL", "tg.tags COLLATE NOCASE", "c.sort_name"),
}

_SELECT = f"""
SELECT c.id, c.display_name, c.company, c.stage, c.last_contact_at,
       {keep_in_touch_due_sql(state="ks")} AS next_due,
       COALESCE(fb.i_owe, 0) AS i_owe, COALESCE(fb.they_owe, 0) AS they_owe,
       COALESCE(tg.tags, '') AS tags, c.archived_at IS NOT NULL,
       {effective_cadence_sql()} AS cadence
FROM contact c
LEFT JOIN (
    SELECT contact_id, sum(direction = 'i_owe') AS i_owe, sum(direction = 'they_owe') AS they_owe
    FROM favour
    WHERE status IN ('open', 'partly_done') AND deleted_at IS NULL
    GROUP BY contact_id
) fb ON fb.contact_id = c.id
LEFT JOIN (
    SELECT ct.contact_id, group_concat(t.name, ', ') AS tags, min(t.cadence_days) AS tag_cadence
    FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
    GROUP BY ct.contact_id
) tg ON tg.contact_id = c.id
{CADENCE_STATE_JOIN}
"""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(query: ContactQuery, params: dict[str, object]) -> str:
    clauses = []
    if query.scope is Scope.ACTIVE:
        clauses.append("c.archived_at IS NULL")
    elif query.scope is Scope.ARCHIVED:
        clauses.append("c.archived_at IS NOT NULL")
    if query.stage is not None:
        clauses.append("c.stage = :stage")
        params["stage"] = Stage(query.stage).value
    if query.tag:
        clauses.append(
            "EXISTS (SELECT 1 FROM contact_tag ft JOIN tag t ON t.id = ft.tag_id "
            "WHERE ft.contact_id = c.id AND t.name_key = :tag)"
        )
        params["tag"] = fold(query.tag)
    text = query.text.strip()
    if text:
        params["folded"] = _like(fold(text))
        params["raw"] = _like(text.casefold())
        clauses.append(
            "(c.sort_name LIKE :folded ESCAPE '\\' OR c.company LIKE :raw ESCAPE '\\'"
            " OR tg.tags LIKE :raw ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM contact_email e WHERE e.contact_id = c.id"
            " AND e.address_key LIKE :raw ESCAPE '\\'))"
        )
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _order(query: ContactQuery) -> str:
    direction = " DESC" if query.descending else ""
    keys = _SORT_KEYS[query.sort]
    parts = []
    for key in keys:
        # "IS NULL"/"= ''" keys keep empty values last in both directions.
        is_placement = key.endswith(" IS NULL") or key.endswith(" = ''")
        parts.append(key if is_placement else key + direction)
    parts.append("c.id" + direction)
    return "ORDER BY " + ", ".join(parts)


def _row(raw: tuple) -> ContactRow:  # type: ignore[type-arg]
    last = raw[4]
    due = raw[5]
    return ContactRow(
        raw[0],
        raw[1],
        raw[2],
        Stage(raw[3]),
        datetime.fromisoformat(last) if last else None,
        date.fromisoformat(due) if due else None,
        raw[6],
        raw[7],
        raw[8],
        bool(raw[9]),
        raw[10],
    )


class ContactListService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService):
        self._ctx = ctx
        self._settings = settings

    def rows(self, query: ContactQuery = ContactQuery()) -> list[ContactRow]:
        params: dict[str, object] = stage_cadence_params(self._settings.get())
        sql = f"{_SELECT} {_where(query, params)} {_order(query)}"
        if query.limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = query.limit
        with self._ctx.db.read_raw() as connection:
            return [_row(raw) for raw in connection.execute(sql, params)]

    def row(self, contact_id: int) -> ContactRow | None:
        """The list row of one contact (archived or not): next due, balance, cadence."""
        params: dict[str, object] = stage_cadence_params(self._settings.get())
        params["id"] = contact_id
        sql = f"{_SELECT} WHERE c.id = :id"
        with self._ctx.db.read_raw() as connection:
            found = connection.execute(sql, params).fetchone()
        return _row(found) if found else None

    def count(self, query: ContactQuery = ContactQuery()) -> int:
        params: dict[str, object] = stage_cadence_params(self._settings.get())
        sql = f"SELECT count(*) FROM ({_SELECT} {_where(query, params)})"
        with self._ctx.db.read_raw() as connection:
            return connection.execute(sql, params).fetchone()[0]
