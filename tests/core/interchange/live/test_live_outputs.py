"""Live outputs are written atomically, only when an entry changed, and a failure is a
sentence that names the file and leaves the earlier file (and the user's save) as they were."""

from __future__ import annotations

import errno
import os
from datetime import timedelta

from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.interchange.live.calendar_file import LiveCalendar
from colearn_desktop.core.interchange.live.outputs import refresh_outputs
from tests.conftest import TODAY


def test_a_change_no_entry_shows_leaves_the_file_untouched(journal, tmp_path):
    live = LiveCalendar(tmp_path / "colearn.ics")
    journal.reminders.add(ReminderInput("Send invoices", TODAY.date() + timedelta(days=3)))
    (first,) = refresh_outputs([live], journal)
    assert first.message == f"Wrote 1 calendar entry to {live.path}."
    os.utime(live.path, (1_000_000, 1_000_000))
    journal.clock.advance(minutes=5)  # only DTSTAMP would differ
    (again,) = refresh_outputs([live], journal)
    assert again.message == (f"The calendar file {live.path} was already up to date (1 entry).")
    assert live.path.stat().st_mtime == 1_000_000
    journal.reminders.add(ReminderInput("Call the bank", TODAY.date()))
    refresh_outputs([live], journal)
    assert b"Call the bank" in live.path.read_bytes()


def test_a_full_disk_keeps_the_earlier_file_and_says_so(journal, tmp_path, monkeypatch):
    live = LiveCalendar(tmp_path / "colearn.ics")
    journal.reminders.add(ReminderInput("Send invoices", TODAY.date()))
    refresh_outputs([live], journal)
    before = live.path.read_bytes()
    journal.reminders.add(ReminderInput("Call the bank", TODAY.date()))

    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    (result,) = refresh_outputs([live], journal)
    assert not result.ok
    assert result.message == (
        f"The calendar file {live.path} could not be updated: the disk is full. Your change "
        "is saved in the journal and the file keeps its earlier version; free space or fix "
        "the folder, or choose another file, and it is written again after the next change."
    )
    assert live.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["colearn.ics", "data"]


def test_one_output_failing_does_not_stop_the_others(journal, tmp_path):
    backups = LiveCalendar(journal.backups_dir / "colearn.ics")
    kept = LiveCalendar(tmp_path / "colearn.ics")
    refused, written = refresh_outputs([backups, kept], journal)
    assert not refused.ok
    assert refused.message.startswith(
        f"The calendar file could not be updated: {backups.path.resolve()} is inside "
    )
    assert not backups.path.exists()
    assert written.ok
    assert kept.path.exists()
