"""What the reminder rules hand back: due items with the facts behind them.

A :class:`DueItem` says *what* is due, *when*, for *whom*, and carries the structured facts
behind it (days since the last conversation, the cadence, the purchase ...) so that each caller
words the reason its own way: the screens through Qt's translations, the command line and the
calendar export in English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Any

from colearn_desktop.core.enums import RepeatUnit


class DueKind(StrEnum):
    """Why something is due; also the order of the groups on the Today screen."""

    KEEP_IN_TOUCH = "keep_in_touch"
    FOLLOW_UP = "follow_up"
    CHECK_IN = "check_in"
    FAVOUR = "favour"
    THANKS = "thanks"
    REFERRAL_ASK = "referral_ask"
    BIRTHDAY = "birthday"
    REMINDER = "reminder"


KIND_ORDER = {kind: index for index, kind in enumerate(DueKind)}


class Severity(StrEnum):
    UPCOMING = "upcoming"  # not due yet (a birthday inside its notice period, the next days)
    DUE = "due"  # due today or overdue by at most the grace period: amber
    LATE = "late"  # overdue by more than the grace period: red


@dataclass(frozen=True, slots=True, init=False)
class DueItem:
    key: str
    kind: DueKind
    # The day the rule makes it due (a birthday: the birthday itself).
    due_on: date
    # The first day it belongs on Today: the due day, a snooze, or a birthday's notice.
    shown_from: date
    snoozed_until: date | None
    contact_id: int | None
    contact_name: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        key: str,
        kind: DueKind,
        due_on: date,
        shown_from: date,
        snoozed_until: date | None,
        contact_id: int | None,
        contact_name: str,
        facts: Mapping[str, Any] | None = None,
    ):
        # Today builds up to tens of thousands of items: set the slots directly, which costs
        # a third of a frozen dataclass's generated __init__ (it stays frozen afterwards).
        _set_key(self, key)
        _set_kind(self, kind)
        _set_due_on(self, due_on)
        _set_shown_from(self, shown_from)
        _set_snoozed_until(self, snoozed_until)
        _set_contact_id(self, contact_id)
        _set_contact_name(self, contact_name)
        _set_facts(self, {} if facts is None else facts)

    @property
    def urgent_on(self) -> date:
        """The due day, moved later by a snooze: what "overdue" is measured from."""
        if self.snoozed_until is not None and self.snoozed_until > self.due_on:
            return self.snoozed_until
        return self.due_on

    def days_overdue(self, today: date) -> int:
        """Positive when overdue, 0 on the day, negative before."""
        return (today - self.urgent_on).days

    def severity(self, today: date, grace_days: int) -> Severity:
        late = self.days_overdue(today)
        if late < 0:
            return Severity.UPCOMING
        return Severity.LATE if late > grace_days else Severity.DUE

    def sort_key(self) -> tuple[date, int, str, str]:
        return (self.urgent_on, KIND_ORDER[self.kind], self.contact_name.casefold(), self.key)

    def as_json(self, today: date, grace_days: int) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind.value,
            "due_on": self.due_on.isoformat(),
            "shown_from": self.shown_from.isoformat(),
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "days_overdue": self.days_overdue(today),
            "severity": self.severity(today, grace_days).value,
            "contact_id": self.contact_id,
            "contact_name": self.contact_name,
            "facts": {
                k: v.isoformat() if isinstance(v, date) else v for k, v in self.facts.items()
            },
        }


(
    _set_key,
    _set_kind,
    _set_due_on,
    _set_shown_from,
    _set_snoozed_until,
    _set_contact_id,
    _set_contact_name,
    _set_facts,
) = (DueItem.__dict__[name].__set__ for name in DueItem.__slots__)


@dataclass(frozen=True)
class DueCount:
    """How many items one rule found, whatever the limit: all, overdue, on Today."""

    total: int = 0
    overdue: int = 0
    on_today: int = 0


@dataclass(frozen=True)
class DueReport:
    """Everything due up to ``until``, most overdue first.  With a limit, ``items`` holds the
    most overdue of each kind and ``counts`` how many there are in all."""

    today: date
    until: date
    grace_days: int
    items: tuple[DueItem, ...]
    counts: Mapping[DueKind, DueCount] = field(default_factory=dict)

    @property
    def overdue_count(self) -> int:
        return sum(c.overdue for c in self.counts.values())

    @property
    def due_today_count(self) -> int:
        """Due today or in its notice period (not overdue)."""
        return sum(c.on_today - c.overdue for c in self.counts.values())

    @property
    def upcoming_count(self) -> int:
        return sum(c.total - c.on_today for c in self.counts.values())

    def left_out(self, kind: DueKind) -> int:
        """Items of ``kind`` found but not in ``items`` (because of the limit)."""
        return self.counts.get(kind, DueCount()).total - self._shown[kind]

    @cached_property
    def _shown(self) -> Counter[DueKind]:
        """How many items of each kind ``items`` holds: counted once, not once per kind
        (Today asks for every group: 8 passes over 3,500 items, ~4 ms each)."""
        return Counter(map(attrgetter("kind"), self.items))

    @property
    def overdue(self) -> tuple[DueItem, ...]:
        return tuple(i for i in self.items if i.urgent_on < self.today)

    @property
    def due_today(self) -> tuple[DueItem, ...]:
        """Due today, plus what is in its notice period (a birthday in a few days)."""
        return tuple(
            i for i in self.items if i.urgent_on >= self.today and i.shown_from <= self.today
        )

    @property
    def on_today(self) -> tuple[DueItem, ...]:
        """What the Today screen lists: overdue, then due today."""
        return tuple(i for i in self.items if i.shown_from <= self.today)

    @property
    def upcoming(self) -> tuple[DueItem, ...]:
        return tuple(i for i in self.items if i.shown_from > self.today)

    @staticmethod
    def grouped(items: tuple[DueItem, ...]) -> list[tuple[DueKind, tuple[DueItem, ...]]]:
        """``items`` by kind, in the fixed order of :class:`DueKind`, each most overdue first."""
        groups: dict[DueKind, list[DueItem]] = {}
        for item in items:
            groups.setdefault(item.kind, []).append(item)
        return [(kind, tuple(groups[kind])) for kind in DueKind if kind in groups]


# The most units a reminder may repeat every (the dialog's range, the rule's check).
MAX_REPEAT = 1000


@dataclass(frozen=True)
class ReminderInput:
    """A reminder the user writes: once, or every ``repeat_every`` ``repeat_unit``."""

    text: str
    due_on: date
    contact_id: int | None = None
    repeat_unit: RepeatUnit | None = None
    repeat_every: int | None = None


@dataclass(frozen=True)
class ReminderView:
    id: int
    data: ReminderInput
    anchor_on: date | None
    snoozed_until: date | None
    done: bool
    contact_name: str
