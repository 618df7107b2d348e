"""Recording referral asks and following them up.

An ask keeps what was sent, exactly (``message``, ``subject``), to whom, when and from which
template.  Its status is one of asked, referred, declined, no answer:

- The user sets referred or declined (or no answer) when they hear back; ``status_on`` is the
  day of that answer.
- **No answer is computed on read**, never written in the background: an ask still stored as
  ``asked`` shows as "no answer" once ``referral_no_answer_days`` (a setting) have passed since
  it was sent, with ``status_on`` = the day it turned.  So changing the setting applies to every
  ask at once, nothing writes to the journal just because time passed, and the user can still
  record a late answer.  Marking "no answer" by hand stores it.
- When a contact is saved with "referred by X" newly filled in, X's latest unanswered ask
  (stored asked or no answer, sent within ``REFERRAL_MATCH_DAYS``) becomes referred, in the
  same transaction (:func:`answer_with_referral`, called from ``contacts.record_referral``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.errors import NotFoundError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import Contact, ReferralAsk, ReferralTemplate
from colearn_desktop.core.storage.settings import SettingsService
from colearn_desktop.core.text import clean, clean_block
from colearn_desktop.core.unreadable import each_readable
from colearn_desktop.core.validation import Problems

# A referral that arrives more than a year after an ask is not an answer to it.
REFERRAL_MATCH_DAYS = 365
MAX_MESSAGE = 100_000


class AskFilter(StrEnum):
    WAITING = "waiting"  # sent, no answer yet, still within the no-answer period
    NO_ANSWER = "no_answer"  # no answer: computed or marked
    UNANSWERED = "unanswered"  # waiting or computed no answer (the user never recorded one)
    ALL = "all"


@dataclass(frozen=True)
class AskInput:
    contact_id: int
    # The exact text sent; stored as it is.
    message: str
    subject: str = ""
    template_id: int | None = None
    asked_on: date | None = None  # today when not given
    notes: str = ""


@dataclass(frozen=True)
class AskView:
    id: int
    contact_id: int
    contact_name: str
    asked_on: date
    template_id: int | None
    template_name: str
    subject: str
    message: str
    # The status as the user should see it (no answer computed after the setting's days).
    status: AskStatus
    status_on: date | None
    # True once the user recorded an outcome (stored status other than asked).
    answered: bool
    notes: str


def effective_status_sql(alias: str = "a") -> str:
    return (
        f"CASE WHEN {alias}.status = 'asked' AND {alias}.asked_on <= :no_answer_cutoff "
        f"THEN 'no_answer' ELSE {alias}.status END"
    )


_FILTERS = {
    AskFilter.WAITING: "a.status = 'asked' AND a.asked_on > :no_answer_cutoff",
    AskFilter.NO_ANSWER: "(a.status = 'no_answer' OR "
    "(a.status = 'asked' AND a.asked_on <= :no_answer_cutoff))",
    AskFilter.UNANSWERED: "a.status = 'asked'",
    AskFilter.ALL: "1",
}


def list_sql(which: AskFilter, for_contact: bool) -> str:
    contact = "AND a.contact_id = :contact_id" if for_contact else ""
    return f"""
SELECT a.id, a.contact_id, c.display_name, a.asked_on, a.template_id, COALESCE(t.name, ''),
       a.subject, a.message, {effective_status_sql()} AS status, a.status_on, a.status,
       a.notes
FROM referral_ask a
JOIN contact c ON c.id = a.contact_id
LEFT JOIN referral_template t ON t.id = a.template_id
WHERE {_FILTERS[which]} {contact}
ORDER BY a.asked_on DESC, a.id DESC
LIMIT :limit
"""


def view_from_row(raw: tuple[Any, ...], no_answer_days: int) -> AskView:
    asked_on = date.fromisoformat(raw[3])
    status = AskStatus(raw[8])
    stored = AskStatus(raw[10])
    status_on = date.fromisoformat(raw[9]) if raw[9] else None
    if status is AskStatus.NO_ANSWER and stored is AskStatus.ASKED:
        status_on = asked_on + timedelta(days=no_answer_days)
    return AskView(
        id=raw[0],
        contact_id=raw[1],
        contact_name=raw[2],
        asked_on=asked_on,
        template_id=raw[4],
        template_name=raw[5],
        subject=raw[6],
        message=raw[7],
        status=status,
        status_on=status_on,
        answered=stored is not AskStatus.ASKED,
        notes=raw[11],
    )


def answer_with_referral(
    session: Session, referred_contact_id: int, referrer_id: int, today: date
) -> int | None:
    """Mark the referrer's latest unanswered ask as referred; returns its id, if any.

    Runs inside the contact's write transaction.  Its audit stamp is the referred contact's
    ``updated_at``, which that transaction has just set from the journal's clock."""
    ask_id = session.scalar(
        select(col(ReferralAsk.id))
        .where(
            col(ReferralAsk.contact_id) == referrer_id,
            col(ReferralAsk.status).in_((AskStatus.ASKED.value, AskStatus.NO_ANSWER.value)),
            col(ReferralAsk.asked_on) <= today,
            col(ReferralAsk.asked_on) >= today - timedelta(days=REFERRAL_MATCH_DAYS),
        )
        .order_by(col(ReferralAsk.asked_on).desc(), col(ReferralAsk.id).desc())
        .limit(1)
    )
    if ask_id is None:
        return None
    stamp = session.scalar(
        select(col(Contact.updated_at)).where(col(Contact.id) == referred_contact_id)
    )
    session.execute(
        update(ReferralAsk)
        .where(col(ReferralAsk.id) == ask_id)
        .values(status=AskStatus.REFERRED.value, status_on=today, updated_at=stamp)
    )
    return ask_id


