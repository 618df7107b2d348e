"""Which contacts are probably one person, and why: pairs, then groups, best first.

Comparing every contact with every other is 5,000,000,000 comparisons at 100,000 contacts.
Instead each contact goes into *blocks* by the keys it has (each e-mail, each phone number,
its name key; for similar names, each word of its name together with its company or its
e-mail domain), and only contacts sharing a block are compared — and within a block each
contact only with its next :data:`WINDOW` neighbours in sorted order (the "sorted
neighbourhood" method), so a block of 3,000 people at one company named "Smith" costs
3,000 × WINDOW comparisons, not 4,500,000.  Exact keys need no comparison at all: everyone
in the block shares the key, and the window only bounds how many pairs a huge block makes
(the group still joins them all, since neighbours chain).

Pairs join into groups transitively (A~B and B~C: one group A, B, C) with the reasons of
each pair.  A pair the user marked "not the same person" is never made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz

from colearn_desktop.core.people.duplicates.keys import (
    company_key,
    email_domain,
    name_key,
    name_words,
    phone_e164,
    trailing_digits,
)

WINDOW = 20
# Similarity (0-100, rapidfuzz's normalised Indel ratio of the name keys) from which two
# names read as one person's when they also share a company or an e-mail domain.
SIMILAR_NAMES = 85


class Why(StrEnum):
    SAME_EMAIL = "same e-mail"
    SAME_PHONE = "same phone"
    SAME_NAME = "same name"
    SIMILAR_NAME = "similar name"
    SAME_COMPANY = "same company"
    SAME_DOMAIN = "same e-mail domain"


# How much each reason says; a pair scores the sum of its kinds of reason, at most 100.
WEIGHTS = {
    Why.SAME_EMAIL: 100,
    Why.SAME_PHONE: 90,
    Why.SAME_NAME: 50,
    Why.SIMILAR_NAME: 30,
    Why.SAME_COMPANY: 20,
    Why.SAME_DOMAIN: 20,
}


@dataclass(frozen=True)
class Person:
    """What the matcher compares of a contact (e-mails and phones as their stored keys)."""

    id: int
    name: str
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    why: Why
    detail: str  # the shared value ("ana@example.org", "+442079460958", "Acme", "92%")

    def __str__(self) -> str:
        return f"{self.why} ({self.detail})" if self.detail else str(self.why)


@dataclass
class Pair:
    a: int  # the smaller id
    b: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return min(100, sum(WEIGHTS[why] for why in {r.why for r in self.reasons}))


@dataclass
class Group:
    ids: tuple[int, ...]  # ascending
    pairs: list[Pair]  # best first

    @property
    def score(self) -> int:
        return max(pair.score for pair in self.pairs)


@dataclass
class Matches:
    groups: list[Group]  # best first
    comparisons: int  # name comparisons and exact-key pairs looked at (bounded: see module)


class _Pairs:
    def __init__(self, excluded: frozenset[tuple[int, int]]):
        self.found: dict[tuple[int, int], Pair] = {}
        self.excluded = excluded
        self.comparisons = 0

    def add(self, a: int, b: int, *reasons: Reason) -> None:
        key = (a, b) if a < b else (b, a)
        if key in self.excluded:
            return
        pair = self.found.setdefault(key, Pair(*key))
        pair.reasons.extend(r for r in reasons if r not in pair.reasons)


def _neighbours(ids: list[int]) -> Iterator[tuple[int, int]]:
    for index, first in enumerate(ids):
        for second in ids[index + 1 : index + 1 + WINDOW]:
            yield first, second


def _exact_blocks(people: list[Person], region: str) -> dict[tuple[Why, str], set[int]]:
    blocks: dict[tuple[Why, str], set[int]] = defaultdict(set)
    by_tail: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for person in people:
        for address in person.emails:
            blocks[Why.SAME_EMAIL, address].add(person.id)
        for number in person.phones:
            by_tail[trailing_digits(number)].add((person.id, number))
        key = name_key(person.name)
        if key:
            blocks[Why.SAME_NAME, key].add(person.id)
    for owners in by_tail.values():
        if len({owner for owner, _ in owners}) > 1:
            for owner, number in owners:
                blocks[Why.SAME_PHONE, phone_e164(number, region)].add(owner)
    return blocks


def _similar_blocks(people: list[Person]) -> dict[tuple[Why, str, str], list[int]]:
    blocks: dict[tuple[Why, str, str], list[int]] = defaultdict(list)
    for person in people:
        words = set(name_words(person.name))
        company = company_key(person.company)
        domains = {email_domain(address) for address in person.emails} - {""}
        for word in words:
            if company:
                blocks[Why.SAME_COMPANY, company, word].append(person.id)
            for domain in domains:
                blocks[Why.SAME_DOMAIN, domain, word].append(person.id)
    return blocks


def find_groups(
    people: Iterable[Person],
    region: str = "",
    excluded: frozenset[tuple[int, int]] = frozenset(),
) -> Matches:
    """The groups of ``people`` that are probably one person, best first.  ``excluded``:
    pairs (smaller id first) the user said are not the same person."""
    people = list(people)
    shown = {person.id: person for person in people}
    pairs = _Pairs(excluded)
    for (why, key), owners in _exact_blocks(people, region).items():
        if len(owners) > 1:
            detail = "" if why is Why.SAME_NAME else key
            for a, b in _neighbours(sorted(owners)):
                pairs.comparisons += 1
                pairs.add(a, b, Reason(why, detail))
    keys = {person.id: name_key(person.name) for person in people}
    for (why, shared, _word), members in _similar_blocks(people).items():
        if len(members) < 2:
            continue
        members.sort(key=keys.__getitem__)
        for a, b in _neighbours(members):
            detail = shown[min(a, b)].company if why is Why.SAME_COMPANY else shared
            pairs.comparisons += 1
            score = fuzz.ratio(keys[a], keys[b], score_cutoff=SIMILAR_NAMES)
            if score and keys[a] != keys[b]:
                pairs.add(a, b, Reason(Why.SIMILAR_NAME, f"{score:.0f}%"), Reason(why, detail))
            elif score:
                pairs.add(a, b, Reason(why, detail))
    return Matches(_groups(pairs.found.values()), pairs.comparisons)


def _groups(pairs: Iterable[Pair]) -> list[Group]:
    """Pairs joined transitively (union-find), each group's pairs best first."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    kept = [pair for pair in pairs if pair.score >= WEIGHTS[Why.SAME_NAME]]
    for pair in kept:
        parent[root(pair.a)] = root(pair.b)
    members: dict[int, list[Pair]] = defaultdict(list)
    for pair in kept:
        members[root(pair.a)].append(pair)
    groups = []
    for found in members.values():
        found.sort(key=lambda p: (-p.score, p.a, p.b))
        ids = tuple(sorted({i for p in found for i in (p.a, p.b)}))
        groups.append(Group(ids, found))
    groups.sort(key=lambda g: (-g.score, -len(g.ids), g.ids[0]))
    return groups
