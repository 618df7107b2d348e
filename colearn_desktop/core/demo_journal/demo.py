"""A realistic, deterministic demo journal, built fast enough for benchmarks.

People with varied names (accents, other scripts, right-to-left), companies, three years of
conversations with notes and learnings, favours both ways, purchases, tags, referrals, and some
contacts who have drifted and are overdue for a touch.  The same seed and the same "today" give
the same journal.

Rows are generated in chunks and written with ``executemany`` on the driver connection inside
one transaction: 100,000 contacts with 1,000,000 conversations take minutes, not hours, and a
failure leaves the journal as it was.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.demo_journal import demo_vocabulary as words
from colearn_desktop.core.enums import AskStatus, Channel, FavourDirection, FavourStatus, Stage
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.fulltext.search_index import bulk_insert
from colearn_desktop.core.people.contact_cache import bulk_load
from colearn_desktop.core.storage.settings import DEFAULT_STAGE_CADENCE
from colearn_desktop.core.text import display_name, email_key, fold, phone_key

if TYPE_CHECKING:  # the facade hands itself in; the demo never imports it at run time
    from colearn_desktop.core.journal import Journal

CHUNK = 1000
HISTORY_DAYS = 3 * 365
Progress = Callable[[int, int], None]

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
_STAGES = [Stage.NETWORK] * 3 + [Stage.SEARCH] * 2 + [Stage.SHOP] + [Stage.HELP] * 4


def sql_datetime(value: datetime) -> str:
    """The text form SQLAlchemy stores for a DateTime on SQLite (sorts and compares right)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass(frozen=True)
class DemoReport:
    contacts: int
    conversations: int
    favours: int
    purchases: int
    reminders: int
    seconds: float


@dataclass
class _Rows:
    """One chunk of generated rows, per table, ready for ``executemany``."""

    contact: list[tuple[Any, ...]] = field(default_factory=list)
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


_INSERTS = {
    "contact": "INSERT INTO contact (id, given_name, family_name, name, display_name, sort_name, "
    "company, job_title, address, website, birthday_month, birthday_day, birthday_year, stage, "
    "cadence_days, how_met, referred_by_id, notes, last_contact_at, created_at, updated_at) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "email": "INSERT INTO contact_email (contact_id, label, address, address_key, position) "
    "VALUES (?,?,?,?,?)",
    "phone": "INSERT INTO contact_phone (contact_id, label, number, number_key, position) "
    "VALUES (?,?,?,?,?)",
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


# Letters that do not decompose into a base letter and an accent.
_LATIN = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "œ": "oe"})


def _ascii(text: str) -> str:
    """An address-safe spelling: "Østerbro Lantern" -> "osterbro lantern"."""
    folded = fold(text).translate(_LATIN)
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch == " "))


