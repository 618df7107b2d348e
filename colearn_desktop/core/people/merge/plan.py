"""A merge plan: which contact is kept, which are merged into it, which value of each single
field wins, and what moves (counts a screen or ``--dry-run`` shows before anything changes).

A plan is a plain, immutable record read in one go; :meth:`MergePlan.with_winner` makes the
plan a user's pick in the merge dialog asks for, without reading the journal again.  What the
kept contact will hold is :meth:`MergePlan.merged` (see :mod:`.fields` for the rules).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.people.merge.fields import (
    BY_KEY,
    SINGLE_FIELDS,
    MergeField,
    default_winner,
    join_notes,
    lost_lines,
    shown_value,
    unite_lists,
)
from colearn_desktop.core.records import ContactDetail

# What moves to the kept contact, counted per merged contact: (field of Moves, SQL with :o).
_COUNTS = (
    (
        "conversations",
        "SELECT count(*) FROM conversation_contact cc JOIN conversation c "
        "ON c.id = cc.conversation_id WHERE cc.contact_id = :o AND c.deleted_at IS NULL",
    ),
    ("favours", "SELECT count(*) FROM favour WHERE contact_id = :o AND deleted_at IS NULL"),
    ("purchases", "SELECT count(*) FROM purchase WHERE contact_id = :o AND deleted_at IS NULL"),
    ("referral_asks", "SELECT count(*) FROM referral_ask WHERE contact_id = :o"),
    (
        "reminders",
        "SELECT count(*) FROM reminder WHERE contact_id = :o AND deleted_at IS NULL "
        "AND done_at IS NULL",
    ),
    ("referrals", "SELECT count(*) FROM contact WHERE referred_by_id = :o"),
)
_WORDS = {
    "conversations": ("conversation", "conversations"),
    "favours": ("favour", "favours"),
    "purchases": ("purchase", "purchases"),
    "referral_asks": ("referral ask", "referral asks"),
    "reminders": ("reminder", "reminders"),
    "referrals": ("person they referred", "people they referred"),
}


@dataclass(frozen=True)
class Moves:
    """What moves from the merged contacts to the kept one (live rows: the trash moves too)."""

    conversations: int = 0
    favours: int = 0
    purchases: int = 0
    referral_asks: int = 0
    reminders: int = 0
    referrals: int = 0

    def phrases(self) -> list[str]:
        """ "12 conversations", "1 favour" ... for what is not zero."""
        found = []
        for name, (one, many) in _WORDS.items():
            count = getattr(self, name)
            if count:
                found.append(f"{count} {one if count == 1 else many}")
        return found


def count_moves(connection: sqlite3.Connection, other_ids: Sequence[int]) -> Moves:
    totals = {name: 0 for name, _ in _COUNTS}
    for other in other_ids:
        for name, sql in _COUNTS:
            totals[name] += connection.execute(sql, {"o": other}).fetchone()[0]
    return Moves(**totals)


@dataclass(frozen=True)
class MergePlan:
    kept: ContactDetail
    others: tuple[ContactDetail, ...]
    winners: Mapping[str, int]  # single field key -> the contact whose value wins
    region: str  # the phone region numbers are compared in
    today: date
    moves: Moves = Moves()

    @property
    def contacts(self) -> tuple[ContactDetail, ...]:
        return (self.kept, *self.others)

    @property
    def other_ids(self) -> tuple[int, ...]:
        return tuple(other.id for other in self.others)

    @property
    def label(self) -> str:
        """The undo step's name: "Merge Freja Dahl and Freja D.", "... and 2 others"."""
        if len(self.others) == 1:
            return f"Merge {self.kept.display_name} and {self.others[0].display_name}"
        return f"Merge {self.kept.display_name} and {len(self.others)} others"

    def names(self) -> dict[int, str]:
        """Names of the contacts and of their referrers, for showing values."""
        found = {
            c.referred_by.id: c.referred_by.display_name for c in self.contacts if c.referred_by
        }
        found.update({c.id: c.display_name for c in self.contacts})
        return found

    def inputs(self) -> list[tuple[int, ContactInput]]:
        """Each contact's fields, a referral between them left out (the merged contact
        cannot refer itself)."""
        inside = {c.id for c in self.contacts}
        return [
            (
                c.id,
                c.data.with_changes(referred_by_id=None)
                if c.data.referred_by_id in inside
                else c.data,
            )
            for c in self.contacts
        ]

    def values(self, field: MergeField) -> list[tuple[int, str]]:
        """(contact id, value as text) of ``field`` for each contact, the kept one first."""
        names = self.names()
        return [(i, shown_value(field, data, names)) for i, data in self.inputs()]

    def differing(self) -> list[MergeField]:
        """The single fields whose values the contacts do not agree on."""
        return [f for f in SINGLE_FIELDS if len({v for _, v in self.values(f)}) > 1]

    def with_winner(self, key: str, contact_id: int) -> MergePlan:
        _check_preference(key, contact_id, [c.id for c in self.contacts])
        return replace(self, winners={**self.winners, key: contact_id})

    def merged(self) -> ContactInput:
        """The kept contact as it will be after the merge."""
        datas = self.inputs()
        by_id = dict(datas)
        chosen = {
            part: getattr(by_id[self.winners[field.key]], part)
            for field in SINGLE_FIELDS
            for part in field.parts
        }
        result = datas[0][1].with_changes(
            **chosen, **unite_lists([d for _, d in datas], self.region)
        )
        names = self.names()
        day = self.today.isoformat()
        # The kept contact's own values that lost, then each other's notes and lost values.
        sections = [(f"Before the merge ({day}):", "", lost_lines(result, datas[0][1], names))]
        sections += [
            (f"From {c.display_name} (merged {day}):", data.notes, lost_lines(result, data, names))
            for c, (_, data) in zip(self.others, datas[1:], strict=True)
        ]
        notes = join_notes(self.kept.data.notes, sections)
        return result.with_changes(notes=notes)


