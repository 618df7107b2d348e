"""Thank a referrer: when a contact is recorded as referred by X (the contact service sets
``contact_referral_state.referred_on``), "Thank X for referring Y" is due from that day until
``thanked_on`` is set, which "done" does (today).  The item belongs to X, the referrer; it
does not appear while X is archived.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from sqlalchemy import update

from colearn_desktop.core.due.common import Days, Window, required, run
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.models import ContactReferralState
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import fill

PREFIX = "thanks"  # the key: thanks:<the referred contact>

_URGENT = "max(r.referred_on, COALESCE(s.snoozed_until, ''))"

_INNER = f"""
    SELECT y.id, y.display_name, x.id, x.display_name, r.referred_on, s.snoozed_until,
           {_URGENT} AS urgent_on, {_URGENT} AS shown_from, x.sort_name AS sort_name
    FROM contact_referral_state r
    JOIN contact y ON y.id = r.contact_id
    JOIN contact x ON x.id = y.referred_by_id
    LEFT JOIN due_item_state s ON s.key = '{PREFIX}:' || y.id
    WHERE r.referred_on IS NOT NULL AND r.thanked_on IS NULL AND +x.archived_at IS NULL
      AND r.referred_on <= :until
      AND {_URGENT} <= :until
"""


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    return run(connection, _INNER + window.where("x.id", "y.id"), window.params())


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    referred_id, referred_name, referrer_id, referrer_name, referred, snoozed, _u, _s, _n = row
    due_on = required(day[referred])
    facts = {"referred_id": referred_id, "referred_name": referred_name, "referred_on": due_on}
    return Found((referred_id,), due_on, day[snoozed], referrer_id, referrer_name, facts)


def title(item: DueItem, words: Words) -> str:
    return words.text("Thank %1 for referring %2", item.contact_name, item.facts["referred_name"])


def reason(item: DueItem, today: date, words: Words) -> str:
    f = item.facts
    return words.text("%1 was referred on %2", f["referred_name"], words.day(f["referred_on"]))


def done(acting: Acting, item: DueItem) -> None:
    """Records today as the day the referrer was thanked."""
    referred = item.facts["referred_id"]
    with acting.ctx.db.write() as session:
        session.execute(
            update(ContactReferralState)
            .where(ContactReferralState.contact_id == referred)
            .values(thanked_on=acting.today())
        )
        acting.save_state(session, item.key, snoozed_until=None)
    acting.ctx.changed(Topic.REFERRALS, referred)


def phrase(item: DueItem) -> str:
    return fill("thank %1 for referring %2", item.contact_name, item.facts["referred_name"])


RULE = DueRule(
    kind=DueKind.THANKS,
    prefix=PREFIX,
    parts=1,
    label="Say thank you",
    table="contact_referral_state",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=phrase,
)
