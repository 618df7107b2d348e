"""``journal.referrals``: the referral loop as one service.

- ``templates`` (:class:`TemplateStore`): the user's message templates;
- ``asks`` (:class:`AskTracker`): what was sent to whom, and what came of it;
- ``history`` (:class:`ReferralHistory`): referrals received, thanks, the funnel;
- here: who is ready to ask (with reasons), "never ask", and composing a message for a contact.

What each placeholder means for a contact:

``first_name``  the given name; else the one free-form name; else the display name
``name``        the display name
``company``     the company
``last_project`` what the latest purchase was (``purchase.what``)
``months_since_project`` whole calendar months since that purchase, as words ("3 months",
                "less than a month"; the screen passes a translated formatter)
``praise``      the first paragraph of the notes of the latest conversation marked praise
                (that has notes), on one line; see :func:`.suggestions.praise_quote`
``my_name``, ``my_offer``, ``signature``  the settings my_name, my_offer and my_signature
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.referrals.asks import AskTracker
from colearn_desktop.core.referrals.history import ReferralHistory
from colearn_desktop.core.referrals.mailto import mailto_url
from colearn_desktop.core.referrals.suggestions import (
    COUNT_SQL,
    ROWS_SQL,
    Suggestion,
    praise_quote,
    ready_params,
)
from colearn_desktop.core.referrals.suggestions import suggestion_from_row as _suggestion
from colearn_desktop.core.referrals.template_store import TemplateStore, TemplateView
from colearn_desktop.core.referrals.templates import Placeholder, Rendering, render
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import name_operation
from colearn_desktop.core.storage.models import Contact, ContactReferralState
from colearn_desktop.core.storage.settings import SettingsService
from colearn_desktop.core.unreadable import each_readable

MonthsText = Callable[[int], str]

_CONTACT_SQL = """
SELECT c.given_name, c.name, c.display_name, c.company,
       (SELECT p.what FROM purchase p WHERE p.contact_id = c.id AND p.deleted_at IS NULL
         ORDER BY p.purchased_on DESC, p.id DESC LIMIT 1),
       (SELECT p.purchased_on FROM purchase p WHERE p.contact_id = c.id AND p.deleted_at IS NULL
         ORDER BY p.purchased_on DESC, p.id DESC LIMIT 1),
       (SELECT cv.notes FROM conversation_contact cc
          JOIN conversation cv ON cv.id = cc.conversation_id
         WHERE cc.contact_id = c.id AND cv.praise = 1 AND cv.deleted_at IS NULL
           AND cv.notes <> ''
         ORDER BY cv.happened_at DESC, cv.id DESC LIMIT 1),
       (SELECT e.address FROM contact_email e WHERE e.contact_id = c.id
         ORDER BY e.position, e.id LIMIT 1),
       COALESCE(rs.never_ask, 0)
