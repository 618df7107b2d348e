"""The user's own reminders (table ``reminder``): one-off, or recurring every N days, weeks,
months or years.  They keep their state in their own row: ``snoozed_until``, and ``done_at``
for a one-off.  Marking a recurring reminder done moves ``due_on`` to the next date of its
series (computed from ``anchor_on``, so month-end series stay on month ends) after both the
current due date and today, and clears the snooze.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.due.common import Days, Window, required, run
from colearn_desktop.core.due.records import (
    MAX_REPEAT,
    DueCount,
    DueItem,
    DueKind,
    ReminderInput,
)
from colearn_desktop.core.due.recurrence import next_after
from colearn_desktop.core.due.rule import Acting, DueRule, Found, Row, Words, titled
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import Reminder
from colearn_desktop.core.storage.settings import JournalSettings
from colearn_desktop.core.text import clean
from colearn_desktop.core.validation import Problems

PREFIX = "reminder"  # the key: reminder:<reminder>
MAX_TEXT = 2000

_URGENT = "max(r.due_on, COALESCE(r.snoozed_until, ''))"

_INNER = f"""
    SELECT r.id, r.text, r.due_on, r.snoozed_until, r.repeat_unit, r.repeat_every, r.anchor_on,
           r.contact_id, COALESCE(c.display_name, ''),
           {_URGENT} AS urgent_on, {_URGENT} AS shown_from,
           COALESCE(c.sort_name, '') AS sort_name
    FROM reminder r
    LEFT JOIN contact c ON c.id = r.contact_id
    WHERE r.done_at IS NULL AND r.deleted_at IS NULL AND r.due_on <= :until
      AND (r.contact_id IS NULL OR c.archived_at IS NULL)
      AND {_URGENT} <= :until
"""


# One contact's reminders (a brief's "coming up"), read through ix_reminder_contact_id: without
# statistics SQLite chose ix_reminder_due and walked every open reminder (~9 ms of each
# contact's page at 100,000 contacts); the unary + keeps it off that index.
_INNER_FOR_CONTACT = _INNER.replace("WHERE r.done_at IS NULL", "WHERE +r.done_at IS NULL")


def query(
    connection: sqlite3.Connection, window: Window, settings: JournalSettings
) -> tuple[list[Row], DueCount]:
    inner = _INNER if window.contact_id is None else _INNER_FOR_CONTACT
    return run(connection, inner + window.where("r.contact_id", "r.id"), window.params())


def read(row: Row, day: Days, window: Window, settings: JournalSettings) -> Found:
    reminder_id, text, due, snoozed, unit, every, anchor, contact_id, name, _u, _s, _n = row
    facts = {
        "reminder_id": reminder_id,
        "text": text,
        "repeat_unit": unit,
        "repeat_every": every,
        "anchor_on": day[anchor],
    }
    return Found((reminder_id,), required(day[due]), day[snoozed], contact_id, name, facts)


def normalise(data: ReminderInput) -> ReminderInput:
    return replace(data, text=clean(data.text))


def validate(data: ReminderInput, contact_exists: bool, today: date) -> None:
    problems = Problems()
    if not data.text:
        problems.add("text", "say what to be reminded of")
    problems.check_text("text", data.text, MAX_TEXT)
    if not isinstance(data.due_on, date):
        problems.add("due_on", "say when")
    else:
        problems.check_plan("due_on", data.due_on, today)
    if data.contact_id is not None and not contact_exists:
        problems.add("contact", f"contact {data.contact_id} does not exist")
    if (data.repeat_unit is None) != (data.repeat_every is None):
        problems.add("repeat_every", "give both how often and the unit, or neither")
    if data.repeat_unit is not None:
        problems.check_enum("repeat_unit", data.repeat_unit, RepeatUnit)
    if data.repeat_every is not None and not 1 <= data.repeat_every <= MAX_REPEAT:
        problems.add("repeat_every", f"must be between 1 and {MAX_REPEAT}")
    problems.raise_if_any()


def next_due(anchor: date, unit: str, every: int, due_on: date, today: date) -> date | None:
    """Where a recurring reminder goes when it is marked done (``None``: the series ended)."""
    return next_after(anchor, unit, every, max(due_on, today))


def columns(data: ReminderInput) -> dict[str, object]:
    repeating = data.repeat_unit is not None
    return {
        "contact_id": data.contact_id,
        "text": data.text,
        "due_on": data.due_on,
        "anchor_on": data.due_on if repeating else None,
        "repeat_unit": RepeatUnit(data.repeat_unit).value if data.repeat_unit is not None else None,
        "repeat_every": data.repeat_every if repeating else None,
    }


def update_row(ctx: ServiceContext, session: Session, reminder_id: int, **values: object) -> None:
    """Write ``values`` to one reminder's row (inside the caller's transaction)."""
    session.execute(
        update(Reminder)
        .where(col(Reminder.id) == reminder_id)
        .values(**values, updated_at=ctx.clock.utcnow())
    )


# Each unit: once per unit ("every month", never "every 1 month"), and every n units.
_UNITS = {
    "day": ("every day", "every %n day(s)"),
    "week": ("every week", "every %n week(s)"),
    "month": ("every month", "every %n month(s)"),
    "year": ("every year", "every %n year(s)"),
}


def repeat_text(unit: str | None, every: int | None, words: Words) -> str:
    """ "every month", "every 2 weeks" ("" for a one-off)."""
    if not unit or not every:
        return ""
    once, many = _UNITS[unit]
    return words.text(once) if every == 1 else words.count(many, every)


def title(item: DueItem, words: Words) -> str:
    """The reminder's own text, with the contact it is about."""
    if item.contact_name:
        return words.text("%1 (%2)", item.facts["text"], item.contact_name)
    return str(item.facts["text"])


def reason(item: DueItem, today: date, words: Words) -> str:
    repeat = repeat_text(item.facts["repeat_unit"], item.facts["repeat_every"], words)
    return words.text("your reminder, %1", repeat) if repeat else words.text("your reminder")


def done(acting: Acting, item: DueItem) -> None:
    """A one-off is done; a series moves to its next date after today (and its snooze
    goes), or is done when its calendar has no date left."""
    f = item.facts
    today = acting.today()
    following = f["repeat_unit"] and next_due(
        f["anchor_on"] or item.due_on, f["repeat_unit"], f["repeat_every"], item.due_on, today
    )
    with acting.ctx.db.write() as session:
        if following:
            update_row(acting.ctx, session, f["reminder_id"], due_on=following, snoozed_until=None)
        else:
            update_row(acting.ctx, session, f["reminder_id"], done_at=acting.ctx.clock.now())


def snooze(acting: Acting, item: DueItem, until: date) -> None:
    """A reminder keeps its snooze in its own row."""
    with acting.ctx.db.write() as session:
        update_row(acting.ctx, session, item.facts["reminder_id"], snoozed_until=until)


RULE = DueRule(
    kind=DueKind.REMINDER,
    prefix=PREFIX,
    parts=1,
    label="Your reminders",
    table="reminder",
    query=query,
    read=read,
    title=title,
    reason=reason,
    done=done,
    phrase=titled(title),
    snooze=snooze,
)
