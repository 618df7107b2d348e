"""What came back: referrals received per person, thanking, and the funnel over a period.

A referral is a contact whose "referred by" is filled in.  Its date is the day "referred by"
was filled in (``contact_referral_state.referred_on``), or, for contacts that came from an
older journal or an import without that date, the day the contact was added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.models import Contact, ContactReferralState
from colearn_desktop.core.unreadable import each_readable
from colearn_desktop.core.validation import Problems

REFERRED_ON = "COALESCE(rs.referred_on, c.added_on)"
IS_CLIENT = "EXISTS (SELECT 1 FROM purchase p WHERE p.contact_id = c.id AND p.deleted_at IS NULL)"
_PERIOD = f"{REFERRED_ON} BETWEEN :since AND :until"


@dataclass(frozen=True)
class Referrer:
    """One person who sent me people, over a period."""

    contact_id: int
    display_name: str
    referred: int
    became_clients: int
    last_referred_on: date
    # Referrals recorded with a date that are not thanked yet.
    unthanked: int


@dataclass(frozen=True)
class ReferredPerson:
    contact_id: int
    display_name: str
    referred_on: date
    thanked_on: date | None
    is_client: bool


@dataclass(frozen=True)
class Funnel:
    asks: int
    # Asks in the period that were answered with a referral.
    asks_referred: int
    # People referred to me in the period (asked for or not).
    referrals: int
    # Of those, how many bought something.
    clients: int


def _period(since: date | None, until: date | None) -> dict[str, str]:
    return {
        "since": since.isoformat() if since else "0001-01-01",
        "until": until.isoformat() if until else "9999-12-31",
    }


_RECEIVED_SQL = f"""
SELECT r.id, r.display_name, count(*) AS referred, sum({IS_CLIENT}) AS clients,
       max({REFERRED_ON}) AS last_on,
       sum(rs.referred_on IS NOT NULL AND rs.thanked_on IS NULL) AS unthanked
FROM contact c
JOIN contact r ON r.id = c.referred_by_id
LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
WHERE c.referred_by_id IS NOT NULL AND {_PERIOD}
GROUP BY r.id
ORDER BY referred DESC, last_on DESC, r.sort_name, r.id
LIMIT :limit
"""

_FROM_SQL = f"""
SELECT c.id, c.display_name, {REFERRED_ON}, rs.thanked_on, {IS_CLIENT}
FROM contact c
LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
WHERE c.referred_by_id = :referrer
ORDER BY {REFERRED_ON} DESC, c.sort_name, c.id
"""

_FUNNEL_SQL = f"""
SELECT
  (SELECT count(*) FROM referral_ask a WHERE a.asked_on BETWEEN :since AND :until),
  (SELECT count(*) FROM referral_ask a
    WHERE a.asked_on BETWEEN :since AND :until AND a.status = 'referred'),
  (SELECT count(*) FROM contact c LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
    WHERE c.referred_by_id IS NOT NULL AND {_PERIOD}),
  (SELECT count(*) FROM contact c LEFT JOIN contact_referral_state rs ON rs.contact_id = c.id
    WHERE c.referred_by_id IS NOT NULL AND {_PERIOD} AND {IS_CLIENT})
"""


class ReferralHistory:
    """``journal.referrals.history``."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def received(
        self, since: date | None = None, until: date | None = None, limit: int = 1000
    ) -> list[Referrer]:
        """Who referred people to me in the period, most referrals first."""
        params: dict[str, object] = {**_period(since, until), "limit": limit}
        with self._ctx.db.read_raw() as connection:
            raws = connection.execute(_RECEIVED_SQL, params).fetchall()
        return each_readable(
            raws,
            lambda r: Referrer(r[0], r[1], r[2], r[3], date.fromisoformat(r[4]), r[5]),
            "contact",
            "the referrers",
        )

    def referred_by(self, referrer_id: int) -> list[ReferredPerson]:
        """Everyone ``referrer_id`` referred, newest first."""
        with self._ctx.db.read_raw() as connection:
            raws = connection.execute(_FROM_SQL, {"referrer": referrer_id}).fetchall()
        return each_readable(
            raws,
            lambda r: ReferredPerson(
                r[0],
                r[1],
                date.fromisoformat(r[2]),
                date.fromisoformat(r[3]) if r[3] else None,
                bool(r[4]),
            ),
            "contact_referral_state",
            "the people referred",
        )

    def funnel(self, since: date | None = None, until: date | None = None) -> Funnel:
        with self._ctx.db.read_raw() as connection:
            row = connection.execute(_FUNNEL_SQL, _period(since, until)).fetchone()
        return Funnel(*row)

    def mark_thanked(self, referred_contact_ids: list[int], on: date | None = None) -> None:
        """Note that I thanked the referrer for these referred contacts (this ends the
        thank-you reminder for each)."""
        on = on or self._ctx.clock.today()
        problems = Problems()
        problems.check_past("thanked_on", on, self._ctx.clock.today())
        problems.raise_if_any()
        ids = sorted(set(referred_contact_ids))
        if not ids:
            return
        people = "a referral" if len(ids) == 1 else f"{len(ids)} referrals"
        with self._ctx.db.write(f"Note thanks for {people}") as session:
            rows = session.execute(
                select(
                    col(Contact.id),
                    col(Contact.referred_by_id),
                    col(ContactReferralState.referred_on),
                )
                .outerjoin(
                    ContactReferralState, col(ContactReferralState.contact_id) == col(Contact.id)
                )
                .where(col(Contact.id).in_(ids))
            ).all()
            found = {i: (referrer, referred_on) for i, referrer, referred_on in rows}
            for contact_id in ids:
                if contact_id not in found:
                    raise NotFoundError(f"contact {contact_id} does not exist")
                referrer, referred_on = found[contact_id]
                if referrer is None:
                    raise ValidationError.single(
                        "contact", f"contact {contact_id} was not referred by anyone"
                    )
                if referred_on is not None and on < referred_on:
                    raise ValidationError.single(
                        "thanked_on",
                        f"{on.isoformat()} is before contact {contact_id} was referred "
                        f"({referred_on.isoformat()})",
                    )
            for contact_id in ids:
                session.execute(
                    sqlite_insert(ContactReferralState)
                    .values(contact_id=contact_id, thanked_on=on)
                    .on_conflict_do_update(index_elements=["contact_id"], set_={"thanked_on": on})
                )
        self._ctx.changed(Topic.REFERRALS, *ids)

    def thank_referrer(self, referrer_id: int, on: date | None = None) -> list[int]:
        """Mark every not-yet-thanked referral from ``referrer_id`` thanked; returns the ids
        of the referred contacts."""
        pending = [p.contact_id for p in self.referred_by(referrer_id) if p.thanked_on is None]
        self.mark_thanked(pending, on)
        return pending
