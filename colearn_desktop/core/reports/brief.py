"""The pre-call brief: one page on one person, to read in the minute before a call.

Stage and days since the last touch; the last three conversations; what I learned from them
and what they asked for; open next steps; open favours both ways; what they bought; who
referred them and whom they referred; and what is due next.  Every list is capped so the
brief fits on one printed page for a typical contact.

The brief is plain data (:class:`Brief`); :func:`as_text` and :func:`as_markdown` render it in
English for the clipboard and the command line.  Screens lay the same data out themselves,
through Qt's translations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, FavourStatus, Stage
from colearn_desktop.core.people.cadence import (
    TAG_CADENCE_JOIN,
    keep_in_touch_due_sql,
    stage_cadence_params,
)
from colearn_desktop.core.records import ContactRef
from colearn_desktop.core.unreadable import left_out

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

CONVERSATIONS = 3
NOTES = 4
FAVOURS = 4
PURCHASES = 4
REFERRALS = 8
COMING_UP = 3
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
class Brief:
    contact_id: int
    name: str
    company: str
    job_title: str
    stage: Stage
    archived: bool
    tags: tuple[str, ...]
    how_met: str
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

    @property
    def days_since_last_touch(self) -> int | None:
        if self.last_contact_at is None:
            return None
        return (self.today - self.last_contact_at.date()).days


def _short(text: str, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NOTES_SQL = """
SELECT cv.id, cv.happened_at, {column}, cv.next_step_due,
       cv.next_step <> '' AND cv.next_step_done_at IS NULL
FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
WHERE cc.contact_id = ? AND cv.deleted_at IS NULL AND {column} <> '' {extra}
ORDER BY {order} LIMIT ?
"""

_KEEP_IN_TOUCH_SQL = f"""
SELECT {keep_in_touch_due_sql()} FROM contact c {TAG_CADENCE_JOIN}
WHERE c.id = :contact_id AND c.archived_at IS NULL
"""


class BriefService:
    """Builds briefs from the journal's services (and its reminders, when it has them)."""

    def __init__(self, journal: Journal):
        self._journal = journal

    def for_contact(self, contact_id: int) -> Brief:
        journal = self._journal
        today = journal.clock.today()
        detail = journal.contacts.get(contact_id)
        views = journal.conversations.for_contact(contact_id, limit=CONVERSATIONS)
        conversations = tuple(
            BriefConversation(
                id=v.id,
                happened_at=v.data.happened_at,
                channel=v.data.channel,
                notes=_short(v.data.notes),
                learned=_short(v.data.learned),
                they_asked=_short(v.data.they_asked),
                next_step=_short(v.data.next_step),
                next_step_due=v.data.next_step_due,
                next_step_done=v.next_step_done_at is not None,
                others=tuple(p.display_name for p in v.participants if p.id != contact_id),
            )
            for v in views
        )
        favours = [f for f in journal.favours.for_contact(contact_id) if f.is_open]

        def favour(view: Any) -> BriefFavour:
            return BriefFavour(
                id=view.id,
                direction=view.data.direction,
                kind=view.data.kind,
                description=_short(view.data.description, 160),
                status=view.status,
                due_on=view.data.due_on,
                outstanding=view.outstanding,
                currency=view.data.currency,
            )

        purchases = journal.purchases.for_contact(contact_id)
        with journal.db.read_raw() as connection:
            count = connection.execute(
                "SELECT count(*) FROM conversation_contact cc JOIN conversation cv "
                "ON cv.id = cc.conversation_id WHERE cc.contact_id = ? AND cv.deleted_at IS NULL",
                (contact_id,),
            ).fetchone()[0]
            learnings = self._notes(connection, contact_id, "cv.learned")
            asks = self._notes(connection, contact_id, "cv.they_asked")
            steps = self._notes(
                connection,
                contact_id,
                "cv.next_step",
                extra="AND cv.next_step_done_at IS NULL",
                order="cv.next_step_due IS NULL, cv.next_step_due, cv.happened_at DESC",
            )
        coming_up, source = self._coming_up(contact_id, today)
        return Brief(
            contact_id=contact_id,
            name=detail.display_name,
            company=detail.data.company,
            job_title=detail.data.job_title,
            stage=Stage(detail.data.stage),
            archived=detail.archived,
            tags=detail.data.tags,
            how_met=_short(detail.data.how_met, 160),
            today=today,
            last_contact_at=detail.last_contact_at,
            conversation_count=count,
            conversations=conversations,
            learnings=learnings,
            asks=asks,
            open_steps=steps,
            i_owe=tuple(favour(f) for f in favours if f.data.direction == FavourDirection.I_OWE)[
                :FAVOURS
            ],
            they_owe=tuple(
                favour(f) for f in favours if f.data.direction == FavourDirection.THEY_OWE
            )[:FAVOURS],
            purchases=tuple(
                BriefPurchase(
                    p.id,
                    p.data.purchased_on,
                    _short(p.data.what, 120),
                    p.data.amount,
                    p.data.currency,
                )
                for p in purchases[:PURCHASES]
            ),
            purchase_count=len(purchases),
            purchase_totals=journal.purchases.totals_of(purchases),
            referred_by=detail.referred_by,
            referrals=detail.referrals[:REFERRALS],
            coming_up=coming_up,
            due_source=source,
        )

    @staticmethod
    def _notes(
        connection: Any,
        contact_id: int,
        column: str,
        *,
        extra: str = "",
        order: str = "cv.happened_at DESC, cv.id DESC",
    ) -> tuple[BriefNote, ...]:
        sql = _NOTES_SQL.format(column=column, extra=extra, order=order)
        notes = []
        for row in connection.execute(sql, (contact_id, NOTES)):
            try:
                on = datetime.fromisoformat(row[1]).date()
                due = date.fromisoformat(row[3]) if row[3] else None
            except ValueError as error:  # a stored value that cannot be read
                left_out("conversation", row[0], error, "the contact's brief")
                continue
            notes.append(BriefNote(row[0], on, _short(row[2], 200), due, bool(row[4])))
        return tuple(notes)

    def _coming_up(self, contact_id: int, today: date) -> tuple[tuple[BriefDue, ...], str]:
        reminders = getattr(self._journal, "reminders", None)
        if reminders is not None and hasattr(reminders, "items_for_contact"):
            from colearn_desktop.core.due import describe

            items = reminders.items_for_contact(contact_id)[:COMING_UP]
            return (
                tuple(
                    BriefDue(
                        item.urgent_on,
                        str(item.kind),
                        describe.title(item),
                        describe.reason(item, today),
                    )
                    for item in items
                ),
                "reminders",
            )
        # Without the reminders engine: the keep-in-touch date from the cadence.
        params: dict[str, object] = {
            **stage_cadence_params(self._journal.settings.get()),
            "contact_id": contact_id,
        }
        with self._journal.db.read_raw() as connection:
            row = connection.execute(_KEEP_IN_TOUCH_SQL, params).fetchone()
        if row is None or row[0] is None:
            return (), "cadence"
        return (BriefDue(date.fromisoformat(row[0]), "keep_in_touch", "Keep in touch"),), "cadence"


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
    who = ", ".join(part for part in (brief.job_title, brief.company) if part)
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
    if brief.how_met:
        lines.append("How we met: " + brief.how_met)
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
