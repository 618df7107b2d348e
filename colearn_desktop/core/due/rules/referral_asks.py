"""Unanswered referral asks: an ask still waiting for an answer (stored as ``asked``: the user
recorded no outcome) is due ``settings.referral_ask_nudge_days`` days (default 14) after it
was sent: "Ask X again or close the ask".  It stays until the user records an answer on the
Referrals screen or marks it done here.

"Done" closes the ask the way the Referrals screen's "No answer" button does (the status
``no_answer``, today), so the screen, the funnel and this rule agree; asking again is a new ask,
written from the Referrals screen.  A snooze moves the item like any other.  Nothing is due for
an archived contact.  (Asks are few, so the rule is one plain query.)
"""

from __future__ import annotations

import sqlite3
from datetime import date

from colearn_desktop.core.due.common import Days, Window, required, run
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words, ago
from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import fill

PREFIX = "ask"  # the key: ask:<referral ask>

_DUE = "date(a.asked_on, :wait)"
_URGENT = f"max({_DUE}, COALESCE(s.snoozed_until, ''))"

_INNER = f"""
    SELECT a.id, a.contact_id, c.display_name, a.asked_on, s.snoozed_until, {_DUE},
           {_URGENT} AS urgent_on, {_URGENT} AS shown_from, c.sort_name AS sort_name
    FROM referral_ask a
    JOIN contact c ON c.id = a.contact_id
    LEFT JOIN due_item_state s ON s.key = '{PREFIX}:' || a.id
    WHERE a.status = '{AskStatus.ASKED.value}' AND a.asked_on <= :wait_until
      AND c.archived_at IS NULL
      AND {_URGENT} <= :until
"""


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    params = {**window.params(), **window.days_after("wait", settings.referral_ask_nudge_days)}
    return run(connection, _INNER + window.where("a.contact_id", "a.id"), params)


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    ask_id, contact_id, name, asked, snoozed, due, _urgent, _shown, _sort = row
    asked_on, due_on = required(day[asked]), required(day[due])
    facts = {"ask_id": ask_id, "asked_on": asked_on, "wait_days": settings.referral_ask_nudge_days}
    return Found((ask_id,), due_on, day[snoozed], contact_id, name, facts)


def title(item: DueItem, words: Words) -> str:
    return words.text("Ask %1 again or close the ask", item.contact_name)


def reason(item: DueItem, today: date, words: Words) -> str:
    """ "asked for a referral 15 days ago; no answer yet"."""
    asked_on = item.facts["asked_on"]
    days = (today - asked_on).days
    # A day after today (a clock that was wrong) is named, never "-1 days ago".
    asked = ago(words, days) if days >= 0 else words.text("on %1", words.day(asked_on))
    return words.text("asked for a referral %1; no answer yet", asked)


def done(acting: Acting, item: DueItem) -> None:
    """Closes the ask as "no answer", as the Referrals screen does (which it announces)."""
    # The referral loop loads on first use, as journal.referrals does.
    from colearn_desktop.core.referrals.asks import AskTracker

    AskTracker(acting.ctx, acting.settings).set_status(item.facts["ask_id"], AskStatus.NO_ANSWER)
    acting.mark(item.key, snoozed_until=None)


def phrase(item: DueItem) -> str:
    return fill("ask %1 again or close the ask", item.contact_name)


RULE = DueRule(
    kind=DueKind.REFERRAL_ASK,
    prefix=PREFIX,
    parts=1,
    label="Referral asks waiting for an answer",
    table="referral_ask",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=phrase,
)
