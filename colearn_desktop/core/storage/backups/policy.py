"""Which backups to keep: every recent one, then one per day, week and month.

The rule is the grandfather-father-son scheme of borg and restic: for the newest ``daily``
calendar days that have a backup, the newest backup of each day is kept; likewise for ISO weeks
and for months.  It counts days *that have backups*, not days on the calendar, so a journal
left alone for a year still keeps its last backups rather than none.

On top of that everything from the last ``recent_hours`` is kept, so the backup made before an
import or a restore this morning is not thinned away by the one made on closing tonight; that is
the backup someone who regrets the import needs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

T = TypeVar("T")

MAX_DAILY = 366
MAX_WEEKLY = 520
MAX_MONTHLY = 1200


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    recent_hours: int = 48


def _newest_per_bucket(
    times: Sequence[datetime], count: int, bucket: Callable[[datetime], Hashable]
) -> set[int]:
    """Indexes (into ``times``, newest first) of the newest item in each of ``count`` buckets."""
    kept: set[int] = set()
    seen: set[Hashable] = set()
    for index, when in enumerate(times):
        if len(seen) >= count:
            break
        key = bucket(when)
        if key not in seen:
            seen.add(key)
            kept.add(index)
    return kept


def to_delete(items: Sequence[tuple[datetime, T]], now: datetime, retention: Retention) -> list[T]:
    """The items (``(taken_at, item)`` pairs) that the retention does not keep, oldest first.
    The newest item is always kept."""
    ordered = sorted(items, key=lambda pair: pair[0], reverse=True)
    if not ordered:
        return []
    times = [when for when, _ in ordered]
    recent = now - timedelta(hours=retention.recent_hours)
    keep = {0} | {index for index, when in enumerate(times) if when >= recent}
    keep |= _newest_per_bucket(times, retention.daily, lambda w: w.date())
    keep |= _newest_per_bucket(times, retention.weekly, lambda w: w.isocalendar()[:2])
    keep |= _newest_per_bucket(times, retention.monthly, lambda w: (w.year, w.month))
    return [ordered[i][1] for i in reversed(range(len(ordered))) if i not in keep]
