"""The live calendar file: the reminders export, rewritten after every change.

It holds exactly what ``colearn export reminders`` writes with its defaults: every due item
from overdue (placed on today) to the next :data:`LIVE_DAYS` days as all-day events,
birthdays as yearly events and recurring reminders with their repeat rule; the same UIDs and
the same SEQUENCE rules (:mod:`..writers.ics_sequence`), so a calendar subscribed to the file
updates its entries instead of duplicating them.  Both are built by :func:`reminders_file`.

The file is rewritten only when an entry changed: ``DTSTAMP`` (the moment of writing) is not
compared, so a change that touches no calendar entry (a note on a purchase) leaves the file,
and its modification time, as it was, and a subscriber does not re-download it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.core.interchange.live.outputs import write_if_changed
from colearn_desktop.core.text import counted

if TYPE_CHECKING:
    from colearn_desktop.core.interchange.writers.ics_sequence import EntrySequences
    from colearn_desktop.core.journal import Journal

LIVE_DAYS = 90
NAME = "calendar file"
_STAMP = re.compile(rb"^DTSTAMP[:;][^\r\n]*\r?\n", re.MULTILINE)


def reminders_file(
    journal: Journal, days: int = LIVE_DAYS, *, todos: bool = False
) -> tuple[bytes, int, EntrySequences]:
    """The reminders calendar's bytes, its number of entries, and the SEQUENCE numbers to
    :meth:`~EntrySequences.save` once the file is written (the numbers a calendar saw)."""
    from colearn_desktop.core.interchange.writers.ics import reminders_calendar
    from colearn_desktop.core.interchange.writers.ics_sequence import EntrySequences

    sequences = EntrySequences.load(journal.db)
    data, count = reminders_calendar(
        journal.reminders.due(days),
        journal.reminders.birthdays(),
        journal.reminders.recurring(),
        now_utc=journal.clock.utcnow(),
        calendar_id=journal.settings.calendar_id(),
        todos=todos,
        sequences=sequences,
    )
    return data, count, sequences


def written_by_us(path: Path) -> bool:
    """Whether ``path`` holds a calendar CoLearn wrote (its PRODID near the top): turning the
    live file on over any other existing file (the user's own calendar) needs their say."""
    from colearn_desktop.core.interchange.writers.ics import PRODID

    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return f"PRODID:{PRODID}".encode() in head


def same_entries(old: bytes, new: bytes) -> bool:
    """The two files show the same entries (they may differ in their DTSTAMP lines only)."""
    return _STAMP.sub(b"", old) == _STAMP.sub(b"", new)


@dataclass
class LiveCalendar:
    """The live calendar file at ``path`` (a :class:`~.outputs.LiveOutput`)."""

    path: Path
    days: int = LIVE_DAYS
    name: str = field(default=NAME, init=False)

    def refresh(self, journal: Journal) -> str:
        data, count, sequences = reminders_file(journal, self.days)
        entries = counted(count, "entry", "entries")
        if not write_if_changed(self.path, data, journal, same=same_entries):
            return f"The calendar file {self.path} was already up to date ({entries})."
        sequences.save(journal.db)  # only once the file holds them
        return f"Wrote {counted(count, 'calendar entry', 'calendar entries')} to {self.path}."
