"""The pre-call brief: one page on one person, to read in the minute before a call.

Stage and days since the last touch; the last three conversations; what I learned from them
and what they asked for; open next steps; open favours both ways; what they bought; who
referred them and whom they referred; and what is due next.  Every list is capped so the
brief fits on one printed page for a typical contact.

The brief is plain data (:class:`Brief`, built by :mod:`.brief_service`); :func:`as_text` and
:func:`as_markdown` render it in English for the clipboard and the command line.  Screens lay
the same data out themselves, through Qt's translations.  Which of the contact's own fields it
shows, and where, the contact field list says (``ContactField.brief``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from colearn_desktop.core.contact_fields import BY_NAME
from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, FavourStatus, Stage
from colearn_desktop.core.records import ContactRef
from colearn_desktop.core.text import counted, fill

TEXT_LIMIT = 280


@dataclass(frozen=True)
class BriefConversation:
    id: int
    happened_at: datetime
    channel: Channel
    notes: str
    learned: str
    they_asked: str
    next_step: str
    next_step_due: date | None
    next_step_done: bool
    others: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefNote:
    """A learning, an ask or a next step, with the day of its conversation."""

    conversation_id: int
    on: date
    text: str
    due: date | None = None
    open: bool = False


@dataclass(frozen=True)
class BriefFavour:
    id: int
    direction: FavourDirection
    kind: FavourKind
    description: str
    status: FavourStatus
    due_on: date | None
    outstanding: Decimal | None
    currency: str


@dataclass(frozen=True)
class BriefPurchase:
    id: int
    purchased_on: date
    what: str
    amount: Decimal | None
    currency: str


@dataclass(frozen=True)
class BriefDue:
    due_on: date
    kind: str
    text: str
    reason: str = ""


@dataclass(frozen=True)
class BriefDetail:
    """One of the contact's own text fields, as the brief shows it."""

    name: str  # the field's name in the contact field list
    title: str  # "How we met"
    text: str
    in_heading: bool  # on the heading line ("Founder, Nordlys"), else a line of its own


@dataclass(frozen=True)
class Brief:
    contact_id: int
    name: str
    # The contact's text fields the brief shows (``ContactField.brief``), in their places.
    details: tuple[BriefDetail, ...]
    stage: Stage
    archived: bool
    tags: tuple[str, ...]
    today: date
    last_contact_at: datetime | None
    conversation_count: int
    conversations: tuple[BriefConversation, ...]
    learnings: tuple[BriefNote, ...]
    asks: tuple[BriefNote, ...]
    open_steps: tuple[BriefNote, ...]
    i_owe: tuple[BriefFavour, ...]
    they_owe: tuple[BriefFavour, ...]
    purchases: tuple[BriefPurchase, ...]
    purchase_count: int
    purchase_totals: dict[str, Decimal]
    referred_by: ContactRef | None
    referrals: tuple[ContactRef, ...]
    coming_up: tuple[BriefDue, ...]
    # Where "coming up" comes from: "reminders" (every rule) or "cadence" (keep in touch only).
    due_source: str = "reminders"

    def detail(self, name: str) -> str:
        """The text of one field of :attr:`details` ("" when empty or not shown)."""
        return next((d.text for d in self.details if d.name == name), "")

    @property
    def heading(self) -> tuple[str, ...]:
        """The one-line fields, in their order: "Founder", "Nordlys"."""
        return tuple(d.text for d in self.details if d.in_heading and d.text)

    @property
    def address(self) -> str:
        return self.detail("address")

    @property
    def days_since_last_touch(self) -> int | None:
        if self.last_contact_at is None:
            return None
        return (self.today - self.last_contact_at.date()).days


def short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- renderings -------------------------------------------------------------------------------


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class BriefWords:
    """What the renderings call stages, channels, favour kinds and directions, a field's
    title and every fixed word ("Last conversations"), written here in English: the window
    hands in its translated labels, so "Copy as text" reads as the screen does ("Stage:
    Shop", never the stored value "shop")."""

    stage: Callable[[Stage], str]
    channel: Callable[[Channel], str]
    kind: Callable[[FavourKind], str]
    direction: Callable[[FavourDirection], str]
    field: Callable[[str], str]  # a field's title, by its name in the contact field list
    word: Callable[[str], str] = _english


_STAGES = {
    Stage.NETWORK: "Network",
    Stage.SEARCH: "Search",
    Stage.SHOP: "Shop",
    Stage.HELP: "Help (client)",
}
_DIRECTION = {FavourDirection.I_OWE: "I owe them", FavourDirection.THEY_OWE: "They owe me"}


def _field_title(name: str) -> str:
    return BY_NAME[name].title


ENGLISH = BriefWords(
    stage=lambda stage: _STAGES[Stage(stage)],
    channel=lambda channel: "E-mail" if channel is Channel.EMAIL else channel.value.capitalize(),
    kind=lambda kind: kind.value.capitalize(),
    direction=lambda direction: _DIRECTION[FavourDirection(direction)],
    field=_field_title,
)


