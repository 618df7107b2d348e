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
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from colearn_desktop.core.contact_fields import TEXT_FIELDS
from colearn_desktop.core.demo_journal import demo_vocabulary as words
from colearn_desktop.core.demo_journal.demo_activity import (
    EMAILS,
    HISTORY_DAYS,
    INSERTS,
    PHONES,
    ActivityGenerator,
    Rows,
    sql_datetime,
)
from colearn_desktop.core.enums import AskStatus, Stage
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.fulltext.search_index import bulk_insert
from colearn_desktop.core.people.contact_cache import bulk_load
from colearn_desktop.core.storage.settings import DEFAULT_STAGE_CADENCE
from colearn_desktop.core.text import display_name, fold

if TYPE_CHECKING:  # the facade hands itself in; the demo never imports it at run time
    from colearn_desktop.core.journal import Journal

CHUNK = 1000
Progress = Callable[[int, int], None]

_STAGES = [Stage.NETWORK] * 3 + [Stage.SEARCH] * 2 + [Stage.SHOP] + [Stage.HELP] * 4


@dataclass(frozen=True)
class DemoReport:
    contacts: int
    conversations: int
    favours: int
    purchases: int
    reminders: int
    seconds: float


# Letters that do not decompose into a base letter and an accent.
_LATIN = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "œ": "oe"})


def _ascii(text: str) -> str:
    """An address-safe spelling: "Østerbro Lantern" -> "osterbro lantern"."""
    folded = fold(text).translate(_LATIN)
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch == " "))


class _Generator(ActivityGenerator):
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
        self, rows: Rows, contact_id: int, ids: dict[str, int], tag_ids: dict[str, int]
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
        job_title = rng.choice(words.JOB_TITLES) if company else ""
        texts = {
            "given_name": given,
            "family_name": family,
            "name": name,
            "company": company,
            "job_title": job_title,
            "website": f"https://{_ascii(company).replace(' ', '')}.example" if company else "",
            "how_met": rng.choice(words.HOW_MET),
        }
        rows.contact.append(
            {
                "id": contact_id,
                **{f.column: texts.get(f.name, "") for f in TEXT_FIELDS},
                "display_name": shown,
                "sort_name": fold(shown),
                "birthday_month": birthday[0],
                "birthday_day": birthday[1],
                "birthday_year": birthday[2],
                "stage": stage.value,
                "cadence_days": cadence,
                "referred_by_id": referrer,
                "last_contact_at": last_at,
                "created_at": sql_datetime(
                    datetime.combine(created, datetime.min.time()).replace(hour=9)
                ),
                "updated_at": self.stamp,
            }
        )
        # The id keeps addresses unique in a journal of any size (people with one name exist).
        handle = f"{handle or 'hello'}{contact_id}"
        for position in range(1 if rng.random() < 0.8 else 2):
            address = f"{handle}{position or ''}@{rng.choice(words.EMAIL_DOMAINS)}"
            rows.email.append(
                (contact_id, rng.choice(words.LABELS_EMAIL), address, EMAILS.key(address), position)
            )
        for position in range(rng.choice((0, 1, 1, 2))):
            number = (
                f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
            )
            rows.phone.append(
                (contact_id, words.LABELS_PHONE[position], number, PHONES.key(number), position)
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
            rows = Rows()
            for offset in range(size):
                generator.contact(rows, first_contact + made + offset, ids, tag_ids)
            # Referrers must exist when their referral is written: keep the reference only
            # to contacts of earlier chunks or earlier in this one.
            for row in rows.contact:
                referrer = row["referred_by_id"]
                if referrer is not None and not first_contact <= referrer < row["id"]:
                    row["referred_by_id"] = None
            rows.referral_state = [
                generator.referral_state(row["id"], row["created_at"][:10])
                for row in rows.contact
                if row["referred_by_id"]
            ]
            for table, sql in INSERTS.items():
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
