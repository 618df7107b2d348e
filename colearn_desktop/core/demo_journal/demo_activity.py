"""What the demo journal's people did: conversations, favours, purchases, referrals; and the
rows and statements every generated table is written with.

The contact's own columns come from the contact field list: a text field the demo does not
fill is written empty, so a new field needs nothing here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from colearn_desktop.core.contact_fields import BY_NAME, TEXT_FIELDS, ChildTable, children
from colearn_desktop.core.demo_journal import demo_vocabulary as words
from colearn_desktop.core.enums import Channel, FavourDirection, FavourStatus, Stage

HISTORY_DAYS = 3 * 365

_CHANNELS = (
    [Channel.CALL] * 4
    + [Channel.MEETING] * 2
    + [Channel.EMAIL] * 3
    + [
        Channel.MESSAGE,
        Channel.EVENT,
        Channel.OTHER,
    ]
)


def sql_datetime(value: datetime) -> str:
    """The text form SQLAlchemy stores for a DateTime on SQLite (sorts and compares right)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass
class Rows:
    """One chunk of generated rows, per table, ready for ``executemany``."""

    contact: list[dict[str, Any]] = field(default_factory=list)  # by column
    email: list[tuple[Any, ...]] = field(default_factory=list)
    phone: list[tuple[Any, ...]] = field(default_factory=list)
    contact_tag: list[tuple[Any, ...]] = field(default_factory=list)
    conversation: list[tuple[Any, ...]] = field(default_factory=list)
    participant: list[tuple[Any, ...]] = field(default_factory=list)
    favour: list[tuple[Any, ...]] = field(default_factory=list)
    settlement: list[tuple[Any, ...]] = field(default_factory=list)
    purchase: list[tuple[Any, ...]] = field(default_factory=list)
    reminder: list[tuple[Any, ...]] = field(default_factory=list)
    ask: list[tuple[Any, ...]] = field(default_factory=list)
    referral_state: list[tuple[Any, ...]] = field(default_factory=list)


# The columns of a demo contact: every text field of the field list, then those with code of
# their own (see ``_Generator.contact``).
CONTACT_COLUMNS = (
    "id",
    *(f.column for f in TEXT_FIELDS),
    "display_name",
    "sort_name",
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "stage",
    "cadence_days",
    "referred_by_id",
    "last_contact_at",
    "created_at",
    "updated_at",
)
EMAILS = children(BY_NAME["emails"])
PHONES = children(BY_NAME["phones"])


def _list_insert(table: ChildTable) -> str:
    return (
        f"INSERT INTO {table.table} (contact_id, label, {table.value_column}, "
        f"{table.key_column}, position) VALUES (?,?,?,?,?)"
    )


