"""Favours: an open favour (either direction) with a due date is due on that date; an open
favour *I owe* without a due date comes up ``settings.owed_favour_stale_days`` days after it
started, so promises do not go stale unnoticed.  "Done" settles the favour fully (today), which
the favour's history can undo.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind

_DUE = "COALESCE(f.due_on, date(f.started_on, '+' || :stale || ' days'))"

_URGENT = f"max({_DUE}, COALESCE(s.snoozed_until, ''))"

_INNER = f"""
    SELECT f.id, f.contact_id, c.display_name, f.direction, f.kind, f.description,
           f.started_on, f.due_on, f.status, f.amount_cents, f.currency, s.snoozed_until,
           {_DUE}, {_URGENT} AS urgent_on, {_URGENT} AS shown_from, c.sort_name AS sort_name
    FROM favour f NOT INDEXED
    JOIN contact c ON c.id = f.contact_id
    LEFT JOIN due_item_state s ON s.key = 'favour:' || f.id
    WHERE f.status IN ('open', 'partly_done') AND f.deleted_at IS NULL
      AND +c.archived_at IS NULL
      AND ((f.due_on IS NOT NULL AND f.due_on <= :until)
           OR (f.due_on IS NULL AND f.direction = 'i_owe' AND f.started_on <= :stale_until))
      AND {_URGENT} <= :until
"""


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    stale = settings.owed_favour_stale_days
    params = {
        **window.params(),
        "stale": stale,
        "stale_until": (window.until - timedelta(days=stale)).isoformat(),
    }
    rows, count = run(connection, _INNER + window.where("c.id", "f.id"), params)
    items = []
    for (
        favour_id,
        contact_id,
        name,
        direction,
        kind,
        description,
        started,
        due_date,
        status,
        cents,
        currency,
        snoozed,
        due,
    ) in rows:
        due_on = need_date(due)
        snoozed_until = to_date(snoozed)
        items.append(
            DueItem(
                key=make_key(DueKind.FAVOUR, favour_id),
                kind=DueKind.FAVOUR,
                due_on=due_on,
                shown_from=shown(due_on, snoozed_until),
                snoozed_until=snoozed_until,
                contact_id=contact_id,
                contact_name=name,
                facts={
                    "favour_id": favour_id,
                    "direction": direction,
                    "favour_kind": kind,
                    "description": description,
                    "started_on": to_date(started),
                    "has_due_date": due_date is not None,
                    "stale_days": None if due_date else settings.owed_favour_stale_days,
                    "status": status,
                    "amount_cents": cents,
                    "currency": currency,
                },
            )
        )
    return items, count