class _Generator:
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

    def person(self) -> tuple[str, str, str, str]:
        """Given, family and single name, and the Latin handle of their e-mail address.

        Full names repeat as rarely as in a real journal: a name already taken is drawn again,
        then given a middle initial; only a journal bigger than every combination (the
        benchmarks' 100,000) repeats a name."""
        rng = self.rng
        if rng.random() < 0.06:
            name, handle = rng.choice(words.SINGLE_NAMES)
            if name not in self.used_names:
                self.used_names.add(name)
                return "", "", name, handle
        for attempt in range(12):
            given_names, family_names = rng.choice(words.CULTURES)
            given, family = rng.choice(given_names), rng.choice(family_names)
            if attempt >= 8:  # crowded: "Anna K. Schmidt" before a second "Anna Schmidt"
                given = f"{given} {rng.choice(words.MIDDLE_INITIALS)}."
            if display_name(given, family, "") not in self.used_names:
                break
        self.used_names.add(display_name(given, family, ""))
        handle = ".".join(_ascii(f"{given} {family}").split())
        return given, family, "", handle

    def company(self, family: str) -> str:
        rng = self.rng
        if rng.random() < 0.35:
            return ""
        return rng.choice(words.COMPANY_PATTERNS).format(
            noun=rng.choice(words.COMPANY_NOUNS),
            adjective=rng.choice(words.COMPANY_ADJECTIVES),
            family=family or rng.choice(words.CULTURES[0][1]),
        )

    def contact(
        self, rows: _Rows, contact_id: int, ids: dict[str, int], tag_ids: dict[str, int]
    ) -> None:
        rng = self.rng
        given, family, name, handle = self.person()
        shown = display_name(given, family, name)
        company = self.company(family)
        created = self.start + timedelta(days=rng.randint(0, HISTORY_DAYS - 30))
        stage = rng.choice(_STAGES)
        cadence = rng.choice((14, 30, 45, 60, 90)) if rng.random() < 0.5 else None
        tags = rng.sample(words.TAGS, rng.randint(0, 3))
        tag_cadences = [words.TAG_CADENCES[t] for t in tags if t in words.TAG_CADENCES]
        expected = cadence or min(tag_cadences, default=0) or DEFAULT_STAGE_CADENCE[stage.value]
        # Most people are kept in touch with on time; some have drifted and are overdue.
        drifted = rng.random() < 0.07
        recent = max(1, min(45, (expected or 45) - 3))
        last_day = self.today - timedelta(
            days=rng.randint(45, 200) if drifted else rng.randint(0, recent)
        )
        # Someone with K conversations was met at least a few weeks per conversation ago.
        earliest = last_day - timedelta(days=max(30, 14 * self.per_contact))
        created = max(self.start, min(created, earliest))
        last_day = max(last_day, created)
        referrer = None
        if contact_id > 10 and rng.random() < 0.15:
            referrer = rng.randint(max(1, contact_id - 5000), contact_id - 1)
        birthday: tuple[int | None, int | None, int | None] = (None, None, None)
        if rng.random() < 0.4:
            month, day_ = (
                (2, 29) if rng.random() < 0.02 else (rng.randint(1, 12), rng.randint(1, 28))
            )
            year = (
                rng.randint(1955, 2000) if rng.random() < 0.7 and (month, day_) != (2, 29) else None
            )
            if (month, day_) == (2, 29) and rng.random() < 0.5:
                year = rng.choice((1984, 1988, 1992, 1996))
            birthday = (month, day_, year)

        last_at = self.conversations(rows, contact_id, created, last_day, ids)
        rows.contact.append(
            (
                contact_id,
                given,
                family,
                name,
                shown,
                fold(shown),
                company,
                rng.choice(words.JOB_TITLES) if company else "",
                "",
                f"https://{_ascii(company).replace(' ', '')}.example" if company else "",
                *birthday,
                stage.value,
                cadence,
                rng.choice(words.HOW_MET),
                referrer,
                "",
                last_at,
                sql_datetime(datetime.combine(created, datetime.min.time()).replace(hour=9)),
                self.stamp,
            )
        )
        # The id keeps addresses unique in a journal of any size (people with one name exist).
        handle = f"{handle or 'hello'}{contact_id}"
        for position in range(1 if rng.random() < 0.8 else 2):
            address = f"{handle}{position or ''}@{rng.choice(words.EMAIL_DOMAINS)}"
            rows.email.append(
                (contact_id, rng.choice(words.LABELS_EMAIL), address, email_key(address), position)
            )
        for position in range(rng.choice((0, 1, 1, 2))):
            number = (
                f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
            )
            rows.phone.append(
                (contact_id, words.LABELS_PHONE[position], number, phone_key(number), position)
            )
        for tag in tags:
            rows.contact_tag.append((contact_id, tag_ids[tag]))
        self.favours(rows, contact_id, created, ids)
        if stage in (Stage.HELP, Stage.SHOP):
            self.purchases(rows, contact_id, created, last_day, stage)
        if rng.random() < 0.03:
            due = self.today + timedelta(days=rng.randint(-5, 30))
            repeat = rng.choice(((None, None), ("month", 1), ("week", 2), ("year", 1)))
            rows.reminder.append(
                (
                    contact_id,
                    rng.choice(words.REMINDERS),
                    due.isoformat(),
                    due.isoformat(),
                    *repeat,
                    self.stamp,
                    self.stamp,
                )
            )
        if stage is Stage.HELP and rng.random() < 0.08:
            asked = self.day(created, self.today)
            status = rng.choice(list(AskStatus))
            status_on = (
                None if status is AskStatus.ASKED else self.day(asked, self.today).isoformat()
            )
            message = (
                f"Hi {given or shown}, would you know anyone who could use a hand like I gave you?"
            )
            rows.ask.append(
                (
                    contact_id,
                    asked.isoformat(),
                    message,
                    status.value,
                    status_on,
                    self.stamp,
                    self.stamp,
                )
            )

    def referral_state(self, contact_id: int, added: str) -> tuple[Any, ...]:
        """Old referrals were thanked long ago; some recent ones still wait for a thank-you."""
        recent = (self.today - date.fromisoformat(added)).days < 45
        thanked = None if recent and self.rng.random() < 0.6 else added
        return (contact_id, 0, added, thanked)

    def conversations(
        self, rows: _Rows, contact_id: int, created: date, last_day: date, ids: dict[str, int]
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

    def favours(self, rows: _Rows, contact_id: int, created: date, ids: dict[str, int]) -> None:
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
        self, rows: _Rows, contact_id: int, created: date, last_day: date, stage: Stage
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


def _next_ids(connection: sqlite3.Connection) -> dict[str, int]:
    def next_id(table: str) -> int:
        return (connection.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1

    return {
        "contact": next_id("contact"),
        "conversation": next_id("conversation"),
        "favour": next_id("favour"),
    }


def _tag_ids(connection: sqlite3.Connection, stamp: str) -> dict[str, int]:
    ids = {}
    for name in words.TAGS:
        key = fold(name)
        connection.execute(
            "INSERT INTO tag (name, name_key, cadence_days, created_at) VALUES (?,?,?,?) "
            "ON CONFLICT(name_key) DO NOTHING",
            (name, key, words.TAG_CADENCES.get(name), stamp),
        )
        ids[name] = connection.execute("SELECT id FROM tag WHERE name_key = ?", (key,)).fetchone()[
            0
        ]
    return ids


def _chunks(total: int) -> Iterator[int]:
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        yield size
        done += size


def generate_demo(
    journal: Journal,
    *,
    contacts: int = 200,
    conversations_per_contact: int = 10,
    seed: int = 1,
    append: bool = False,
    progress: Progress | None = None,
) -> DemoReport:
    """Fill ``journal`` with demo data.  Refuses a journal that already has contacts unless
    ``append`` is set, so the user's real contacts are never mixed with invented ones."""
    if contacts < 0 or conversations_per_contact < 0:
        raise ValidationError.single("contacts", "must not be negative")
    if not append and journal.stats().contacts + journal.stats().archived_contacts:
        raise ValidationError.single(
            "journal", "already has contacts; use an empty journal (or --append to add more)"
        )
    started = time.perf_counter()
    rng = random.Random(seed)
    generator = _Generator(
        rng, journal.clock.today(), journal.clock.utcnow(), conversations_per_contact
    )
    totals = dict.fromkeys(("conversation", "favour", "purchase", "reminder"), 0)
    # The search index and the contacts' cached list values are filled once at the end
    # rather than by triggers firing for every row.
    with journal.db.raw() as connection, bulk_insert(connection), bulk_load(connection):
        ids = _next_ids(connection)
        tag_ids = _tag_ids(connection, generator.stamp)
        first_contact = ids["contact"]
        made = 0
        for size in _chunks(contacts):
            rows = _Rows()
            for offset in range(size):
                generator.contact(rows, first_contact + made + offset, ids, tag_ids)
            # Referrers must exist when their referral is written: keep the reference only
            # to contacts of earlier chunks or earlier in this one.
            rows.contact = [
                row
                if row[16] is None or first_contact <= row[16] < row[0]
                else (*row[:16], None, *row[17:])
                for row in rows.contact
            ]
            rows.referral_state = [
                generator.referral_state(row[0], row[19][:10]) for row in rows.contact if row[16]
            ]
            for table, sql in _INSERTS.items():
                batch = getattr(rows, table)
                if batch:
                    connection.executemany(sql, batch)
            made += size
            totals["conversation"] += len(rows.conversation)
            totals["favour"] += len(rows.favour)
            totals["purchase"] += len(rows.purchase)
            totals["reminder"] += len(rows.reminder)
            if progress is not None:
                progress(made, contacts)
    journal.events.publish(Change(Topic.CONTACTS, action=Action.CREATED))
    return DemoReport(
        contacts=contacts,
        conversations=totals["conversation"],
        favours=totals["favour"],
        purchases=totals["purchase"],
        reminders=totals["reminder"],
        seconds=time.perf_counter() - started,
    )
