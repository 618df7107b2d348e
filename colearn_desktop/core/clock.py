"""Time as the journal sees it, injectable so tests can fix "today".

Reminders are about local calendar dates ("call Ana on Friday"), so the clock hands out local
dates and local wall-clock times.  Audit stamps (created/updated) use UTC so that moving to
another time zone never reorders history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Local wall-clock time, naive."""

    def today(self) -> date:
        """Local calendar date."""

    def utcnow(self) -> datetime:
        """UTC time, naive (how audit stamps are stored)."""


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return date.today()

    def utcnow(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class FixedClock:
    """A clock that stands still until told to move; used by tests and deterministic demo data."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def utcnow(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)
