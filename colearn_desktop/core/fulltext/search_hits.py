"""What a search finds and how each group's rows become hits (see :mod:`.search`).

One statement per group joins the matching ids to what a hit shows; the rows found are turned
into :class:`SearchHit` here, with their snippets, people and dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, FavourStatus
from colearn_desktop.core.fulltext.fts_query import SearchTerms, Snippet, make_snippet
from colearn_desktop.core.storage import search_schema as schema
from colearn_desktop.core.unreadable import left_out
from colearn_desktop.core.validation import from_cents


class SearchKind(StrEnum):
    CONTACT = "contact"
    CONVERSATION = "conversation"
    LEARNING = "learning"
    FAVOUR = "favour"
    PURCHASE = "purchase"


@dataclass(frozen=True)
class SearchHit:
    """One row found.  ``contact_*`` is the person it belongs to (for a conversation with
    several people: the first active one by name); ``item_id`` the row itself (the contact's
    id for a contact)."""

    kind: SearchKind
    item_id: int
    contact_id: int
    contact_name: str
    contact_archived: bool
    snippet: Snippet
    when: date | None = None
    company: str = ""
    channel: Channel | None = None
    participants: int = 1
    direction: FavourDirection | None = None
    favour_kind: FavourKind | None = None
    status: FavourStatus | None = None
    title: str = ""
    amount: Decimal | None = None
    currency: str = ""
    name_matched: bool = False


@dataclass(frozen=True)
class SearchGroup:
    kind: SearchKind
    hits: tuple[SearchHit, ...]
    # More rows match than were returned.
    more: bool = False


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: tuple[SearchGroup, ...]
    indexed: bool = True
    # Said once per journal: why search is slower than it should be.
    notice: str | None = None
    seconds: float = 0.0

    def group(self, kind: SearchKind) -> SearchGroup:
        return next(g for g in self.groups if g.kind == kind)

    def hits(self, kind: SearchKind | None = None) -> list[SearchHit]:
        return [h for g in self.groups if kind in (None, g.kind) for h in g.hits]

    @property
    def total(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def _day(value: Any, kind: SearchKind, item_id: int) -> date | None:
    """The day of a hit; one whose stored date cannot be read is shown without it."""
    if not value:
        return None
    try:
        return (
            datetime.fromisoformat(value).date() if len(value) > 10 else date.fromisoformat(value)
        )
    except ValueError as error:
        table = "conversation" if kind is SearchKind.LEARNING else kind.value
        left_out(table, item_id, error, "the search results' dates (shown without it)")
        return None


# One statement per group: the matching ids (a sub-query ``{ids}`` selecting ``id``, newest
# first, at most one more than the limit) joined to what a hit shows.  Left joins, so that
# every id found counts towards "more" even if its row were missing (an index out of step).
_CONVERSATION_PARTICIPANTS = """
    LEFT JOIN conversation_contact cc ON cc.conversation_id = m.id
    LEFT JOIN contact c ON c.id = cc.contact_id"""

# The columns of a contact's entry in the index (what its snippet is made from).
_INDEXED_CONTACT = ", ".join(f"m.{column}" for column in schema.CONTACT.columns)
DETAILS = {
    # Contacts: the ids whose name matches (by_name 1) and those matching anywhere (0), each
    # with the text of the indexed columns, so no second look-up is needed for snippets.
    SearchKind.CONTACT: f"""
        SELECT m.id, m.by_name, c.display_name, c.archived_at IS NOT NULL, c.sort_name,
               c.company, {_INDEXED_CONTACT}
        FROM (SELECT * FROM ({{names}}) UNION ALL SELECT * FROM ({{ids}})) m
        LEFT JOIN contact c ON c.id = m.id""",
    SearchKind.CONVERSATION: f"""
        SELECT m.id, cv.happened_at, cv.notes, cv.they_asked, cv.next_step, cv.channel,
               cc.contact_id, c.display_name, c.archived_at IS NOT NULL, c.sort_name
        FROM ({{ids}}) m LEFT JOIN conversation cv ON cv.id = m.id{_CONVERSATION_PARTICIPANTS}""",
    SearchKind.LEARNING: f"""
        SELECT m.id, cv.happened_at, cv.learned,
               cc.contact_id, c.display_name, c.archived_at IS NOT NULL, c.sort_name
        FROM ({{ids}}) m LEFT JOIN conversation cv ON cv.id = m.id{_CONVERSATION_PARTICIPANTS}""",
    SearchKind.FAVOUR: """
        SELECT m.id, f.started_on, f.description, f.notes, f.direction, f.kind, f.status,
               c.id, c.display_name, c.archived_at IS NOT NULL
        FROM ({ids}) m LEFT JOIN favour f ON f.id = m.id
        LEFT JOIN contact c ON c.id = f.contact_id""",
    SearchKind.PURCHASE: """
        SELECT m.id, p.purchased_on, p.what, p.notes, p.amount_cents, p.currency,
               c.id, c.display_name, c.archived_at IS NOT NULL
        FROM ({ids}) m LEFT JOIN purchase p ON p.id = m.id
        LEFT JOIN contact c ON c.id = p.contact_id""",
}

_CHANNELS = {channel.value: channel for channel in Channel}
_DIRECTIONS = {direction.value: direction for direction in FavourDirection}
_FAVOUR_KINDS = {kind.value: kind for kind in FavourKind}
_STATUSES = {status.value: status for status in FavourStatus}


def _newest(found: list[int], limit: int) -> tuple[list[int], bool]:
    """The first ``limit`` distinct ids in ``found`` (in its order) and whether there were
    more."""
    ids = list(dict.fromkeys(found))
    return ids[:limit], len(ids) > limit


def contact_hits(
    rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    # People whose name matches come first, however many others mention the words; each
    # part newest first, the order the rows are picked in (see the search module).
    by_name = sorted((row[0] for row in rows if row[1]), reverse=True)
    anywhere = sorted((row[0] for row in rows if not row[1]), reverse=True)
    ids, more = _newest(by_name + anywhere, limit)
    name_matched = set(by_name)
    first = {row[0]: row for row in reversed(rows)}
    hits = []
    for item_id in ids:
        row = first[item_id]
        if row[2] is None:
            continue  # no such contact (the index is out of step)
        fields = zip(schema.CONTACT.columns, row[6:], strict=True)
        hits.append(
            SearchHit(
                SearchKind.CONTACT,
                item_id,
                item_id,
                row[2],
                bool(row[3]),
                make_snippet(fields, terms, width),
                company=row[5],
                name_matched=item_id in name_matched,
            )
        )
    return hits, more


def conversation_hits(
    kind: SearchKind, rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    """Conversations or learnings: one row per participant.  A conversation belongs to its
    first participant, active people before archived, then by name."""
    people = 6 if kind is SearchKind.CONVERSATION else 3
    found: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        found.setdefault(row[0], []).append(row)
    ids, more = _newest(sorted(found, reverse=True), limit)
    hits = []
    for item_id in ids:
        participants = found[item_id]
        row = participants[0]
        present = [r for r in participants if r[people + 1] is not None]
        if row[1] is None or not present:
            continue
        first = min(present, key=lambda r: (r[people + 2], r[people + 3], r[people]))
        count = sum(1 for r in participants if r[people] is not None)
        if kind is SearchKind.CONVERSATION:
            fields = zip(schema.CONVERSATION.columns, row[2:5], strict=True)
            snippet = make_snippet(fields, terms, width)
            channel: Channel | None = _CHANNELS[row[5]]
        else:
            snippet = make_snippet((("learned", row[2]),), terms, width)
            channel = None
        hits.append(
            SearchHit(
                kind,
                item_id,
                first[people],
                first[people + 1],
                bool(first[people + 2]),
                snippet,
                when=_day(row[1], kind, item_id),
                channel=channel,
                participants=count,
            )
        )
    return hits, more


def other_hits(
    kind: SearchKind, rows: list[tuple[Any, ...]], terms: SearchTerms, limit: int, width: int
) -> tuple[list[SearchHit], bool]:
    """Favours and purchases: each belongs to one contact."""
    by_id = {row[0]: row for row in rows}
    ids, more = _newest(sorted(by_id, reverse=True), limit)
    hits = []
    for item_id in ids:
        row = by_id[item_id]
        if row[1] is None or row[-3] is None or row[-2] is None:
            continue
        if kind is SearchKind.FAVOUR:
            fields = (("description", row[2]), ("notes", row[3]))
            extra: dict[str, Any] = {
                "title": row[2],
                "direction": _DIRECTIONS[row[4]],
                "favour_kind": _FAVOUR_KINDS[row[5]],
                "status": _STATUSES[row[6]],
            }
        else:
            fields = (("what", row[2]), ("notes", row[3]))
            extra = {"title": row[2], "amount": from_cents(row[4]), "currency": row[5]}
        hits.append(
            SearchHit(
                kind,
                item_id,
                row[-3],
                row[-2],
                bool(row[-1]),
                make_snippet(fields, terms, width),
                when=_day(row[1], kind, item_id),
                **extra,
            )
        )
    return hits, more
