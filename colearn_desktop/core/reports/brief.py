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

from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, FavourStatus, Stage
from colearn_desktop.core.records import ContactRef

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

    # What the brief view lays out by name (it predates the field list's ``brief``).
    @property
    def company(self) -> str:
        return self.detail("company")

    @property
    def job_title(self) -> str:
        return self.detail("job_title")

    @property
    def how_met(self) -> str:
        return self.detail("how_met")

    @property
    def days_since_last_touch(self) -> int | None:
        if self.last_contact_at is None:
            return None
        return (self.today - self.last_contact_at.date()).days


def short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- renderings -------------------------------------------------------------------------------

_STAGES = {
    Stage.NETWORK: "network",
    Stage.SEARCH: "search",
    Stage.SHOP: "shop",
    Stage.HELP: "help (client)",
}
_DIRECTION = {FavourDirection.I_OWE: "I owe", FavourDirection.THEY_OWE: "they owe"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


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
    return f"last talked {_plural(days, 'day')} ago"


def _lines(brief: Brief, heading: Callable[[str], str], item: str) -> list[str]:
    out: list[str] = []

    def section(title: str, entries: list[str]) -> None:
        if entries:
            out.extend(["", heading(title), *(f"{item}{entry}" for entry in entries)])

    section(
        "Last conversations",
        [
            f"{c.happened_at:%Y-%m-%d} {c.channel.value}"
            + (f" (with {', '.join(c.others)})" if c.others else "")
            + f": {c.notes or '(no notes)'}"
            for c in brief.conversations
        ],
    )
    section("What I learned", [f"{n.on:%Y-%m-%d}: {n.text}" for n in brief.learnings])
    section(
        "What they asked for",
        [f"{n.on:%Y-%m-%d}: {n.text}" + (" (open)" if n.open else "") for n in brief.asks],
    )
    section(
        "Open next steps",
        [n.text + (f" (due {n.due:%Y-%m-%d})" if n.due else "") for n in brief.open_steps],
    )
    section(
        "Favours",
        [
            f"{_DIRECTION[f.direction]}: {f.description} ({f.kind.value}"
            + (f", {_money(f.outstanding, f.currency)} left" if f.outstanding is not None else "")
            + (f", due {f.due_on:%Y-%m-%d}" if f.due_on else "")
            + ")"
            for f in (*brief.i_owe, *brief.they_owe)
        ],
    )
    totals = ", ".join(_money(v, k) for k, v in brief.purchase_totals.items())
    section(
        f"Purchases ({brief.purchase_count}{'; ' + totals if totals else ''})",
        [
            f"{p.purchased_on:%Y-%m-%d}: {p.what}"
            + (f" ({_money(p.amount, p.currency)})" if p.amount is not None else "")
            for p in brief.purchases
        ],
    )
    referral = []
    if brief.referred_by:
        referral.append(f"Referred by {brief.referred_by.display_name}")
    if brief.referrals:
        referral.append("Referred " + ", ".join(r.display_name for r in brief.referrals))
    section("Referrals", referral)
    section(
        "Coming up",
        [
            f"{d.due_on:%Y-%m-%d}: {d.text}" + (f" ({d.reason})" if d.reason else "")
            for d in brief.coming_up
        ],
    )
    return out


def _header(brief: Brief) -> list[str]:
    who = ", ".join(brief.heading)
    facts = [
        f"Stage: {_STAGES[brief.stage]}",
        last_touch_text(brief),
        _plural(brief.conversation_count, "conversation"),
    ]
    if brief.archived:
        facts.append("archived")
    lines = [who] if who else []
    lines.append(" · ".join(facts))
    if brief.tags:
        lines.append("Tags: " + ", ".join(brief.tags))
    lines += [f"{d.title}: {d.text}" for d in brief.details if not d.in_heading and d.text]
    return lines


def as_text(brief: Brief) -> str:
    title = f"Brief: {brief.name}"
    lines = [title, "=" * len(title), *_header(brief)]
    lines += _lines(brief, lambda t: t + ":", "  - ")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape what Markdown would read as formatting in user text."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def as_markdown(brief: Brief) -> str:
    escaped = _escaped(brief)
    lines = [f"# {escaped.name}", "", *(line + "  " for line in _header(escaped))]
    lines += _lines(escaped, lambda t: f"## {t}", "- ")
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
