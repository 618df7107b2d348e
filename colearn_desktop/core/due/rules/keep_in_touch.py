"""Keep in touch: a contact whose cadence has run out since the last conversation.

Due on (last conversation, or the local day the contact was added: ``added_on``, never the
UTC day of ``created_at``) + effective cadence (the
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
from datetime import date, timedelta

from colearn_desktop.core.due.common import Days, Window, required, run
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words, ago
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import fill

PREFIX = "cadence"  # the key: cadence:<contact>

# Whether a contact without a cadence of their own has one through a tag (which of their tags
# does not matter here: the cached cadence is the shortest); asked only when some tag has one.
_HAS_TAG_CADENCE = """CASE WHEN c.cadence_days IS NULL
    AND (SELECT 1 FROM tag WHERE cadence_days IS NOT NULL LIMIT 1)
    THEN EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
                 WHERE ct.contact_id = c.id AND t.cadence_days IS NOT NULL) END"""

# The dates beside an item (since when, the due day) are worked out in Python from these.
_INNER = f"""
    SELECT c.id, c.display_name, c.cadence_days IS NOT NULL, {_HAS_TAG_CADENCE},
           c.cadence_effective, COALESCE(c.last_contact_at, c.added_on),
           c.last_contact_at IS NOT NULL, ks.done_for, ks.snoozed_until,
           c.keep_in_touch_on AS urgent_on, c.keep_in_touch_on AS shown_from,
           c.sort_name AS sort_name
    FROM contact c
    LEFT JOIN due_item_state ks ON ks.key = '{PREFIX}:' || c.id
    WHERE c.archived_at IS NULL AND c.keep_in_touch_on <= :until
"""

# Its counts, from the index alone: the day an item is due and shows is the cached day, and
# the state's row (one per key at most) changes no count.
_COUNT = """
    SELECT count(*), total(c.keep_in_touch_on < :today), total(c.keep_in_touch_on <= :today)
    FROM contact c
    WHERE c.archived_at IS NULL AND c.keep_in_touch_on <= :until
"""


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    filters = window.where("c.id", "c.id")
    return run(connection, _INNER + filters, window.params(), _COUNT + filters)


# Thousands of items share a few cadences: one timedelta each.
_CADENCES: dict[int, timedelta] = {}


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    contact_id, name, own, tag, cadence, since, contacted, done, snoozed, _u, _s, _n = row
    since_day = required(day[since])
    done_for = day[done]
    every = _CADENCES.get(cadence)
    if every is None:
        every = _CADENCES[cadence] = timedelta(days=cadence)
    # The later of the last conversation (or the day added) and "I reached out", plus
    # the cadence: what the cached ``keep_in_touch_on`` holds before a snooze.
    due_on = (max(since_day, done_for) if done_for else since_day) + every
    facts = {
        "cadence_days": cadence,
        "cadence_source": "contact" if own else "tag" if tag else "stage",
        "last_contact_on": since_day if contacted else None,
        "added_on": None if contacted else since_day,
        "days_since": (window.today - since_day).days,
        "reached_out_on": done_for,
    }
    return Found((contact_id,), due_on, day[snoozed], contact_id, name, facts)


def title(item: DueItem, words: Words) -> str:
    return words.text("Keep in touch with %1", item.contact_name)


def reason(item: DueItem, today: date, words: Words) -> str:
    """ "last talked 74 days ago; every 60 days (stage)"."""
    f = item.facts
    if f["days_since"] >= 0:
        since = ago(words, f["days_since"])
    else:  # a day after today (stored by an older version) is named, never "-1 days ago"
        since = words.text("on %1, after today", words.day(f["last_contact_on"] or f["added_on"]))
    if f["last_contact_on"] is None:
        text = words.text("never talked; added %1", since)
    else:
        text = words.text("last talked %1", since)
    text += "; " + words.count("every %n day(s)", f["cadence_days"])
    text += words.aside(f["cadence_source"])
    if f["reached_out_on"]:
        text += "; " + words.text("reached out %1", ago(words, (today - f["reached_out_on"]).days))
    return text


def done(acting: Acting, item: DueItem) -> None:
    """ "I reached out": the clock restarts today, without inventing a conversation."""
    acting.mark(item.key, snoozed_until=None, done_for=acting.today())


def phrase(item: DueItem) -> str:
    return fill("keep in touch with %1", item.contact_name)


RULE = DueRule(
    kind=DueKind.KEEP_IN_TOUCH,
    prefix=PREFIX,
    parts=1,
    label="Keep in touch",
    table="contact",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=phrase,
)
