"""Purchases: the projects and sales a client bought.  Check-in reminders are scheduled from
them, so the relationship carries on between purchases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.errors import NotFoundError
from colearn_desktop.core.events import Action, Change, Topic, trash_action
from colearn_desktop.core.records import PurchaseInput, PurchaseView
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import Contact, Purchase
from colearn_desktop.core.text import clean, clean_block
from colearn_desktop.core.unreadable import readable_rows
from colearn_desktop.core.validation import Problems, from_cents


class PurchaseService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @staticmethod
    def _normalise(data: PurchaseInput) -> PurchaseInput:
        return PurchaseInput(
            contact_id=data.contact_id,
            purchased_on=data.purchased_on,
            what=clean(data.what),
            amount=data.amount,
            currency=clean(data.currency).upper(),
            notes=clean_block(data.notes),
        )

    def _validate(self, session: Session, data: PurchaseInput) -> int | None:
        problems = Problems()
        if session.get(Contact, data.contact_id) is None:
            problems.add("contact", f"contact {data.contact_id} does not exist")
        if data.purchased_on is None:
            problems.add("purchased_on", "say when it was bought")
        else:
            problems.check_past("purchased_on", data.purchased_on, self._ctx.clock.today())
        if not data.what:
            problems.add("what", "say what was bought")
        problems.check_text("what", data.what, 2000)
        problems.check_text("notes", data.notes)
        cents = problems.money("amount", data.amount, data.currency)
        if data.amount is None and data.currency:
            problems.add("amount", "give an amount for the currency, or clear the currency")
        problems.raise_if_any()
        return cents

    def add(self, data: PurchaseInput) -> int:
        data = self._normalise(data)
        with self._ctx.db.write(f"Note purchase: {data.what}") as session:
            cents = self._validate(session, data)
            now = self._ctx.clock.utcnow()
            purchase_id = inserted_id(
                session,
                insert(Purchase).values(
                    contact_id=data.contact_id,
                    purchased_on=data.purchased_on,
                    what=data.what,
                    amount_cents=cents,
                    currency=data.currency,
                    notes=data.notes,
                    created_at=now,
                    updated_at=now,
                ),
            )
        self._ctx.changed(Topic.PURCHASES, purchase_id, action=Action.CREATED)
        return purchase_id

    def update(self, purchase_id: int, data: PurchaseInput) -> Change:
        data = self._normalise(data)
        with self._ctx.db.write(f"Edit purchase: {data.what}") as session:
            self._require(session, purchase_id)
            cents = self._validate(session, data)
            session.execute(
                update(Purchase)
                .where(col(Purchase.id) == purchase_id)
                .values(
                    contact_id=data.contact_id,
                    purchased_on=data.purchased_on,
                    what=data.what,
                    amount_cents=cents,
                    currency=data.currency,
                    notes=data.notes,
                    updated_at=self._ctx.clock.utcnow(),
                )
            )
        return self._ctx.changed(Topic.PURCHASES, purchase_id)

    def delete(self, purchase_id: int) -> Change:
        return self._set_deleted(purchase_id, deleted=True)

    def restore(self, purchase_id: int) -> Change:
        return self._set_deleted(purchase_id, deleted=False)

    def _set_deleted(self, purchase_id: int, *, deleted: bool) -> Change:
        verb = "Delete" if deleted else "Restore"
        with self._ctx.db.write(f"{verb} a purchase") as session:
            name_operation(session, f"{verb} purchase: {self._require(session, purchase_id).what}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Purchase)
                .where(col(Purchase.id) == purchase_id)
                .values(deleted_at=now if deleted else None, updated_at=now)
            )
        return self._ctx.changed(Topic.PURCHASES, purchase_id, action=trash_action(deleted))

    def get(self, purchase_id: int) -> PurchaseView:
        with self._ctx.db.read() as session:
            return self._view(self._require(session, purchase_id))

    def for_contact(self, contact_id: int) -> list[PurchaseView]:
        """Newest first, without the trash."""
        with self._ctx.db.read() as session:
            rows = readable_rows(
                session,
                select(Purchase)
                .where(col(Purchase.contact_id) == contact_id, col(Purchase.deleted_at).is_(None))
                .order_by(col(Purchase.purchased_on).desc(), col(Purchase.id).desc()),
                Purchase,
            )
            return [self._view(row) for row in rows]

    def totals(self, contact_id: int) -> dict[str, Decimal]:
        """What the contact has bought, per currency (amounts in different currencies are
        never added together)."""
        return self.totals_of(self.for_contact(contact_id))

    @staticmethod
    def totals_of(views: Iterable[PurchaseView]) -> dict[str, Decimal]:
        """The totals of purchases already read (without reading them again)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for view in views:
            if view.data.amount is not None:
                totals[view.data.currency] += view.data.amount
        return dict(sorted(totals.items()))

    @staticmethod
    def _view(row: Purchase) -> PurchaseView:
        assert row.id is not None  # a row read back from the journal has its id
        return PurchaseView(
            id=row.id,
            data=PurchaseInput(
                contact_id=row.contact_id,
                purchased_on=row.purchased_on,
                what=row.what,
                amount=from_cents(row.amount_cents),
                currency=row.currency,
                notes=row.notes,
            ),
            created_at=row.created_at,
        )

    @staticmethod
    def _require(session: Session, purchase_id: int) -> Purchase:
        row = session.get(Purchase, purchase_id)
        if row is None:
            raise NotFoundError(f"purchase {purchase_id} does not exist")
        return row
