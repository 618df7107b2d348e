"""Keep in touch: a contact whose cadence has run out since the last conversation.

Due on (last conversation, or the day the contact was added) + effective cadence (the
contact's own, else the shortest of their tags', else their stage's default); any logged
conversation moves it (``contact.last_contact_at`` is kept right by the conversation service).
"Done" means "I reached out": it restarts the clock from that day (``done_for``) without
writing a conversation.  Archived contacts and contacts without a cadence never appear.

Speed: this is the one rule that must look at every contact.  The filter works on Julian day
numbers and the tag cadence is a few primary-key probes (one per tag that has a cadence), so
100,000 contacts take tens of milliseconds.
"""

from __future__ import annotations

import sqlite3

from ..cadence import (
    cadence_tags_sql,
    since_sql,
    stage_cadence_params,
    stage_cadence_sql,
    tag_probe_params,
    tag_probe_sql,
)
from ..settings import JournalSettings
from .common import Window, make_key, need_date, run, shown, to_date
from .records import DueCount, DueItem, DueKind


def _inner(tag_count: int) -> str:
    tag = tag_probe_sql(tag_count)
    cadence = f"COALESCE(c.cadence_days, {tag}, {stage_cadence_sql()})"
    since = since_sql()
    due = f"date(max({since}, COALESCE(ks.done_for, '')), '+' || ({cadence}) || ' days')"
    urgent = f"max({due}, COALESCE(ks.snoozed_until, ''))"
    # The first condition reads the contact row only, so SQLite checks it before looking up
    # the (rare) snooze/done state; "done" and snoozes only ever move the date later.
    return f"""
        SELECT c.id, c.display_name, c.cadence_days, {tag}, {cadence}, {since},
               c.last_contact_at IS NOT NULL, ks.done_for, ks.snoozed_until, {due},
               {urgent} AS urgent_on, {urgent} AS shown_from, c.sort_name AS sort_name
        FROM contact c NOT INDEXED
        LEFT JOIN due_item_state ks ON ks.key = 'cadence:' || c.id
        WHERE c.archived_at IS NULL
          AND julianday(COALESCE(c.last_contact_at, c.created_at), 'start of day')
              + ({cadence}) <= julianday(:until)
          AND {urgent} <= :until
    """


def fetch(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[DueItem], DueCount]:
    tags = connection.execute(cadence_tags_sql()).fetchall()
    params = {**window.params(), **stage_cadence_params(settings), **tag_probe_params(tags)}
    rows, count = run(connection, _inner(len(tags)) + window.where("c.id", "c.id"), params)
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
