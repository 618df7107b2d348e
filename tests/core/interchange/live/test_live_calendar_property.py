"""Property (#19): after any sequence of changes, refreshed after each change or once after a
burst, the live calendar file is byte for byte a fresh export of the same window, and no
entry's SEQUENCE ever goes down (a calendar would ignore the newer copy)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Birthday
from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.interchange.live.calendar_file import LiveCalendar, reminders_file
from colearn_desktop.core.interchange.live.outputs import refresh_outputs
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from tests.conftest import TODAY
from tests.helpers import add_contact, log_call

DAY = TODAY.date()


def _contacts(journal: Journal) -> list[int]:
    with journal.db.read_raw() as connection:
        return [row[0] for row in connection.execute("SELECT id FROM contact ORDER BY id")]


def _due_keys(journal: Journal) -> list[str]:
    return [item.key for item in journal.reminders.due(90).items]


def _pick(values: list, index: int):
    return values[index % len(values)] if values else None


def apply(journal: Journal, step: tuple[str, int, int]) -> None:
    """One user action; a refusal (a rule with no done, an undo with nothing left) is fine:
    the property holds whatever the journal accepts."""
    action, a, b = step
    contact = _pick(_contacts(journal), a)
    key = _pick(_due_keys(journal), a)
    if action == "contact":
        birthday = Birthday(1 + b % 12, 1 + b % 28, None) if b % 3 == 0 else None
        add_contact(journal, f"P{a}", "Q", cadence_days=1 + b % 40, birthday=birthday)
    elif action == "log" and contact is not None:
        follow = DAY + timedelta(days=b % 50 - 5) if b % 2 else None
        log_call(
            journal,
            contact,
            when=TODAY - timedelta(days=b % 60),
            next_step="Send the quote" if follow else "",
            next_step_due=follow,
        )
    elif action == "reminder":
        repeat = [None, RepeatUnit.WEEK, RepeatUnit.MONTH][b % 3]
        journal.reminders.add(
            ReminderInput(
                f"R{a}", DAY + timedelta(days=b % 120 - 10), None, repeat, 1 if repeat else None
            )
        )
    elif action == "snooze" and key is not None:
        journal.reminders.snooze(key, DAY + timedelta(days=1 + b % 30))
    elif action == "done" and key is not None:
        journal.reminders.done(key)
    elif action == "archive" and contact is not None:
        journal.contacts.archive(contact)
    elif action == "delete" and contact is not None:
        journal.contacts.delete_permanently(contact)
    elif action == "undo" and journal.undo.next_undo() is not None:
        journal.undo.undo()


def entries(data: bytes) -> dict[str, int]:
    calendar = Calendar.from_ical(data)
    return {str(c["uid"]): int(c["sequence"]) for c in calendar.walk() if c.name == "VEVENT"}


steps = st.lists(
    st.tuples(
        st.sampled_from(
            ["contact", "log", "reminder", "snooze", "done", "archive", "delete", "undo"]
        ),
        st.integers(0, 50),
        st.integers(0, 500),
        st.booleans(),  # refresh right after this change, or coalesce it with the next ones
    ),
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_the_live_file_is_a_fresh_export_and_sequence_only_grows(journal_template, steps):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data" / "journal.sqlite3"
        path.parent.mkdir()
        shutil.copyfile(journal_template, path)
        journal = open_journal(path, clock=FixedClock(TODAY))
        live = LiveCalendar(Path(folder) / "colearn.ics")
        seen: dict[str, int] = {}

        def refresh() -> None:
            (result,) = refresh_outputs([live], journal)
            assert result.ok, result.message
            for uid, number in entries(live.path.read_bytes()).items():
                assert number >= seen.get(uid, number), f"SEQUENCE of {uid} went down"
                seen[uid] = number

        try:
            for action, a, b, refresh_now in steps:
                try:
                    apply(journal, (action, a, b))
                except JournalError:
                    continue
                if refresh_now:
                    refresh()
            refresh()
            fresh, _, sequences = reminders_file(journal)
            assert live.path.read_bytes() == fresh
            assert not sequences.changed  # the fresh export found nothing new to number
        finally:
            journal.close()