FROM contact c
LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
WHERE c.id = :contact_id
"""


def english_months(months: int) -> str:
    if months <= 0:
        return "less than a month"
    return "1 month" if months == 1 else f"{months} months"


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 when less than one)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class ReadyList:
    rows: tuple[Suggestion, ...]
    total: int


@dataclass(frozen=True)
class ContactFacts:
    contact_id: int
    display_name: str
    email: str
    never_ask: bool
    values: dict[str, str | None]


@dataclass(frozen=True)
class Composition:
    """A template filled in for one contact: what the preview starts from."""

    contact: ContactFacts
    template_id: int | None
    subject: Rendering
    body: Rendering

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.subject.missing + self.body.missing))

    def mailto(self, subject: str | None = None, body: str | None = None) -> str:
        return mailto_url(
            self.contact.email,
            self.subject.text if subject is None else subject,
            self.body.text if body is None else body,
        )


class ReferralService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService):
        self._ctx = ctx
        self._settings = settings
        self.templates = TemplateStore(ctx)
        self.asks = AskTracker(ctx, settings)
        self.history = ReferralHistory(ctx)

    # -- who to ask -----------------------------------------------------------------------

    def _ready_params(self, include_excluded: bool) -> dict[str, object]:
        settings = self._settings.get()
        return ready_params(
            self._ctx.clock.today(),
            ask_interval_days=settings.referral_ask_interval_days,
            no_answer_days=settings.referral_no_answer_days,
            include_excluded=include_excluded,
        )

    def ready_to_ask(self, *, limit: int = 200, include_excluded: bool = False) -> list[Suggestion]:
        """The best people to ask now, best first, each with its reasons."""
        return list(self.ready(limit=limit, include_excluded=include_excluded).rows)

    def ready(self, *, limit: int = 200, include_excluded: bool = False) -> ReadyList:
        """The best ``limit`` people to ask now and how many there are in all (one query)."""
        params = {**self._ready_params(include_excluded), "limit": limit}
        with self._ctx.db.read_raw() as connection:
            raws = connection.execute(ROWS_SQL, params).fetchall()
        ready = each_readable(raws, _suggestion, "contact", "the referral suggestions")
        return ReadyList(tuple(ready), raws[0][12] if raws else 0)

    def count_ready(self, *, include_excluded: bool = False) -> int:
        with self._ctx.db.read_raw() as connection:
            count: int = connection.execute(
                COUNT_SQL, self._ready_params(include_excluded)
            ).fetchone()[0]
        return count

    def set_never_ask(self, contact_id: int, never: bool = True) -> None:
        """Exclude a contact from referral suggestions (or include them again)."""
        self.set_never_ask_many((contact_id,), never)

    def set_never_ask_many(self, contact_ids: Sequence[int], never: bool = True) -> None:
        """Exclude several contacts at once (or include them again): one transaction, one
        step for Ctrl+Z ("Never ask 3 contacts for referrals")."""
        ids = tuple(dict.fromkeys(contact_ids))
        if not ids:
            raise ValidationError.single("contacts", "pick at least one person")
        with self._ctx.db.write("Change whom to ask for referrals") as session:
            names = dict(
                session.execute(
                    select(col(Contact.id), col(Contact.display_name)).where(
                        col(Contact.id).in_(ids)
                    )
                ).all()
            )
            missing = [i for i in ids if i not in names]
            if missing:
                raise NotFoundError(f"contact {missing[0]} does not exist")
            verb = "Never ask" if never else "Ask again"
            who = names[ids[0]] if len(ids) == 1 else f"{len(ids)} contacts"
            name_operation(session, f"{verb} {who} for referrals")
            upsert = sqlite_insert(ContactReferralState).values(
                [{"contact_id": i, "never_ask": never} for i in ids]
            )
            session.execute(
                upsert.on_conflict_do_update(
                    index_elements=["contact_id"], set_={"never_ask": upsert.excluded.never_ask}
                )
            )
        self._ctx.changed(Topic.REFERRALS, *ids)

    # -- composing ------------------------------------------------------------------------

    def facts(self, contact_id: int, months_text: MonthsText = english_months) -> ContactFacts:
        """Everything a template can say about ``contact_id`` (``None`` = no value)."""
        with self._ctx.db.read_raw() as connection:
            raw = connection.execute(_CONTACT_SQL, {"contact_id": contact_id}).fetchone()
        if raw is None:
            raise NotFoundError(f"contact {contact_id} does not exist")
        given, free_name, shown, company, project, purchased_on, praise, email, never = raw
        settings = self._settings.get()
        months = (
            months_text(months_between(date.fromisoformat(purchased_on), self._ctx.clock.today()))
            if purchased_on
            else None
        )
        values: dict[str, str | None] = {
            Placeholder.FIRST_NAME: given or free_name or shown,
            Placeholder.NAME: shown,
            Placeholder.COMPANY: company,
            Placeholder.LAST_PROJECT: project,
            Placeholder.PRAISE: praise_quote(praise),
            Placeholder.MONTHS_SINCE_PROJECT: months,
            Placeholder.MY_NAME: settings.my_name,
            Placeholder.MY_OFFER: settings.my_offer,
            Placeholder.SIGNATURE: settings.my_signature,
        }
        return ContactFacts(contact_id, shown, email or "", bool(never), values)

    def compose(
        self,
        contact_id: int,
        template: int | TemplateView,
        months_text: MonthsText = english_months,
    ) -> Composition:
        view = template if isinstance(template, TemplateView) else self.templates.get(template)
        facts = self.facts(contact_id, months_text)
        return Composition(
            contact=facts,
            template_id=view.id,
            subject=render(view.subject, facts.values),
            body=render(view.body, facts.values),
        )
