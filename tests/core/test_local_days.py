"""Every "day" is the user's local day (issue #13): keeping in touch with someone never
talked to counted from the UTC day they were added, a day early east of Greenwich and a day
late west of it, and "added -1 days ago" was shown.  Each test runs in a real time zone (TZ
and time.tzset(), put back afterwards), at 23:30 local on 31 December and around daylight-
saving switches (Lord Howe's is half an hour)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from colearn_desktop.core.due.describe import reason
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.reports.brief import as_text
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import upgrade
from tests.helpers import add_contact

ZONES = ["Pacific/Kiritimati", "America/Los_Angeles", "Australia/Lord_Howe", "UTC"]
# Local wall-clock moments: a year end, and just after each zone's 2026 switches.
MOMENTS = [
    datetime(2026, 12, 31, 23, 30),
    datetime(2026, 1, 1, 0, 30),
    datetime(2026, 3, 8, 3, 30),  # Los Angeles springs forward at 02:00
    datetime(2026, 11, 1, 1, 30),  # Los Angeles falls back (01:30 happens twice)
    datetime(2026, 4, 5, 1, 45),  # Lord Howe goes back half an hour at 02:00
    datetime(2026, 10, 4, 2, 45),  # Lord Howe goes forward half an hour at 02:00
]


@pytest.fixture(params=ZONES)
def zone(request) -> Iterator[ZoneInfo]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield ZoneInfo(request.param)
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@dataclass
class ZoneClock:
    """The system clock frozen at one instant: local times through the process's zone."""

    instant: datetime  # aware

    def now(self) -> datetime:
        return self.instant.astimezone().replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def utcnow(self) -> datetime:
        return self.instant.astimezone(UTC).replace(tzinfo=None)


def at_local(zone: ZoneInfo, moment: datetime) -> ZoneClock:
    return ZoneClock(moment.replace(tzinfo=zone))


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_new_contact_is_due_a_cadence_after_the_local_day_added(
    tmp_path, zone, moment, new_journal_file
):
    clock = at_local(zone, moment)
    journal = open_journal(new_journal_file(tmp_path / "j.sqlite3"), clock=clock)
    try:
        ana = add_contact(journal, cadence_days=10)
        added = moment.date()
        assert clock.today() == added  # the zone's own day, whatever UTC says
        with journal.db.read_raw() as connection:
            stored = connection.execute(
                "SELECT added_on, keep_in_touch_on FROM contact WHERE id = ?", (ana,)
            ).fetchone()
        assert stored == (added.isoformat(), (added + timedelta(days=10)).isoformat())
        clock.instant += timedelta(days=10)
        (item,) = journal.reminders.due(0).items
        assert item.due_on == added + timedelta(days=10)
        assert reason(item, clock.today()).startswith("never talked; added 10 days ago")
        clock.instant -= timedelta(days=10)
        assert journal.reminders.due(10).items[0].facts["days_since"] == 0
        assert journal.check() == []
    finally:
        journal.close()


@pytest.mark.parametrize("moment", MOMENTS[:2])
def test_a_row_inserted_without_its_day_gets_the_local_one(
    tmp_path, zone, moment, new_journal_file
):
    """Imports, restores and demo data write ``created_at`` (UTC) only."""
    journal = open_journal(new_journal_file(tmp_path / "j.sqlite3"), clock=at_local(zone, moment))
    try:
        utc = moment.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
        with journal.db.raw() as connection:
            connection.execute(
                "INSERT INTO contact (display_name, sort_name, cadence_days, created_at, "
                "updated_at) VALUES ('Bo', 'bo', 5, ?, ?)",
                (str(utc), str(utc)),
            )
            assert connection.execute("SELECT added_on FROM contact").fetchone() == (
                moment.date().isoformat(),
            )
    finally:
        journal.close()


def test_revision_0007_dates_existing_contacts_in_the_local_zone(tmp_path, zone):
    path = tmp_path / "old.sqlite3"
    engine = create_journal_engine(path)
    upgrade(engine, path, target="0006")
    engine.dispose()
    added_local = datetime(2026, 12, 31, 23, 30, tzinfo=zone)
    utc = str(added_local.astimezone(UTC).replace(tzinfo=None))
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO contact (display_name, sort_name, cadence_days, created_at, updated_at) "
            "VALUES ('Bo', 'bo', 5, ?, ?)",
            (utc, utc),
        )
    connection.close()
    journal = open_journal(path, clock=ZoneClock(added_local + timedelta(days=1)))
    try:
        with journal.db.read_raw() as connection:
            stored = connection.execute("SELECT added_on, keep_in_touch_on FROM contact").fetchone()
        assert stored == ("2026-12-31", "2027-01-05")
        assert journal.check() == []
    finally:
        journal.close()


def test_a_conversation_stored_for_tomorrow_never_reads_minus_one_day(journal, clock):
    ana = add_contact(journal, cadence_days=30)
    journal.conversations.log(ConversationInput(contact_ids=(ana,), happened_at=clock.now()))
    with journal.db.raw() as connection:  # written before dates had a range
        connection.execute("UPDATE conversation SET happened_at = '2026-11-23 10:00:00.000000'")
        connection.execute("UPDATE contact SET last_contact_at = '2026-11-23 10:00:00.000000'")
    (item,) = journal.reminders.due(40).items
    assert reason(item, clock.today()).startswith("last talked on 2026-11-23, after today;")
    assert "last talked on 2026-11-23, after today" in as_text(journal.brief.for_contact(ana))


@pytest.mark.parametrize("moment", MOMENTS[:2])
def test_the_csv_export_says_the_local_day_a_contact_was_added(
    tmp_path, zone, moment, new_journal_file
):
    """Our CSV's "Added" column printed the UTC day of ``created_at``; a year-end contact
    added east or west of Greenwich was exported as added the day before or after."""
    import csv

    journal = open_journal(new_journal_file(tmp_path / "j.sqlite3"), clock=at_local(zone, moment))
    try:
        add_contact(journal)
        exported = tmp_path / "contacts.csv"
        assert journal.interchange.export_contacts(exported, "csv") == 1
        with exported.open(encoding="utf-8-sig", newline="") as handle:
            (row,) = csv.DictReader(handle)
        assert row["Added"] == moment.date().isoformat()
    finally:
        journal.close()
