"""The duplicate finder as the journal offers it: groups of likely duplicates, the user's
"not the same person" marks, and the check before a new contact is made.

The whole journal is read with four plain queries (contacts, e-mail keys, phone keys, marks)
and matched in memory by :mod:`matcher`: on the 100,000-contact demo journal (where nearly
everyone is in a group) about 6 s of CPU and a peak near 300 MB, nothing kept afterwards.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from colearn_desktop.core.people.duplicates.keys import (
    default_region,
    name_words,
    trailing_digits,
)
from colearn_desktop.core.people.duplicates.matcher import (
    Group,
    Pair,
    Person,
    Reason,
    find_groups,
    no_cycle_collection,
)
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import NotSamePerson
from colearn_desktop.core.storage.settings import SettingsService
from colearn_desktop.core.text import display_name, email_key, phone_key

# The id the matcher gives a contact not yet in the journal (ids there start at 1).
_NEW = 0
# At most this many journal contacts are compared with a new one by its name's words.
_NAME_CANDIDATES = 2000


@dataclass(frozen=True)
class Member:
    """A contact of a group, as a list shows it."""

    id: int
    name: str
    company: str
    email: str  # the first e-mail address, or ""


@dataclass(frozen=True)
class DuplicateGroup:
    score: int  # 0-100: how sure
    members: tuple[Member, ...]
    pairs: tuple[Pair, ...]  # best first, each with why

    def reasons(self) -> list[Reason]:
        """Every reason of the group once, in the order of its pairs."""
        return list(dict.fromkeys(r for pair in self.pairs for r in pair.reasons))


@dataclass(frozen=True)
class LikelyDuplicate:
    contact_id: int
    name: str
    score: int
    reasons: tuple[Reason, ...]


def _people(connection: sqlite3.Connection, ids: list[int] | None = None) -> list[Person]:
    """Active contacts (all, or those of ``ids``) as the matcher compares them."""
    scope = f"IN ({','.join('?' * len(ids))})" if ids is not None else "IS NOT NULL"
    args = tuple(ids or ())
    found = connection.execute(
        f"SELECT id, display_name, company FROM contact WHERE archived_at IS NULL AND id {scope}",
        args,
    ).fetchall()
    keys: dict[str, dict[int, list[str]]] = {"email": defaultdict(list), "phone": defaultdict(list)}
    for kind, sql in (
        ("email", f"SELECT contact_id, address_key FROM contact_email WHERE contact_id {scope}"),
        ("phone", f"SELECT contact_id, number_key FROM contact_phone WHERE contact_id {scope}"),
    ):
        for owner, key in connection.execute(sql, args):
            keys[kind][owner].append(key)
    return [
        Person(i, name, company, tuple(keys["email"].get(i, ())), tuple(keys["phone"].get(i, ())))
        for i, name, company in found
    ]


class DuplicateService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService):
        self._ctx = ctx
        self._settings = settings

    def region(self) -> str:
        """The phone region numbers without a country code are read in."""
        return self._settings.get().phone_region or default_region()

    def groups(self, limit: int | None = None) -> list[DuplicateGroup]:
        """Groups of active contacts that are probably one person, best first."""
        region = self.region()
        # Some 10 objects per contact live until the end: see no_cycle_collection.
        with no_cycle_collection(), self._ctx.db.read_raw() as connection:
            people = _people(connection)
            excluded = frozenset(
                connection.execute("SELECT contact_a, contact_b FROM not_same_person")
            )
            found = find_groups(people, region, excluded).groups[:limit]
            shown = {p.id: p for p in people}
            first_email = _first_emails(connection, {i for g in found for i in g.ids})
            return [_group_view(group, shown, first_email) for group in found]

    def likely_duplicates_of(self, data: ContactInput) -> list[LikelyDuplicate]:
        """Contacts already in the journal that ``data`` (a contact about to be made) is
        probably, best first: same e-mail, same phone, same name, similar name with a shared
        company or e-mail domain."""
        name = display_name(data.given_name, data.family_name, data.name)
        new = Person(
            _NEW,
            name,
            data.company,
            tuple(email_key(e.value) for e in data.emails),
            tuple(phone_key(p.value) for p in data.phones),
        )
        region = self.region()
        with self._ctx.db.read_raw() as connection:
            people = _people(connection, _candidates(connection, new))
        shown = {p.id: p.name for p in people}
        found = find_groups([new, *people], region).groups
        pairs = [p for g in found for p in g.pairs if _NEW in (p.a, p.b)]
        pairs.sort(key=lambda p: (-p.score, p.b))
        return [LikelyDuplicate(p.b, shown[p.b], p.score, tuple(p.reasons)) for p in pairs]

    def mark_not_same(self, first: int, second: int) -> Change:
        """Remember that ``first`` and ``second`` are two people: never suggested again."""
        a, b = self._pair(first, second)
        names = self._names(a, b)
        with self._ctx.db.write(f"Mark {names} as not the same person") as session:
            session.execute(
                sqlite_insert(NotSamePerson)
                .values(contact_a=a, contact_b=b, marked_at=self._ctx.clock.utcnow())
                .on_conflict_do_nothing()
            )
        return self._ctx.changed(Topic.CONTACTS, a, b, action=Action.UPDATED)

    def unmark_not_same(self, first: int, second: int) -> Change:
        """Forget a "not the same person" mark: the pair may be suggested again."""
        a, b = self._pair(first, second)
        names = self._names(a, b)
        with self._ctx.db.write(f"Forget that {names} are not the same person") as session:
            session.execute(
                delete(NotSamePerson).where(
                    col(NotSamePerson.contact_a) == a, col(NotSamePerson.contact_b) == b
                )
            )
        return self._ctx.changed(Topic.CONTACTS, a, b, action=Action.UPDATED)

    def not_same_pairs(self) -> list[tuple[int, int]]:
        with self._ctx.db.read_raw() as connection:
            found = connection.execute(
                "SELECT contact_a, contact_b FROM not_same_person ORDER BY contact_a, contact_b"
            ).fetchall()
        return [(a, b) for a, b in found]

    @staticmethod
    def _pair(first: int, second: int) -> tuple[int, int]:
        if first == second:
            raise ValidationError.single(
                "contacts",
                f"#{first} was named twice: name two different contacts; nothing was marked",
            )
        return (first, second) if first < second else (second, first)

    def _names(self, a: int, b: int) -> str:
        with self._ctx.db.read_raw() as connection:
            names = dict(
                connection.execute(
                    "SELECT id, display_name FROM contact WHERE id IN (?, ?)", (a, b)
                ).fetchall()
            )
        missing = [f"#{i}" for i in (a, b) if i not in names]
        if missing:
            verb = "is not a contact" if len(missing) == 1 else "are not contacts"
            raise ValidationError.single(
                "contacts", f"{' and '.join(missing)} {verb} of this journal; nothing was marked"
            )
        return f"{names[a]} and {names[b]}"


def _first_emails(connection: sqlite3.Connection, ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for owner, address in connection.execute(
            f"SELECT contact_id, address FROM contact_email WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, position DESC, id DESC",
            chunk,
        ):
            found[owner] = address  # the last written wins: the first by position
    return found


def _group_view(group: Group, shown: dict[int, Person], emails: dict[int, str]) -> DuplicateGroup:
    members = tuple(
        Member(i, shown[i].name, shown[i].company, emails.get(i, "")) for i in group.ids
    )
    return DuplicateGroup(group.score, members, tuple(group.pairs))


def _candidates(connection: sqlite3.Connection, new: Person) -> list[int]:
    """Journal contacts that could match ``new``: by its e-mails and phones (indexed; phones
    by their last digits), its company, and contacts whose name holds its longest word."""
    ids: set[int] = set()

    def add(sql: str, *args: object) -> None:
        ids.update(row[0] for row in connection.execute(sql, args))

    for address in new.emails:
        add("SELECT contact_id FROM contact_email WHERE address_key = ?", address)
        domain = address.rpartition("@")[2]
        if domain:
            add(
                "SELECT contact_id FROM contact_email WHERE address_key LIKE ? LIMIT ?",
                f"%@{domain}",
                _NAME_CANDIDATES,
            )
    for number in new.phones:
        digits = trailing_digits(number)
        if len(digits) >= 6:
            add("SELECT contact_id FROM contact_phone WHERE number_key LIKE ?", f"%{digits}")
    if new.company:
        add("SELECT id FROM contact WHERE company = ? COLLATE NOCASE", new.company)
    words = sorted(name_words(new.name), key=len, reverse=True)
    if words:
        add(
            "SELECT id FROM contact WHERE sort_name LIKE ? AND archived_at IS NULL LIMIT ?",
            f"%{words[0]}%",
            _NAME_CANDIDATES,
        )
    return sorted(ids)
