"""Reminders as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

- Every due item (overdue, today, the next ``days`` days) becomes an all-day VEVENT, or a
  VTODO with ``todos=True``.  An overdue item is placed on today (it is still to do) and its
  description says since when it is due.
- Birthdays become one yearly event per contact (29 February: the last day of February,
  the same rule the app uses); recurring reminders one event with their repeat rule.
  A monthly series on the 29th-31st uses ``BYMONTHDAY=28..31;BYSETPOS=-1`` so that short
  months get their last day, as in the app.
- UIDs are built from the item keys and the journal's random identifier
  (``cadence-42@3f9a0c1d2b7e4a55.colearn.journal``; see ``SettingsService.calendar_id``), so
  exporting again and re-importing updates the same entries instead of duplicating them,
  while another journal (the demo journal beside the real one) never overwrites them: its
  contact 42 is another person.
- ``SEQUENCE`` comes from what the entry shows, never the clock (:mod:`.ics_sequence`): it
  rises when the entry's day, title, text or rule changes (a snooze, a renamed contact, an
  edited note) and stays otherwise, so two exports of an unchanged journal are the same bytes
  but for DTSTAMP and a calendar re-importing one changes nothing.  Without the journal's
  record (``sequences=None``) it is the earlier rule alone: the days from 2020-01-01 to the
  entry's day, 0 for a repeating entry.
- A to-do is due at the end of its day: ``DUE`` is the next day, later than ``DTSTART`` as
  RFC 5545 requires (a to-do with DUE equal to DTSTART is refused by strict readers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Todo

from colearn_desktop.core.due import DueItem, DueKind, DueReport
from colearn_desktop.core.due.describe import reason, repeat_text, title, when
from colearn_desktop.core.due.recurrence import next_after
from colearn_desktop.core.interchange.writers.ics_sequence import EntrySequences, digest
from colearn_desktop.core.text import without_unwanted
from colearn_desktop.core.unreadable import left_out

PRODID = "-//CoLearn//CoLearn Desktop reminders//EN"
UID_DOMAIN = "colearn.journal"
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_EPOCH = date(2020, 1, 1)


def uid(key: str, calendar_id: str) -> str:
    return f"{key.replace(':', '-')}@{calendar_id}.{UID_DOMAIN}"


def recurrence_rule(anchor: date, unit: str, every: int) -> dict[str, object]:
    """The RRULE of a series computed by :mod:`colearn_desktop.core.due.recurrence`."""
    rule: dict[str, object] = {"freq": _FREQ[unit]}
    if every > 1:
        rule["interval"] = every
    if unit == "month" and anchor.day > 28:
        rule["bymonthday"] = list(range(28, anchor.day + 1))
        rule["bysetpos"] = -1
    if unit == "year" and (anchor.month, anchor.day) == (2, 29):
        rule["bymonth"] = 2
        rule["bymonthday"] = -1
    return rule


class _Writer:
    def __init__(self, now_utc: datetime, todos: bool, calendar_id: str, sequences: EntrySequences):
        self.calendar_id = calendar_id
        self.sequences = sequences
        self.calendar = Calendar()
        self.calendar.add("prodid", PRODID)
        self.calendar.add("version", "2.0")
        self.calendar.add("x-wr-calname", "CoLearn reminders")
        self.stamp = now_utc.replace(tzinfo=UTC)
        self.todos = todos
        self.count = 0

    def add(
        self,
        key: str,
        day: date,
        summary: str,
        description: str,
        category: str,
        rule: dict[str, object] | None = None,
    ) -> None:
        entry = Todo() if self.todos and rule is None else Event()
        entry_uid = uid(key, self.calendar_id)
        shown = digest(
            entry.name, day, summary, description, category, sorted((rule or {}).items())
        )
        floor = 0 if rule else max((day - _EPOCH).days, 0)  # what earlier versions wrote
        entry.add("uid", entry_uid)
        entry.add("dtstamp", self.stamp)
        entry.add("sequence", self.sequences.sequence(entry_uid, shown, floor))
        # Text typed before control characters were refused must not reach the calendar.
        entry.add("summary", without_unwanted(summary))
        entry.add("description", without_unwanted(description))
        entry.add("categories", [category])
        if isinstance(entry, Todo):
            entry.add("dtstart", day)
            if day < date.max:
                entry.add("due", day + timedelta(days=1))
            else:  # no next day: a day's duration says the same
                entry.add("duration", timedelta(days=1))
            entry.add("status", "NEEDS-ACTION")
        else:
            entry.add("dtstart", day)
            if day < date.max:
                entry.add("dtend", day + timedelta(days=1))
            else:  # 9999-12-31 has no next day to end on; a day's duration says the same
                entry.add("duration", timedelta(days=1))
            entry.add("transp", "TRANSPARENT")
        if rule:
            entry.add("rrule", rule)
        self.calendar.add_component(entry)
        self.count += 1


def reminders_calendar(
    report: DueReport,
    birthdays: Iterable[tuple[int, str, int, int, int | None]],
    recurring: Iterable[DueItem],
    *,
    now_utc: datetime,
    calendar_id: str,
    todos: bool = False,
    sequences: EntrySequences | None = None,
) -> tuple[bytes, int]:
    """The calendar file's bytes and how many entries it holds; ``calendar_id`` is the
    journal's (``journal.settings.calendar_id()``); ``sequences`` what the journal kept of
    earlier exports (:meth:`EntrySequences.load`; save it once the file is written)."""
    writer = _Writer(now_utc, todos, calendar_id, sequences or EntrySequences())
    today = report.today
    for item in report.items:
        if item.kind is DueKind.BIRTHDAY or (
            item.kind is DueKind.REMINDER and item.facts["repeat_unit"]
        ):
            continue  # written below as repeating events
        text = reason(item, today)
        late = item.days_overdue(today)
        if late > 0:
            text += f"\nDue since {item.urgent_on.isoformat()} ({when(item, today)})."
        writer.add(item.key, max(item.urgent_on, today), title(item), text, item.kind.value)
    for contact_id, name, month, day, year in birthdays:
        try:
            start = date(year or 2000, month, day)
        except (ValueError, TypeError) as error:  # a stored value that cannot be read
            left_out("contact", contact_id, error, "the calendar")
            continue
        rule: dict[str, object] = {"freq": "YEARLY"}
        if (month, day) == (2, 29):
            rule.update(bymonth=2, bymonthday=-1)
        note = f"Born {start.isoformat()}." if year else "Birthday (year unknown)."
        writer.add(f"birthday:{contact_id}", start, f"{name}'s birthday", note, "birthday", rule)
    for item in recurring:
        f = item.facts
        anchor = f["anchor_on"] or item.due_on
        unit, every = f["repeat_unit"], f["repeat_every"]
        goes_on = next_after(anchor, unit, every, item.due_on) is not None
        writer.add(
            item.key,
            item.due_on,
            title(item),
            f"Your reminder, {repeat_text(unit, every)}.",
            item.kind.value,
            recurrence_rule(anchor, unit, every) if goes_on else None,  # no day left to repeat
        )
    return writer.calendar.to_ical(), writer.count
