"""Follow-ups: the next step of a conversation, due on its date until it is marked done.

A conversation in the trash, or whose participants are all archived, has no follow-up.  The
rule reads the partial index of open next steps (revision 0005), a few percent of all
conversations, instead of scanning them all.  "Done"
sets the conversation's ``next_step_done_at`` (the same as ticking it on the conversation).
"""

from __future__ import annotations

import sqlite3

from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind

_URGENT = "max(cv.next_step_due, COALESCE(s.snoozed_until, ''))"

_INNER = f"""
    SELECT cv.id, cv.next_step, cv.next_step_due, cv.happened_at, cv.channel, s.snoozed_until,
           c.id, c.display_name, count(*), {_URGENT} AS urgent_on, {_URGENT} AS shown_from,
           min(c.sort_name) AS sort_name
    FROM conversation cv INDEXED BY ix_conversation_open_steps
    CROSS JOIN conversation_contact cc ON cc.conversation_id = cv.id
    JOIN contact c ON c.id = cc.contact_id AND +c.archived_at IS NULL
    LEFT JOIN due_item_state s ON s.key = 'followup:' || cv.id
    WHERE cv.next_step_due <= :until
      AND cv.next_step_done_at IS NULL AND cv.deleted_at IS NULL
      AND {_URGENT} <= :until
"""


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    inner = _INNER + window.where(None, "cv.id")
    if window.contact_id is not None:
        inner += (
            " AND cv.id IN (SELECT conversation_id FROM conversation_contact"
            " WHERE contact_id = :contact_id)"
        )
    rows, count = run(connection, inner + " GROUP BY cv.id", window.params(), one_pass=True)
    items = []
    for conversation_id, step, due, happened, channel, snoozed, contact_id, name, people in rows:
        due_on = need_date(due)
        snoozed_until = to_date(snoozed)
        items.append(
            DueItem(
                key=make_key(DueKind.FOLLOW_UP, conversation_id),
                kind=DueKind.FOLLOW_UP,
                due_on=due_on,
                shown_from=shown(due_on, snoozed_until),
                snoozed_until=snoozed_until,
                contact_id=contact_id,
                contact_name=name,
                facts={
                    "conversation_id": conversation_id,
                    "next_step": step,
                    "conversation_on": to_date(happened),
                    "channel": channel,
                    "other_people": people - 1,
                },
            )
        )
    return items, count
