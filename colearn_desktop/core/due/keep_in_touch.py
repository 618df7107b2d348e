"""Keep in touch: a contact whose cadence has run out since the last conversation.

Due on (last conversation, or the day the contact was added) + effective cadence (the
contact's own, else the shortest of their tags', else their stage's default); any logged
conversation moves it (``contact.last_contact_at`` is kept right by the conversation service).
"Done" means "I reached out": it restarts the clock from that day (``done_for``) without
writing a conversation.  Archived contacts and contacts without a cadence never appear.

Speed: the day each contact's keep-in-touch item shows up (``contact.keep_in_touch_on``,
snooze and "reached out" included) is cached on the contact by triggers and indexed with
``archived_at``, so the rule reads a range of an index instead of computing 100,000 rows;
the facts shown beside an item are computed for the returned rows only.
"""

from __future__ import annotations

import sqlite3

from ..cadence import since_sql
from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind


def _inner() -> str:
    since = since_sql()
    due = f"date(max({since}, COALESCE(ks.done_for, '')), '+' || c.cadence_effective || ' days')"
    tag = (
        "(SELECT min(t.cadence_days) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.contact_id = c.id)"
    )
    return f"""
        SELECT c.id, c.display_name, c.cadence_days, {tag}, c.cadence_effective, {since},
               c.last_contact_at IS NOT NULL, ks.done_for, ks.snoozed_until, {due},
               c.keep_in_touch_on AS urgent_on, c.keep_in_touch_on AS shown_from,
               c.sort_name AS sort_name
        FROM contact c
        LEFT JOIN due_item_state ks ON ks.key = 'cadence:' || c.id
        WHERE c.archived_at IS NULL AND c.keep_in_touch_on <= :until
    """


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    params = window.params()
    rows, count = run(connection, _inner() + window.where("c.id", "c.id"), params)
    items = []
    for contact_id, name, own, tag, cadence, since, contacted, done_for, snoozed, due in rows:
        source = "contact" if own is not None else "tag" if tag is not None else "stage"
        since_day = need_date(since)
        due_on = need_date(due)
        snoozed_until = to_date(snoozed)
        items.append(
            DueItem(
                key=make_key(DueKind.KEEP_IN_TOUCH, contact_id),
                kind=DueKind.KEEP_IN_TOUCH,
                due_on=due_on,
                shown_from=shown(due_on, snoozed_until),
                snoozed_until=snoozed_until,
                contact_id=contact_id,
                contact_name=name,
                facts={
                    "cadence_days": cadence,
                    "cadence_source": source,
                    "last_contact_on": since_day if contacted else None,
                    "added_on": None if contacted else since_day,
                    "days_since": (window.today - since_day).days,
                    "reached_out_on": to_date(done_for),
                },
            )
        )
    return items, count
