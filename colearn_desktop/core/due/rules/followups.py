"""Follow-ups: the next step of a conversation, due on its date until it is marked done.

A conversation in the trash, or whose participants are all archived, has no follow-up.  The
item belongs to the first participant by name who is not archived.  "Done" sets the
conversation's ``next_step_done_at`` (the same as ticking it on the conversation).

Speed: the rule picks its items from the partial index of open next steps (revision 0005, a
few percent of all conversations) and the participants' index alone; the conversation rows
and names are read only for the items shown.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from sqlalchemy import update

from colearn_desktop.core.due.common import ARCHIVED, CHOSEN, Days, Window, pick, required
from colearn_desktop.core.due.records import DueCount, DueItem, DueKind
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words, titled
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.models import Conversation
from colearn_desktop.core.storage.settings import JournalSettings

PREFIX = "followup"  # the key: followup:<conversation>

_URGENT = "max(cv.next_step_due, COALESCE(s.snoozed_until, ''))"

# The due day is on or before ``until`` (the range), so a snooze decides the rest.
_OPEN = """
    WHERE cv.next_step_due <= :until
      AND cv.next_step_done_at IS NULL AND cv.deleted_at IS NULL
      AND COALESCE(s.snoozed_until, '') <= :until
"""

_CANDIDATES = f"""
    SELECT cv.id, {_URGENT}
    FROM conversation cv INDEXED BY ix_conversation_open_steps
    LEFT JOIN due_item_state s ON s.key = '{PREFIX}:' || cv.id
    {_OPEN}
      AND EXISTS (SELECT 1 FROM conversation_contact cc
                  WHERE cc.conversation_id = cv.id AND cc.contact_id NOT IN {ARCHIVED})
"""

# One row per conversation: the participant first by name (SQLite takes the bare columns
# from the row where min() found it) and how many took part.
_DETAILS = f"""
    SELECT cv.id, cv.next_step, cv.next_step_due, cv.happened_at, cv.channel, s.snoozed_until,
           c.id, c.display_name, count(*), {_URGENT} AS urgent_on, {_URGENT} AS shown_from,
           min(c.sort_name) AS sort_name
    FROM conversation cv {{source}}
    CROSS JOIN conversation_contact cc ON cc.conversation_id = cv.id
    JOIN contact c ON c.id = cc.contact_id
    LEFT JOIN due_item_state s ON s.key = '{PREFIX}:' || cv.id
    {_OPEN}
      AND cc.contact_id NOT IN {ARCHIVED}
"""


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    filters = window.where(None, "cv.id")
    if window.contact_id is not None:
        filters += (
            " AND cv.id IN (SELECT conversation_id FROM conversation_contact"
            " WHERE contact_id = :contact_id)"
        )

    # Today reads the index of open steps; one contact or conversation, or the conversations
    # chosen, their own rows.
    everyone = window.contact_id is None and window.entity_id is None

    def details(narrow: bool) -> str:
        source = "NOT INDEXED" if narrow else ""
        if everyone and not narrow:
            source = "INDEXED BY ix_conversation_open_steps"
        chosen = f" AND cv.id IN {CHOSEN}" if narrow else ""
        return _DETAILS.replace("{source}", source) + filters + chosen + " GROUP BY cv.id"

    return pick(connection, window.params(), candidates=_CANDIDATES + filters, details=details)


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    (
        conversation_id,
        step,
        due,
        happened,
        channel,
        snoozed,
        contact_id,
        name,
        people,
        _urgent,
        _shown,
        _sort,
    ) = row
    facts = {
        "conversation_id": conversation_id,
        "next_step": step,
        "conversation_on": day[happened],
        "channel": channel,
        "other_people": people - 1,
    }
    return Found((conversation_id,), required(day[due]), day[snoozed], contact_id, name, facts)


def title(item: DueItem, words: Words) -> str:
    """ "Ana García: Send the proposal" (under the heading "Follow-ups")."""
    return words.text("%1: %2", item.contact_name, item.facts["next_step"])


def reason(item: DueItem, today: date, words: Words) -> str:
    f = item.facts
    text = words.text("next step from the conversation of %1", words.day(f["conversation_on"]))
    if f["other_people"]:
        text += " " + words.count("(with %n other(s))", f["other_people"])
    return text


def done(acting: Acting, item: DueItem) -> None:
    """Ticks the conversation's next step, as ticking it on the conversation does."""
    conversation_id = item.facts["conversation_id"]
    clock = acting.ctx.clock
    with acting.ctx.db.write() as session:
        session.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(next_step_done_at=clock.now(), updated_at=clock.utcnow())
        )
        acting.save_state(session, item.key, snoozed_until=None)
    acting.ctx.changed(Topic.CONVERSATIONS, conversation_id)


RULE = DueRule(
    kind=DueKind.FOLLOW_UP,
    prefix=PREFIX,
    parts=1,
    label="Follow-ups",
    table="conversation",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=titled(title),
)