class AskTracker:
    """``journal.referrals.asks``: record what was sent, then its outcome."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService):
        self._ctx = ctx
        self._settings = settings

    # -- writes ---------------------------------------------------------------------------

    def record(self, data: AskInput) -> int:
        """Record an ask that was sent ("Did you send it?" answered yes)."""
        today = self._ctx.clock.today()
        asked_on = data.asked_on or today
        subject = clean(data.subject)
        notes = clean_block(data.notes)
        problems = Problems()
        if not data.message.strip():
            problems.add("message", "the message is empty")
        problems.check_text("message", data.message, MAX_MESSAGE)
        problems.check_text("subject", subject, 2000)
        problems.check_text("notes", notes)
        problems.check_past("asked_on", asked_on, today)
        with self._ctx.db.write("Note a referral ask") as session:
            contact = session.get(Contact, data.contact_id)
            if contact is None:
                problems.add("contact", f"contact {data.contact_id} does not exist")
            else:
                name_operation(session, f"Note referral ask to {contact.display_name}")
            if (
                data.template_id is not None
                and session.get(ReferralTemplate, data.template_id) is None
            ):
                problems.add("template", f"template {data.template_id} does not exist")
            problems.raise_if_any()
            now = self._ctx.clock.utcnow()
            ask_id = inserted_id(
                session,
                insert(ReferralAsk).values(
                    contact_id=data.contact_id,
                    asked_on=asked_on,
                    template_id=data.template_id,
                    subject=subject,
                    message=data.message,
                    status=AskStatus.ASKED.value,
                    status_on=None,
                    notes=notes,
                    created_at=now,
                    updated_at=now,
                ),
            )
        self._ctx.changed(Topic.REFERRALS, ask_id)
        return ask_id

    def set_status(self, ask_id: int, status: AskStatus, on: date | None = None) -> None:
        """Record the outcome of an ask (or put it back to asked, clearing the outcome)."""
        problems = Problems()
        problems.check_enum("status", status, AskStatus)
        problems.raise_if_any()
        status = AskStatus(status)
        today = self._ctx.clock.today()
        on = None if status is AskStatus.ASKED else (on or today)
        with self._ctx.db.write(f"Mark a referral ask {status.value.replace('_', ' ')}") as session:
            row = session.get(ReferralAsk, ask_id)
            if row is None:
                raise NotFoundError(f"referral ask {ask_id} does not exist")
            name = session.scalar(
                select(col(Contact.display_name)).where(col(Contact.id) == row.contact_id)
            )
            name_operation(session, f"Mark referral ask to {name} {status.value.replace('_', ' ')}")
            if on is not None and problems.check_past("status_on", on, today):
                problems.check_dates_ordered("status_on", row.asked_on, on)
            problems.raise_if_any()
            session.execute(
                update(ReferralAsk)
                .where(col(ReferralAsk.id) == ask_id)
                .values(status=status.value, status_on=on, updated_at=self._ctx.clock.utcnow())
            )
        self._ctx.changed(Topic.REFERRALS, ask_id)

    # -- reads ----------------------------------------------------------------------------

    def rows(
        self,
        which: AskFilter = AskFilter.ALL,
        *,
        contact_id: int | None = None,
        limit: int = 500,
    ) -> list[AskView]:
        """Asks, newest first."""
        days = self._settings.get().referral_no_answer_days
        params: dict[str, object] = {
            "no_answer_cutoff": (self._ctx.clock.today() - timedelta(days=days)).isoformat(),
            "limit": limit,
        }
        if contact_id is not None:
            params["contact_id"] = contact_id
        sql = list_sql(AskFilter(which), contact_id is not None)
        with self._ctx.db.read_raw() as connection:
            raws = connection.execute(sql, params).fetchall()
        return each_readable(
            raws, lambda raw: view_from_row(raw, days), "referral_ask", "the referral asks"
        )

    def get(self, ask_id: int) -> AskView:
        days = self._settings.get().referral_no_answer_days
        params = {
            "no_answer_cutoff": (self._ctx.clock.today() - timedelta(days=days)).isoformat(),
            "limit": 1,
            "ask_id": ask_id,
        }
        sql = list_sql(AskFilter.ALL, False).replace("WHERE 1", "WHERE a.id = :ask_id")
        with self._ctx.db.read_raw() as connection:
            raw = connection.execute(sql, params).fetchone()
        if raw is None:
            raise NotFoundError(f"referral ask {ask_id} does not exist")
        return view_from_row(raw, days)
