"""What every rule module shares: the window it looks at, item keys, and date parsing.

Each rule is one SQL query over the driver connection (plain tuples back, no per-row query).
A rule returns every item whose first day on Today (``shown_from``) is on or before
``window.until``; snoozes and "done" states are applied inside the query.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from ..errors import ValidationError
from .records import DueCount, DueKind

# Computed items keep their snooze/done state in ``due_item_state`` under these keys.
PREFIX = {
    DueKind.KEEP_IN_TOUCH: "cadence",
    DueKind.CHECK_IN: "checkin",
    DueKind.FOLLOW_UP: "followup",
    DueKind.FAVOUR: "favour",
    DueKind.BIRTHDAY: "birthday",
    DueKind.REMINDER: "reminder",
    DueKind.THANKS: "thanks",
}
_KIND_OF = {prefix: kind for kind, prefix in PREFIX.items()}
_PARTS = {
    DueKind.KEEP_IN_TOUCH: 1,  # contact
    DueKind.CHECK_IN: 2,  # purchase, offset in days
    DueKind.FOLLOW_UP: 1,  # conversation
    DueKind.FAVOUR: 1,  # favour
    DueKind.BIRTHDAY: 2,  # contact, year
    DueKind.REMINDER: 1,  # reminder
    DueKind.THANKS: 1,  # the referred contact
}


@dataclass(frozen=True)
class Window:
    today: date
    until: date
    # At most this many items per rule, the most overdue (None: all of them).
    limit: int | None = None
    # Only items about this contact (the contact page, the contacts list's "next due").
    contact_id: int | None = None
    # Only the item of this row (a purchase, conversation, favour ...): acting on one key.
    entity_id: int | None = None

    def params(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "until": self.until.isoformat(),
            "contact_id": self.contact_id,
            "entity_id": self.entity_id,
            "limit": -1 if self.limit is None else self.limit,
        }

    def where(self, contact_column: str | None, entity_column: str | None) -> str:
        """Extra ``AND`` clauses for the optional filters (bound parameters only)."""
        clauses = ""
        if self.contact_id is not None and contact_column:
            clauses += f" AND {contact_column} = :contact_id"
        if self.entity_id is not None and entity_column:
            clauses += f" AND {entity_column} = :entity_id"
        return clauses


def make_key(kind: DueKind, *parts: int) -> str:
    return ":".join([PREFIX[kind], *(str(p) for p in parts)])


def parse_key(key: str) -> tuple[DueKind, tuple[int, ...]]:
    """``"checkin:17:14"`` → ``(DueKind.CHECK_IN, (17, 14))``; a malformed key is refused."""
    prefix, _, rest = (key or "").partition(":")
    kind = _KIND_OF.get(prefix)
    try:
        parts = tuple(int(p) for p in rest.split(":")) if rest else ()
    except ValueError:
        parts = ()
    if kind is None or len(parts) != _PARTS[kind] or any(p < 0 for p in parts):
        raise ValidationError.single("key", f"{key!r} is not a due item key")
    return kind, parts


def to_date(text: str | None) -> date | None:
    """A stored date or timestamp (``YYYY-MM-DD[ HH:MM:SS...]``) as a calendar date."""
    if not text:
        return None
    return date.fromisoformat(text[:10])


def to_datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def run(
    connection: sqlite3.Connection,
    inner: str,
    params: dict[str, object],
    *,
    one_pass: bool = False,
) -> tuple[list[tuple], DueCount]:  # type: ignore[type-arg]
    """Run a rule's query, most overdue first, cut at the window's limit, with its counts.

    ``inner`` selects the rule's own columns followed by ``urgent_on`` (due day moved by a
    snooze), ``shown_from`` and ``sort_name``; the rows come back without those three.  The
    counts come from the rows themselves unless the limit cut them short; only then (or with
    a limit of 0: counts only) a second, aggregate query counts them all.  A window function
    does both in one statement but copies every row first, which measured slower, except
    for a rule whose rows are grouped anyway (``one_pass``).
    """
    limit = params["limit"]
    if one_pass and limit != 0:
        found = connection.execute(
            f"""SELECT *, count(*) OVER (), total(urgent_on < :today) OVER (),
                       total(shown_from <= :today) OVER ()
                FROM ({inner}) ORDER BY urgent_on, sort_name LIMIT :limit""",
            params,
        ).fetchall()
        if not found:
            return [], DueCount()
        total, overdue, on_today = found[0][-3:]
        return [r[:-6] for r in found], DueCount(total, int(overdue), int(on_today))
    rows: list[tuple] = []  # type: ignore[type-arg]
    if limit != 0:
        rows = connection.execute(
            f"SELECT * FROM ({inner}) ORDER BY urgent_on, sort_name LIMIT :limit", params
        ).fetchall()
    if limit == -1 or len(rows) < limit:  # type: ignore[operator]
        today = params["today"]
        count = DueCount(
            len(rows),
            sum(1 for r in rows if r[-3] < today),  # type: ignore[operator]
            sum(1 for r in rows if r[-2] <= today),  # type: ignore[operator]
        )
    else:
        total, overdue, on_today = connection.execute(
            f"SELECT count(*), total(urgent_on < :today), total(shown_from <= :today)"
            f" FROM ({inner})",
            params,
        ).fetchone()
        count = DueCount(total, int(overdue), int(on_today))
    return [r[:-3] for r in rows], count


def shown(due_on: date, snoozed_until: date | None) -> date:
    return max(due_on, snoozed_until) if snoozed_until else due_on


def need_date(text: str | None) -> date:
    day = to_date(text)
    if day is None:
        raise ValueError("a due item without a date")
    return day
