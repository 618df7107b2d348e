"""When a reminder notification is shown: a pure decision, fed the time (issue 19).

The tray asks :meth:`NotifySchedule.tick` whenever its timer fires; a timer fires late after
sleep and the wall clock jumps at DST or on travel, so nothing here counts elapsed time: each
tick compares the local wall-clock time with the user's digest time and the last day a
digest was shown.  That gives the promises of the issue:

- one digest a day, at or after the chosen time (the first tick after it, however late);
- quiet on a day already seen (the last digest day is remembered on this computer);
- after sleep or days away, ONE digest for the day it is now, not one per missed day;
- with "digest and due items", a dated reminder or follow-up that becomes due later in the
  day (another device wrote it, or it was added from the command line) gets its own
  notification once; what the user just did in this app is taken in quietly
  (:meth:`absorb`), as is what a restart on a seen day finds;
- "off" shows nothing.

No Qt and no journal: the caller hands in the keys of the dated items due now (a callable,
read only when needed, since counting costs a pass over the journal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


class NotifyLevel(StrEnum):
    OFF = "off"
    DIGEST = "digest"
    DIGEST_AND_DUE = "digest_and_due"


DEFAULT_LEVEL = NotifyLevel.DIGEST
DEFAULT_DIGEST_AT = time(8, 0)


@dataclass(frozen=True)
class Notices:
    """What to show on this tick: the day's digest, and/or the keys of items newly due."""

    digest: bool = False
    newly_due: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.digest or bool(self.newly_due)


@dataclass
class NotifySchedule:
    level: NotifyLevel = DEFAULT_LEVEL
    digest_at: time = DEFAULT_DIGEST_AT
    last_digest_day: date | None = None
    # The dated items already told of (in the digest or one by one) on ``announced_day``.
    announced: set[str] = field(default_factory=set)
    announced_day: date | None = None

    def digest_due(self, now: datetime) -> bool:
        """A digest is owed: notifications are on, today has not had one (a day after the
        last one: a clock set back does not repeat it) and it is the chosen time or later."""
        seen = self.last_digest_day is not None and self.last_digest_day >= now.date()
        return self.level is not NotifyLevel.OFF and not seen and now.time() >= self.digest_at

    def tick(self, now: datetime, dated_due: Callable[[], Iterable[str]]) -> Notices:
        if self.level is NotifyLevel.OFF:
            return Notices()
        today = now.date()
        if self.digest_due(now):
            self.last_digest_day = today
            if self.level is NotifyLevel.DIGEST_AND_DUE:
                self.absorb(today, dated_due())
            return Notices(digest=True)
        if self.level is not NotifyLevel.DIGEST_AND_DUE or self.last_digest_day != today:
            return Notices()  # before the digest, whatever falls due waits for it
        keys = list(dict.fromkeys(dated_due()))
        if self.announced_day != today:
            self.absorb(today, keys)  # a restart on a day already seen: quiet
            return Notices()
        new = tuple(key for key in keys if key not in self.announced)
        self.announced.update(new)
        return Notices(newly_due=new)

    def absorb(self, today: date, keys: Iterable[str]) -> None:
        """Count ``keys`` as told of today without showing anything (what the user just did
        here; what the digest already says)."""
        if self.announced_day != today:
            self.announced, self.announced_day = set(), today
        self.announced.update(keys)