def _check_preference(key: str, contact_id: int, ids: Sequence[int]) -> None:
    if key not in BY_KEY:
        known = ", ".join(BY_KEY)
        raise ValidationError.single(
            "prefer", f"{key!r} is not a field to choose; use one of {known}"
        )
    if contact_id not in ids:
        raise ValidationError.single(
            "prefer",
            f"#{contact_id} is not one of the contacts being merged, so its {key} cannot win",
        )


def check_request(kept_id: int, other_ids: Sequence[int]) -> None:
    """Refuse a merge that names no other contact, or one contact twice."""
    if not other_ids:
        raise ValidationError.single(
            "contacts", "name at least one contact to merge into the kept one"
        )
    seen: set[int] = set()
    for contact_id in (kept_id, *other_ids):
        if contact_id in seen:
            raise ValidationError.single(
                "contacts", f"#{contact_id} was named twice: a contact cannot be merged with itself"
            )
        seen.add(contact_id)


def check_contacts(details: Sequence[ContactDetail]) -> None:
    """Refuse to merge an archived contact (restore it first: archived is on purpose)."""
    for detail in details:
        if detail.archived:
            raise ValidationError.single(
                "contacts",
                f"{detail.display_name} (#{detail.id}) is archived: restore them from the archive "
                "first, then merge; nothing was merged",
            )


def make_plan(
    details: Sequence[ContactDetail],
    prefer: Mapping[str, int],
    region: str,
    today: date,
    moves: Moves,
) -> MergePlan:
    """The plan for ``details`` (the kept contact first), with the default winners and
    ``prefer``'s picks (field key -> contact id)."""
    if not details:
        raise NotFoundError("no contact to merge")
    plan = MergePlan(details[0], tuple(details[1:]), {}, region, today, moves)
    data = plan.inputs()
    winners = {field.key: default_winner(field, data) for field in SINGLE_FIELDS}
    plan = replace(plan, winners=winners)
    for key, contact_id in prefer.items():
        plan = plan.with_winner(key, contact_id)
    return plan
