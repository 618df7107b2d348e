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

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from rapidfuzz import fuzz, process

from colearn_desktop.core.people.duplicates.keys import (
    company_key,
    email_domain,
    name_key,
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
    """What the matcher compares of a contact: e-mails and phones as their stored keys
    (``core.text.email_key`` and ``phone_key``)."""

    id: int
    name: str
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


class Reason(NamedTuple):
    """(A tuple: hundreds of thousands are made and compared at 100,000 contacts.)"""

    why: Why
    detail: str  # the shared value ("ana@example.org", "+442079460958", "Acme", "92%")

    def __str__(self) -> str:
        return f"{self.why} ({self.detail})" if self.detail else str(self.why)


@dataclass(slots=True)
class Pair:
    a: int  # the smaller id
    b: int
    reasons: list[Reason] = field(default_factory=list)
    score: int = 0  # set once the pair is complete: see :func:`_score`


def _score(pair: Pair) -> int:
    return min(100, sum(WEIGHTS[why] for why in {r.why for r in pair.reasons}))


@dataclass(slots=True)
class Group:
    ids: tuple[int, ...]  # ascending
    pairs: list[Pair]  # best first

    @property
    def score(self) -> int:
        return self.pairs[0].score


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
        pair = self.found.get(key)
        if pair is None:
            self.found[key] = Pair(key[0], key[1], list(reasons))
        else:
            pair.reasons.extend(r for r in reasons if r not in pair.reasons)

    def chain(self, ids: list[int], reason: Reason) -> None:
        """Everyone of ``ids`` (ascending) shares ``reason``: link each to the next one it
        is not marked apart from — enough to join them into one group, with k-1 pairs
        instead of k²/2 (a demo journal has blocks of hundreds of one name)."""
        for index, first in enumerate(ids[:-1]):
            for second in ids[index + 1 : index + 1 + WINDOW]:
                self.comparisons += 1
                if (first, second) not in self.excluded:
                    self.add(first, second, reason)
                    break


def _exact_blocks(
    people: list[Person], keys: dict[int, str], region: str
) -> Iterator[tuple[Why, str, list[int]]]:
    """(reason, shared key, ascending ids) for every key two or more contacts share.  One
    dictionary per kind with plain string keys: most keys are unique, and at 100,000
    contacts every allocation per key counts."""
    emails: dict[str, list[int]] = defaultdict(list)
    names: dict[str, list[int]] = defaultdict(list)
    by_tail: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for person in people:  # ascending ids: the service reads them so, tests write them so
        for address in person.emails:
            emails[address].append(person.id)
        for number in person.phones:
            by_tail[trailing_digits(number)].append((person.id, number))
        names[keys[person.id]].append(person.id)
    phones: dict[str, list[int]] = defaultdict(list)
    for owners in by_tail.values():
        if len(owners) > 1:
            for owner, number in owners:
                phones[phone_e164(number, region)].append(owner)
    names.pop("", None)
    for why, blocks in ((Why.SAME_EMAIL, emails), (Why.SAME_PHONE, phones), (Why.SAME_NAME, names)):
        for key, ids in blocks.items():
            if len(ids) > 1:
                unique = sorted(set(ids))
                if len(unique) > 1:
                    yield why, key, unique


def _similar_blocks(
    people: list[Person], keys: dict[int, str]
) -> dict[tuple[Why, str, str], list[int]]:
    blocks: dict[tuple[Why, str, str], list[int]] = defaultdict(list)
    for person in people:
        company = company_key(person.company)
        domains = {email_domain(address) for address in person.emails} - {""}
        for word in set(keys[person.id].split()):
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
    with no_cycle_collection():
        return _find_groups(list(people), region, excluded)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while hundreds of thousands of small objects (none in a
    cycle) are made: at 100,000 contacts it would take half of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _find_groups(
    people: list[Person], region: str, excluded: frozenset[tuple[int, int]]
) -> Matches:
    shown = {person.id: person for person in people}
    keys = {person.id: name_key(person.name) for person in people}
    pairs = _Pairs(excluded)
    for why, key, owners in _exact_blocks(people, keys, region):
        pairs.chain(owners, Reason(why, "" if why is Why.SAME_NAME else key))
    for (why, shared, _word), members in _similar_blocks(people, keys).items():
        if len(members) < 2:
            continue
        by_key: dict[str, list[int]] = defaultdict(list)
        for member in sorted(members):
            by_key[keys[member]].append(member)
        first = {key: ids[0] for key, ids in by_key.items()}

        def reason(a: int, why: Why = why, shared: str = shared) -> Reason:
            return Reason(why, shown[a].company if why is Why.SAME_COMPANY else shared)

        for same in by_key.values():
            if len(same) > 1:  # one name: a stronger "same name" (at the same company ...)
                pairs.chain(same, reason(same[0]))
        # Each distinct name of the block against its next WINDOW names in sorted order, in
        # one call into rapidfuzz's C++ per name (a Python loop per comparison costs 10×).
        distinct = sorted(by_key)
        for index, key_a in enumerate(distinct[:-1]):
            nearby = distinct[index + 1 : index + 1 + WINDOW]
            pairs.comparisons += len(nearby)
            for key_b, score, _ in process.extract(
                key_a, nearby, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAMES, limit=None
            ):
                a, b = sorted((first[key_a], first[key_b]))
                pairs.add(a, b, Reason(Why.SIMILAR_NAME, f"{score:.0f}%"), reason(a))
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

    kept = []
    for pair in pairs:
        pair.score = _score(pair)
        if pair.score >= WEIGHTS[Why.SAME_NAME]:
            kept.append(pair)
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
