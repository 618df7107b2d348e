"""Each journal has its own random identifier for calendar UIDs: made on the first export,
kept in the journal (so every later export, a reopened journal and its backups agree), and
never a preference the user could change by accident."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.interchange.writers.ics import reminders_calendar
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.settings import CALENDAR_ID_KEY
from tests.helpers import add_contact, log_call


def stored(journal) -> list[str]:
    with journal.db.read_raw() as connection:
        rows = connection.execute("SELECT value FROM setting WHERE key = ?", (CALENDAR_ID_KEY,))
        return [value for (value,) in rows]


def test_made_once_and_kept_in_the_journal(journal, journal_path, clock):
    assert stored(journal) == []  # nothing until the first export asks for it
    made = journal.settings.calendar_id()
    assert len(made) == 16
    assert made.isalnum()
    assert journal.settings.calendar_id() == made
    assert len(stored(journal)) == 1
    journal.close()
    reopened = open_journal(journal_path, clock=clock)
    try:
        assert reopened.settings.calendar_id() == made
    finally:
        reopened.close()


def test_every_journal_has_its_own(journal, tmp_path, new_journal_file):
    other = open_journal(
        new_journal_file(tmp_path / "other.sqlite3"), clock=FixedClock(datetime(2026, 11, 22))
    )
    try:
        assert other.settings.calendar_id() != journal.settings.calendar_id()
    finally:
        other.close()


def test_not_a_preference(journal):
    journal.settings.calendar_id()
    assert not hasattr(journal.settings.get(), CALENDAR_ID_KEY)
    with pytest.raises(ValidationError):
        journal.settings.update(calendar_id="mine")


def test_the_uids_carry_it(journal):
    ana = add_contact(journal, cadence_days=30)
    log_call(journal, ana, when=datetime(2026, 9, 1, 10))
    calendar_id = journal.settings.calendar_id()
    data, count = reminders_calendar(
        journal.reminders.due(7),
        journal.reminders.birthdays(),
        journal.reminders.recurring(),
        now_utc=journal.clock.utcnow(),
        calendar_id=calendar_id,
    )
    assert count >= 1
    assert f"UID:cadence-{ana}@{calendar_id}.colearn.journal".encode() in data
