"""Reading favours for the screens: each favour with its settlements, and the balance of many.

The service writes; this module turns rows into the views the contact page, the brief and Today
show, so the read side can grow (a new column, a sort) without the service passing 400 lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.enums import FavourDirection, FavourKind, FavourStatus, SettlementAction
from colearn_desktop.core.records import FavourBalance, FavourInput, FavourView, SettlementView
from colearn_desktop.core.storage.models import Favour, FavourSettlement
from colearn_desktop.core.unreadable import readable_rows
from colearn_desktop.core.validation import from_cents, to_cents


def favour_views(session: Session, query: Select[Any]) -> list[FavourView]:
    """The favours the query selects, each with its settlements and what is outstanding."""
    rows = readable_rows(session, query, Favour)
    if not rows:
        return []
    settlements: dict[int, list[SettlementView]] = defaultdict(list)
    for s in readable_rows(
        session,
        select(FavourSettlement)
        .where(col(FavourSettlement.favour_id).in_([r.id for r in rows]))
        .order_by(col(FavourSettlement.id)),
        FavourSettlement,
    ):
        settlements[s.favour_id].append(
            SettlementView(
                s.id,
                s.settled_on,
                SettlementAction(s.action),
                from_cents(s.amount_cents),
                s.note,
            )
        )
    views = []
    for row in rows:
        history = settlements[row.id]
        outstanding = None
        if row.amount_cents is not None:
            status = FavourStatus(row.status)
            given = sum(to_cents(h.amount) or 0 for h in history if h.amount is not None)
            left = 0 if not status.is_open else row.amount_cents - given
            outstanding = from_cents(left)
        data = FavourInput(
            contact_id=row.contact_id,
            direction=FavourDirection(row.direction),
            kind=FavourKind(row.kind),
            description=row.description,
            amount=from_cents(row.amount_cents),
            currency=row.currency,
            started_on=row.started_on,
            due_on=row.due_on,
            notes=row.notes,
        )
        views.append(
            FavourView(
                id=row.id,
                data=data,
                status=FavourStatus(row.status),
                closed_on=row.closed_on,
                settlements=tuple(history),
                outstanding=outstanding,
            )
        )
    return views


def favour_balance(views: Iterable[FavourView]) -> FavourBalance:
    """The balance of favours already read (a screen that lists them does not read
    them a second time for the sum)."""
    counts = {FavourDirection.I_OWE: 0, FavourDirection.THEY_OWE: 0}
    net: dict[str, Decimal] = defaultdict(Decimal)
    for view in views:
        if not view.is_open:
            continue
        direction = FavourDirection(view.data.direction)
        counts[direction] += 1
        if view.outstanding is not None:
            sign = 1 if direction == FavourDirection.I_OWE else -1
            net[view.data.currency] += sign * view.outstanding
    return FavourBalance(
        i_owe_open=counts[FavourDirection.I_OWE],
        they_owe_open=counts[FavourDirection.THEY_OWE],
        net_by_currency={c: v for c, v in sorted(net.items()) if v},
    )
