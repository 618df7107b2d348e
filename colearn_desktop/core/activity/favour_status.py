"""A favour's status follows from its settlements: the history is read here and the status derived.

Kept apart from the service so the rule is one small function a test can read in full, and the
service (writes) and the views (reads) share one definition of the history.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.enums import FavourStatus, SettlementAction
from colearn_desktop.core.storage.models import FavourSettlement


def derive_status(
    amount_cents: int | None, history: list[tuple[str, int | None, date]]
) -> tuple[FavourStatus, date | None]:
    """Status and closing date implied by a favour's settlements (oldest first)."""
    given_back = 0
    status = FavourStatus.OPEN
    for action, cents, on in history:
        if action == SettlementAction.FORGIVEN:
            return FavourStatus.FORGIVEN, on
        if action == SettlementAction.DONE:
            return FavourStatus.DONE, on
        status = FavourStatus.PARTLY_DONE
        if cents is None:
            continue  # a step with only a note never closes a favour: "fully" or forgive does
        given_back += cents
        if amount_cents is not None and given_back >= amount_cents:
            return FavourStatus.DONE, on
    return status, None


def settlement_history(session: Session, favour_id: int) -> list[tuple[str, int | None, date]]:
    """A favour's settlements, oldest first: (action, amount in cents, day)."""
    return [
        (a, c, d)
        for a, c, d in session.execute(
            select(
                col(FavourSettlement.action),
                col(FavourSettlement.amount_cents),
                col(FavourSettlement.settled_on),
            )
            .where(col(FavourSettlement.favour_id) == favour_id)
            .order_by(col(FavourSettlement.id))
        ).all()
    ]