INSERTS = {
    "contact": f"INSERT INTO contact ({', '.join(CONTACT_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in CONTACT_COLUMNS)})",
    "email": _list_insert(EMAILS),
    "phone": _list_insert(PHONES),
    "contact_tag": "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?,?)",
    "conversation": "INSERT INTO conversation (id, happened_at, channel, notes, learned, "
    "they_asked, next_step, next_step_due, next_step_done_at, praise, created_at, updated_at) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "participant": "INSERT INTO conversation_contact (conversation_id, contact_id) VALUES (?,?)",
    "favour": "INSERT INTO favour (id, contact_id, direction, kind, description, amount_cents, "
    "currency, started_on, due_on, status, closed_on, created_at, updated_at) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "settlement": "INSERT INTO favour_settlement (favour_id, settled_on, action, amount_cents, "
    "created_at) VALUES (?,?,?,?,?)",
    "purchase": "INSERT INTO purchase (contact_id, purchased_on, what, amount_cents, currency, "
    "created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
    "reminder": "INSERT INTO reminder (contact_id, text, due_on, anchor_on, repeat_unit, "
    "repeat_every, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
    "referral_state": "INSERT INTO contact_referral_state (contact_id, never_ask, referred_on, "
    "thanked_on) VALUES (?,?,?,?)",
    "ask": "INSERT INTO referral_ask (contact_id, asked_on, message, status, status_on, "
    "created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
}


class ActivityGenerator:
    """Draws, from one seeded ``rng``, what happened with each person since they were met."""

    def __init__(self, rng: random.Random, today: date, now: datetime, per_contact: int):
        self.rng = rng
        self.today = today
        self.stamp = sql_datetime(now)
        self.per_contact = per_contact
        self.start = today - timedelta(days=HISTORY_DAYS)
        self.used_names: set[str] = set()

    def day(self, low: date, high: date) -> date:
        span = max((high - low).days, 0)
        return low + timedelta(days=self.rng.randint(0, span))

    def referral_state(self, contact_id: int, added: str) -> tuple[Any, ...]:
        """Old referrals were thanked long ago; some recent ones still wait for a thank-you."""
        recent = (self.today - date.fromisoformat(added)).days < 45
        thanked = None if recent and self.rng.random() < 0.6 else added
        return (contact_id, 0, added, thanked)

    def conversations(
        self, rows: Rows, contact_id: int, created: date, last_day: date, ids: dict[str, int]
    ) -> str | None:
        rng = self.rng
        count = self.per_contact
        if count == 0:
            return None
        span = max((last_day - created).days, 1)
        offsets = sorted(rng.randint(0, span) for _ in range(count - 1))
        offsets.append(span)
        last = None
        for index, offset in enumerate(offsets):
            conversation_id = ids["conversation"]
            ids["conversation"] += 1
            when = datetime.combine(created + timedelta(days=offset), datetime.min.time()).replace(
                hour=rng.randint(8, 19), minute=rng.choice((0, 15, 30, 45))
            )
            topic = rng.choice(words.TOPICS)
            learned = rng.choice(words.LEARNED) if rng.random() < 0.45 else ""
            asked = rng.choice(words.ASKED).format(topic=topic) if rng.random() < 0.3 else ""
            step, due, done = "", None, None
            if rng.random() < 0.25:
                step = rng.choice(words.NEXT_STEPS)
                due_day = when.date() + timedelta(days=rng.randint(1, 14))
                due = due_day.isoformat()
                # Earlier steps were done; the latest is open when it is not due yet, and
                # forgotten now and then.
                forgotten = rng.random() < 0.15
                if index < count - 1 or (due_day <= self.today and not forgotten):
                    done = sql_datetime(
                        datetime.combine(due_day, datetime.min.time()).replace(hour=17)
                    )
            happened = sql_datetime(when)
            praise = rng.random() < 0.08
            notes = (
                rng.choice(words.PRAISE) if praise else rng.choice(words.NOTES).format(topic=topic)
            )
            rows.conversation.append(
                (
                    conversation_id,
                    happened,
                    rng.choice(_CHANNELS).value,
                    notes,
                    learned,
                    asked,
                    step,
                    due,
                    done,
                    1 if praise else 0,
                    self.stamp,
                    self.stamp,
                )
            )
            rows.participant.append((conversation_id, contact_id))
            last = max(last or happened, happened)
        return last

    def favours(self, rows: Rows, contact_id: int, created: date, ids: dict[str, int]) -> None:
        rng = self.rng
        if rng.random() >= 0.25:
            return
        for _ in range(rng.randint(1, 2)):
            favour_id = ids["favour"]
            ids["favour"] += 1
            direction = rng.choice(list(FavourDirection))
            pool = (
                words.FAVOURS_I_OWE
                if direction is FavourDirection.I_OWE
                else words.FAVOURS_THEY_OWE
            )
            kind, text = rng.choice(pool)
            cents, currency = (None, "")
            if kind in ("loan", "money"):
                cents, currency = rng.randint(20, 500) * 100, rng.choice(words.CURRENCIES)
            roll = rng.random()
            # Favours still open are mostly recent and due later; older ones were mostly
            # given back (or let go), and a few are overdue.
            still_open = roll >= 0.6
            if still_open and rng.random() < 0.8:
                started = self.day(max(created, self.today - timedelta(days=25)), self.today)
            else:
                started = self.day(created, self.today)
            due = (
                (started + timedelta(days=rng.randint(14, 60))).isoformat()
                if rng.random() < 0.5
                else None
            )
            status, closed = FavourStatus.OPEN, None
            if roll < 0.45:
                status, closed = FavourStatus.DONE, self.day(started, self.today)
                rows.settlement.append((favour_id, closed.isoformat(), "done", None, self.stamp))
            elif roll < 0.52:
                status, closed = FavourStatus.FORGIVEN, self.day(started, self.today)
                rows.settlement.append(
                    (favour_id, closed.isoformat(), "forgiven", None, self.stamp)
                )
            elif roll < 0.6:
                status = FavourStatus.PARTLY_DONE
                part = cents // 2 if cents else None
                rows.settlement.append(
                    (
                        favour_id,
                        self.day(started, self.today).isoformat(),
                        "partial",
                        part,
                        self.stamp,
                    )
                )
            rows.favour.append(
                (
                    favour_id,
                    contact_id,
                    direction.value,
                    kind,
                    text,
                    cents,
                    currency,
                    started.isoformat(),
                    due,
                    status.value,
                    closed.isoformat() if closed else None,
                    self.stamp,
                    self.stamp,
                )
            )

    def purchases(
        self, rows: Rows, contact_id: int, created: date, last_day: date, stage: Stage
    ) -> None:
        """Projects bought before the latest conversations (which followed them up), so the
        check-ins after them were mostly kept; a drifted client's are overdue."""
        rng = self.rng
        count = rng.randint(1, 4) if stage is Stage.HELP else rng.randint(0, 1)
        latest = max(created, last_day - timedelta(days=15))
        for _ in range(count):
            rows.purchase.append(
                (
                    contact_id,
                    self.day(created, latest).isoformat(),
                    rng.choice(words.PURCHASES),
                    rng.randint(3, 150) * 10000,
                    rng.choice(words.CURRENCIES),
                    self.stamp,
                    self.stamp,
                )
            )
