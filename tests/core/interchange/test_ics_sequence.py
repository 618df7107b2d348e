"""The reminders calendar as calendars read it (issue #15, RFC 5545): a to-do is due after it
starts, and SEQUENCE says whether an entry changed, not when the file was written: two
exports of an unchanged journal differ only in DTSTAMP, and an entry whose day or text
changed gets a higher SEQUENCE so the calendar takes the new copy; it never goes down."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from colearn_desktop.core.contact_fields import Birthday, ContactInput
from colearn_desktop.core.interchange.writers.ics import reminders_calendar
from colearn_desktop.core.interchange.writers.ics_sequence import EntrySequences
from tests.helpers import add_contact, log_call


def _export(journal, now: datetime, *, todos: bool = False) -> bytes:
    """As ``colearn export reminders`` does: with what the journal kept of earlier exports."""
    sequences = EntrySequences.load(journal.db)
    data, _count = reminders_calendar(
        journal.reminders.due(90),
        journal.reminders.birthdays(),
        journal.reminders.recurring(),
        now_utc=now,
        calendar_id=journal.settings.calendar_id(),
        todos=todos,
        sequences=sequences,
    )
    sequences.save(journal.db)
    return data


def _without_dtstamp(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)


def _sequences(data: bytes) -> dict[str, int]:
    calendar = Calendar.from_ical(data)
    return {
        str(entry["uid"]).split("@")[0]: int(entry["sequence"])
        for entry in calendar.walk()
        if entry.name in {"VEVENT", "VTODO"}
    }


@pytest.fixture
def people(journal):
    ana = add_contact(journal, "Ana", "García", cadence_days=30)  # overdue
    log_call(journal, ana, when=datetime(2026, 9, 1, 10))
    bo = add_contact(journal, "Bo", "Lind", cadence_days=30, birthday=Birthday(5, 21))
    log_call(journal, bo, when=datetime(2026, 11, 10, 10))  # due on 10 December
    return ana, bo


@pytest.mark.parametrize("todos", [False, True])
def test_two_exports_without_a_change_differ_only_in_dtstamp(journal, people, todos):
    morning = _export(journal, datetime(2026, 11, 22, 8, 0), todos=todos)
    evening = _export(journal, datetime(2026, 11, 22, 20, 15), todos=todos)
    assert morning != evening  # (the DTSTAMPs)
    assert _without_dtstamp(morning) == _without_dtstamp(evening)


def test_an_entry_that_moved_gets_a_higher_sequence_and_the_others_keep_theirs(journal, people):
    ana, bo = people
    before = _sequences(_export(journal, datetime(2026, 11, 22, 8, 0)))
    log_call(journal, ana, when=datetime(2026, 11, 22, 9, 0))  # Ana's entry moves a month on
    after = _sequences(_export(journal, datetime(2026, 11, 22, 9, 30)))
    assert after[f"cadence-{ana}"] > before[f"cadence-{ana}"]
    assert after[f"cadence-{bo}"] == before[f"cadence-{bo}"]
    assert after[f"birthday-{bo}"] == before[f"birthday-{bo}"]


def _rename(journal, contact_id: int, family: str) -> None:
    journal.contacts.update(
        contact_id,
        ContactInput(
            given_name="Bo", family_name=family, cadence_days=30, birthday=Birthday(5, 21)
        ),
    )


def test_a_renamed_contact_bumps_the_sequence_of_its_entries_only(journal, people):
    """The entries keep their days; their titles change, and a calendar must take them."""
    ana, bo = people
    before = _sequences(_export(journal, datetime(2026, 11, 22, 8, 0)))
    _rename(journal, bo, "Lindqvist")
    data = _export(journal, datetime(2026, 11, 22, 9, 30))
    after = _sequences(data)
    assert "Bo Lindqvist" in data.decode("utf-8")
    assert after[f"cadence-{bo}"] > before[f"cadence-{bo}"]
    assert after[f"birthday-{bo}"] > before[f"birthday-{bo}"]
    assert after[f"cadence-{ana}"] == before[f"cadence-{ana}"]


def test_a_change_taken_back_still_raises_the_sequence(journal, people):
    """A rename undone shows the old text again: the calendar holds the renamed copy with a
    higher number, so the old text must come with a higher one still."""
    _ana, bo = people
    key = f"birthday-{bo}"
    seen = [_sequences(_export(journal, datetime(2026, 11, 22, 8, 0)))[key]]
    for family in ("Lindqvist", "Lind", "Lind"):
        _rename(journal, bo, family)
        seen.append(_sequences(_export(journal, datetime(2026, 11, 22, 9, 0)))[key])
    assert seen[0] < seen[1] < seen[2] == seen[3]


def test_the_first_export_keeps_the_numbers_earlier_versions_wrote(journal, people):
    """A calendar holds entries numbered by their day (days since 2020-01-01, 0 for a yearly
    one); the first export with the journal's record must not go below them."""
    _ana, bo = people
    first = _sequences(_export(journal, datetime(2026, 11, 22, 8, 0)))
    assert first[f"cadence-{bo}"] == (datetime(2026, 12, 10) - datetime(2020, 1, 1)).days
    assert first[f"birthday-{bo}"] == 0


def test_todos_are_due_after_they_start(journal, people):
    calendar = Calendar.from_ical(_export(journal, datetime(2026, 11, 22, 8, 0), todos=True))
    todos = [entry for entry in calendar.walk() if entry.name == "VTODO"]
    assert len(todos) == 2
    for todo in todos:
        start, due = todo["dtstart"].dt, todo["due"].dt
        assert due == start + timedelta(days=1)
