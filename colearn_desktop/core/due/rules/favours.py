"""Favours: an open favour (either direction) with a due date is due on that date; an open favour
*I owe* without a due date comes up ``settings.owed_favour_stale_days`` days after it
started, so promises do not go stale unnoticed.  "Done" settles the favour fully (today), which
the favour's history can undo.

Speed: the open favours are a partial index (``ix_favour_open``, revision 0006) holding
everything needed to pick the items (due date, direction, start, contact), so Today reads two
ranges of it and the favour rows and names only of the items shown.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from colearn_desktop.core.due.common import ARCHIVED, Days, Window, chosen, pick, required
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words, titled
from colearn_desktop.core.storage.settings import JournalSettings

PREFIX = "favour"  # the key: favour:<favour>

# With a due date, and without one (only what I owe): the two ranges of the index.
_DATED = "f.due_on <= :until"
_UNDATED = "f.due_on IS NULL AND f.direction = 'i_owe' AND f.started_on <= :stale_until"
_STALE_DUE = "date(f.started_on, :stale)"
# The arm of each range in :func:`~.common.pick`.
_ARMS = {True: 0, False: 1}


def _arm(dated: bool, window: Window, *, details: bool = False, narrow: bool = False) -> str:
    due = "f.due_on" if dated else _STALE_DUE
    urgent = f"max({due}, COALESCE(s.snoozed_until, ''))"
    if details:
        columns = (
            "f.id, f.contact_id, c.display_name, f.direction, f.kind, f.description,"
            " f.started_on, f.due_on, f.status, f.amount_cents, f.currency, s.snoozed_until,"
            f" {due}, {urgent} AS urgent_on, {urgent} AS shown_from, c.sort_name AS sort_name"
        )
        contact = "JOIN contact c ON c.id = f.contact_id"
    else:
        columns = f"f.id, {urgent}, {_ARMS[dated]}"
        contact = ""
    # Today reads the index of open favours; one contact its own, one favour its row; the
    # favours chosen by id.
    source = "favour f"
    if narrow:
        source += " NOT INDEXED"
    elif window.contact_id is not None:
        # The planner took the status index for one contact's favours: 40-100 ms at
        # 100,000 contacts on every contact page and brief, where the contact's own is 0.1.
        source += " INDEXED BY ix_favour_contact"
    elif window.entity_id is None:
        source += " INDEXED BY ix_favour_open"
    # The due day is on or before ``until`` (the range), so a snooze decides the rest.
    return f"""
        SELECT {columns}
        FROM {source}
        {contact}
        LEFT JOIN due_item_state s ON s.key = '{PREFIX}:' || f.id
        WHERE f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL
          AND {_DATED if dated else _UNDATED}
          AND f.contact_id NOT IN {ARCHIVED}
          AND COALESCE(s.snoozed_until, '') <= :until
          {window.where("f.contact_id", "f.id")}
          {f"AND f.id IN {chosen(_ARMS[dated])}" if narrow else ""}"""


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    stale = settings.owed_favour_stale_days
    params = {**window.params(), **window.days_after("stale", stale)}
    return pick(
        connection,
        params,
        candidates=f"{_arm(True, window)} UNION ALL {_arm(False, window)}",
        details=lambda narrow: (
            f"{_arm(True, window, details=True, narrow=narrow)}"
            f" UNION ALL {_arm(False, window, details=True, narrow=narrow)}"
        ),
        arms=2,
    )


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    (
        favour_id,
        contact_id,
        name,
        direction,
        favour_kind,
        description,
        started,
        due_date,
        status,
        cents,
        currency,
        snoozed,
        due,
        _urgent,
        _shown,
        _sort,
    ) = row
    due_on, snoozed_until = required(day[due]), day[snoozed]
    facts = {
        "favour_id": favour_id,
        "direction": direction,
        "favour_kind": favour_kind,
        "description": description,
        "started_on": day[started],
        "has_due_date": due_date is not None,
        "stale_days": None if due_date else settings.owed_favour_stale_days,
        "status": status,
        "amount_cents": cents,
        "currency": currency,
    }
    return Found((favour_id,), due_on, snoozed_until, contact_id, name, facts)


def title(item: DueItem, words: Words) -> str:
    """ "I owe Ana García: Intro to Ben" or "Ana García owes me: ..."."""
    template = "I owe %1: %2" if item.facts["direction"] == "i_owe" else "%1 owes me: %2"
    return words.text(template, item.contact_name, item.facts["description"])


def reason(item: DueItem, today: date, words: Words) -> str:
    if item.facts["has_due_date"]:
        return words.text("promised for %1", words.day(item.due_on))
    return words.text("open since %1", words.day(item.facts["started_on"]))


def done(acting: Acting, item: DueItem) -> None:
    """Settles the favour fully, through the favour service (which owns settling and its
    undo); any snooze goes with it."""
    started_on = item.facts["started_on"]
    acting.favours.settle(item.facts["favour_id"], fully=True, on=max(acting.today(), started_on))
    acting.mark(item.key, snoozed_until=None)


RULE = DueRule(
    kind=DueKind.FAVOUR,
    prefix=PREFIX,
    parts=1,
    label="Favours",
    table="favour",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=titled(title),
)