def _money(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else f"{amount:,.2f} {currency}".strip()


def last_touch_text(brief: Brief) -> str:
    days = brief.days_since_last_touch
    if days is None:
        return "never talked"
    if days == 0:
        return "last talked today"
    if days < 0:  # dated after today by an older version: named, never "-1 days ago"
        return f"last talked on {brief.last_contact_at:%Y-%m-%d}, after today"
    return f"last talked {counted(days, 'day')} ago"


def _lines(brief: Brief, heading: Callable[[str], str], item: str, words: BriefWords) -> list[str]:
    out: list[str] = []
    w = words.word

    def section(title: str, entries: list[str]) -> None:
        if entries:
            out.extend(["", heading(title), *(f"{item}{entry}" for entry in entries)])

    def conversation(c: BriefConversation) -> str:
        text = f"{c.happened_at:%Y-%m-%d} {words.channel(c.channel)}"
        if c.others:
            text += " (" + fill(w("with %1"), ", ".join(c.others)) + ")"
        return text + ": " + (c.notes or "(" + w("no notes") + ")")

    def favour(f: BriefFavour) -> str:
        parts = [words.kind(f.kind)]
        if f.outstanding is not None:
            parts.append(fill(w("%1 left"), _money(f.outstanding, f.currency)))
        if f.due_on:
            parts.append(fill(w("due %1"), f"{f.due_on:%Y-%m-%d}"))
        return f"{words.direction(f.direction)}: {f.description} ({', '.join(parts)})"

    def due(text: str, on: date | None) -> str:
        return text + (" (" + fill(w("due %1"), f"{on:%Y-%m-%d}") + ")" if on else "")

    section(w("Last conversations"), [conversation(c) for c in brief.conversations])
    section(w("What I learned"), [f"{n.on:%Y-%m-%d}: {n.text}" for n in brief.learnings])
    section(
        w("What they asked for"),
        [f"{n.on:%Y-%m-%d}: {n.text}" + (f" ({w('open')})" if n.open else "") for n in brief.asks],
    )
    section(w("Open next steps"), [due(n.text, n.due) for n in brief.open_steps])
    section(w("Favours"), [favour(f) for f in (*brief.i_owe, *brief.they_owe)])
    totals = ", ".join(_money(v, k) for k, v in brief.purchase_totals.items())
    section(
        f"{w('Purchases')} ({brief.purchase_count}{'; ' + totals if totals else ''})",
        [
            f"{p.purchased_on:%Y-%m-%d}: {p.what}"
            + (f" ({_money(p.amount, p.currency)})" if p.amount is not None else "")
            for p in brief.purchases
        ],
    )
    referral = []
    if brief.referred_by:
        referral.append(fill(w("Referred by %1"), brief.referred_by.display_name))
    if brief.referrals:
        referral.append(fill(w("Referred %1"), ", ".join(r.display_name for r in brief.referrals)))
    section(w("Referrals"), referral)
    section(
        w("Coming up"),
        [
            f"{d.due_on:%Y-%m-%d}: {d.text}" + (f" ({d.reason})" if d.reason else "")
            for d in brief.coming_up
        ],
    )
    return out


def _header(brief: Brief, words: BriefWords, facts: list[str] | None) -> list[str]:
    """``facts``: the line of stage, last touch and count as the caller words it (the window
    says its days in its own plural forms), else in English."""
    who = ", ".join(brief.heading)
    if facts is None:
        facts = [
            fill(words.word("Stage: %1"), words.stage(brief.stage)),
            last_touch_text(brief),
            counted(brief.conversation_count, "conversation"),
        ]
        if brief.archived:
            facts.append(words.word("archived"))
    lines = [who] if who else []
    lines.append(" · ".join(facts))
    if brief.tags:
        lines.append(fill(words.word("Tags: %1"), ", ".join(brief.tags)))
    lines += [
        f"{words.field(d.name)}: {d.text}" for d in brief.details if not d.in_heading and d.text
    ]
    return lines


def as_text(brief: Brief, words: BriefWords = ENGLISH, facts: list[str] | None = None) -> str:
    title = fill(words.word("Brief: %1"), brief.name)
    lines = [title, "=" * len(title), *_header(brief, words, facts)]
    lines += _lines(brief, lambda t: t + ":", "  - ", words)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape what Markdown would read as formatting in user text."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def as_markdown(brief: Brief, words: BriefWords = ENGLISH, facts: list[str] | None = None) -> str:
    escaped = _escaped(brief)
    header = _header(escaped, words, facts)
    lines = [f"# {escaped.name}", "", *(line + "  " for line in header)]
    lines += _lines(escaped, lambda t: f"## {t}", "- ", words)
    return "\n".join(lines) + "\n"


def _escaped(brief: Brief) -> Brief:
    """The brief with every user-typed text escaped for Markdown."""
    from dataclasses import fields, replace

    def clean(value: Any) -> Any:
        if isinstance(value, Enum):
            return value
        if isinstance(value, str):
            return _md(value)
        if isinstance(value, tuple):
            return tuple(clean(v) for v in value)
        if isinstance(value, ContactRef):
            return ContactRef(value.id, _md(value.display_name))
        if isinstance(value, BriefDetail):
            return replace(value, text=_md(value.text))
        if hasattr(value, "__dataclass_fields__"):
            return replace(
                value,
                **{
                    f.name: clean(getattr(value, f.name))
                    for f in fields(value)
                    if isinstance(getattr(value, f.name), str | tuple)
                },
            )
        return value

    return replace(
        brief,
        **{
            f.name: clean(getattr(brief, f.name))
            for f in fields(brief)
            if f.name not in {"stage", "today", "last_contact_at", "purchase_totals"}
        },
    )
