"""Favours both ways — an intro I owe Sam, the testimonial Ana wrote me — and paying them back.

A favour's status is never set directly: it follows from its history of settlements (partly
given back, fully given back, forgiven), so the history and the status cannot disagree and the
last step can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from colearn_desktop.core.activity.favour_status import derive_status, settlement_history
from colearn_desktop.core.activity.favour_views import favour_balance, favour_views
from colearn_desktop.core.enums import FavourDirection, FavourKind, FavourStatus, SettlementAction
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.events import Action, Change, Topic, trash_action
from colearn_desktop.core.records import FavourBalance, FavourInput, FavourView
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import inserted_id, name_operation
from colearn_desktop.core.storage.models import Contact, Favour, FavourSettlement
from colearn_desktop.core.text import clean, clean_block
from colearn_desktop.core.validation import Problems, from_cents, to_cents


class FavourService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def _normalise(self, data: FavourInput) -> FavourInput:
        return FavourInput(
            contact_id=data.contact_id,
            direction=data.direction,
            kind=data.kind,
            description=clean(data.description),
            amount=data.amount,
            currency=clean(data.currency).upper(),
            started_on=data.started_on or self._ctx.clock.today(),
            due_on=data.due_on,
            notes=clean_block(data.notes),
        )

    def _validate(self, session: Session, data: FavourInput) -> int | None:
        problems = Problems()
        if session.get(Contact, data.contact_id) is None:
            problems.add("contact", f"contact {data.contact_id} does not exist")
        problems.check_enum("direction", data.direction, FavourDirection)
        problems.check_enum("kind", data.kind, FavourKind)
        if not data.description:
            problems.add("description", "say what the favour is")
        problems.check_text("description", data.description, 2000)
        problems.check_text("notes", data.notes)
        cents = problems.money("amount", data.amount, data.currency)
        if cents == 0:
            problems.add("amount", "must be more than zero; leave it empty if no money is owed")
        if data.amount is None and data.currency:
            problems.add("amount", "give an amount for the currency, or clear the currency")
        today = self._ctx.clock.today()
        if problems.check_past("started_on", data.started_on, today):
            problems.check_dates_ordered("due_on", data.started_on, data.due_on)
        problems.check_plan("due_on", data.due_on, today)
        problems.raise_if_any()
        return cents

    def _columns(self, data: FavourInput, cents: int | None) -> dict[str, object]:
        return {
            "contact_id": data.contact_id,
            "direction": FavourDirection(data.direction).value,
            "kind": FavourKind(data.kind).value,
            "description": data.description,
            "amount_cents": cents,
            "currency": data.currency,
            "started_on": data.started_on,
            "due_on": data.due_on,
            "notes": data.notes,
        }

    # -- writes ---------------------------------------------------------------------------

    def add(self, data: FavourInput) -> int:
        data = self._normalise(data)
        with self._ctx.db.write(f"Note favour: {data.description}") as session:
            cents = self._validate(session, data)
            now = self._ctx.clock.utcnow()
            favour_id = inserted_id(
                session,
                insert(Favour).values(**self._columns(data, cents), created_at=now, updated_at=now),
            )
        self._ctx.changed(Topic.FAVOURS, favour_id, action=Action.CREATED)
        return favour_id

    def update(self, favour_id: int, data: FavourInput) -> Change:
        data = self._normalise(data)
        with self._ctx.db.write(f"Edit favour: {data.description}") as session:
            before = self._require(session, favour_id)
            cents = self._validate(session, data)
            given_back = sum(c or 0 for _, c, _ in settlement_history(session, favour_id))
            if cents is not None and given_back > cents:
                raise ValidationError.single(
                    "amount", f"is less than what was already given back ({from_cents(given_back)})"
                )
            if given_back and data.currency != before.currency:
                # Relabelling would change what was given back (100 EUR is not 100 USD).
                raise ValidationError.single(
                    "currency",
                    f"the currency stays {before.currency} because {from_cents(given_back)} "
                    f"{before.currency} was already given back; undo those steps first to "
                    "change it",
                )
            session.execute(
                update(Favour)
                .where(col(Favour.id) == favour_id)
                .values(**self._columns(data, cents), updated_at=self._ctx.clock.utcnow())
            )
            self._apply_status(session, favour_id)
        return self._ctx.changed(Topic.FAVOURS, favour_id)

    def settle(
        self,
        favour_id: int,
        *,
        amount: Decimal | None = None,
        fully: bool = False,
        note: str = "",
        on: date | None = None,
    ) -> FavourStatus:
        """Give a favour back, partly (optionally with an amount) or fully; returns the new
        status.  Paying back the whole outstanding amount closes the favour."""
        on = on or self._ctx.clock.today()
        with self._ctx.db.write("Settle a favour") as session:
            favour = self._require_open(session, favour_id)
            verb = "Settle" if fully else "Give back part of"
            name_operation(session, f"{verb} favour: {favour.description}")
            cents = None
            if amount is not None:
                cents = to_cents(amount)
                if cents is None or cents <= 0:
                    raise ValidationError.single("amount", "must be a positive amount")
                if favour.amount_cents is None:
                    raise ValidationError.single(
                        "amount", "this favour has no amount; settle it without one"
                    )
                outstanding = favour.amount_cents - sum(
                    c or 0 for _, c, _ in settlement_history(session, favour_id)
                )
                if cents > outstanding:
                    raise ValidationError.single(
                        "amount", f"is more than what is outstanding ({from_cents(outstanding)})"
                    )
            self._check_step_day(favour, on)
            action = SettlementAction.DONE if fully else SettlementAction.PARTIAL
            self._add_settlement(session, favour_id, action, cents, note, on)
            status = self._apply_status(session, favour_id)
        self._ctx.changed(Topic.FAVOURS, favour_id)
        return status

    def forgive(self, favour_id: int, note: str = "", on: date | None = None) -> Change:
        """Let a favour go: it is closed without being given back."""
        on = on or self._ctx.clock.today()
        with self._ctx.db.write("Forgive a favour") as session:
            favour = self._require_open(session, favour_id)
            name_operation(session, f"Forgive favour: {favour.description}")
            self._check_step_day(favour, on)
            self._add_settlement(session, favour_id, SettlementAction.FORGIVEN, None, note, on)
            self._apply_status(session, favour_id)
        return self._ctx.changed(Topic.FAVOURS, favour_id)

    def undo_last_settlement(self, favour_id: int) -> FavourStatus:
        """Take back the latest settlement (a mis-click), restoring the earlier status."""
        with self._ctx.db.write("Take back a favour's last step") as session:
            favour = self._require(session, favour_id)
            name_operation(session, f"Take back the last step of favour: {favour.description}")
            last = session.scalar(
                select(col(FavourSettlement.id))
                .where(col(FavourSettlement.favour_id) == favour_id)
                .order_by(col(FavourSettlement.id).desc())
                .limit(1)
            )
            if last is None:
                raise ValidationError.single("favour", "has no settlement to undo")
            session.execute(delete(FavourSettlement).where(col(FavourSettlement.id) == last))
            status = self._apply_status(session, favour_id)
        self._ctx.changed(Topic.FAVOURS, favour_id)
        return status

    def delete(self, favour_id: int) -> Change:
        return self._set_deleted(favour_id, deleted=True)

    def restore(self, favour_id: int) -> Change:
        return self._set_deleted(favour_id, deleted=False)

    def _set_deleted(self, favour_id: int, *, deleted: bool) -> Change:
        verb = "Delete" if deleted else "Restore"
        with self._ctx.db.write(f"{verb} a favour") as session:
            favour = self._require(session, favour_id)
            name_operation(session, f"{verb} favour: {favour.description}")
            now = self._ctx.clock.utcnow()
            session.execute(
                update(Favour)
                .where(col(Favour.id) == favour_id)
                .values(deleted_at=now if deleted else None, updated_at=now)
            )
        return self._ctx.changed(Topic.FAVOURS, favour_id, action=trash_action(deleted))

    def _check_step_day(self, favour: Favour, on: date) -> None:
        """A step is dated from the day the favour started to today."""
        if on < favour.started_on:
            raise ValidationError.single(
                "settled_on",
                f"{on.isoformat()} is before the favour started ({favour.started_on.isoformat()})",
            )
        problems = Problems()
        problems.check_past("settled_on", on, self._ctx.clock.today())
        problems.raise_if_any()

    def _add_settlement(
        self,
        session: Session,
        favour_id: int,
        action: SettlementAction,
        cents: int | None,
        note: str,
        on: date,
    ) -> None:
        problems = Problems()
        problems.check_text("note", note)
        problems.raise_if_any()
        session.execute(
            insert(FavourSettlement).values(
                favour_id=favour_id,
                settled_on=on,
                action=action.value,
                amount_cents=cents,
                note=clean_block(note),
                created_at=self._ctx.clock.utcnow(),
            )
        )

    def _apply_status(self, session: Session, favour_id: int) -> FavourStatus:
        amount = session.scalar(select(col(Favour.amount_cents)).where(col(Favour.id) == favour_id))
        status, closed_on = derive_status(amount, settlement_history(session, favour_id))
        session.execute(
            update(Favour)
            .where(col(Favour.id) == favour_id)
            .values(status=status.value, closed_on=closed_on, updated_at=self._ctx.clock.utcnow())
        )
        return status

    # -- reads ----------------------------------------------------------------------------

    def get(self, favour_id: int) -> FavourView:
        with self._ctx.db.read() as session:
            self._require(session, favour_id)
            return favour_views(session, select(Favour).where(col(Favour.id) == favour_id))[0]

    def for_contact(self, contact_id: int) -> list[FavourView]:
        """Open favours first (soonest due first), then closed ones, newest first."""
        with self._ctx.db.read() as session:
            views = favour_views(
                session,
                select(Favour).where(
                    col(Favour.contact_id) == contact_id, col(Favour.deleted_at).is_(None)
                ),
            )
        open_first = sorted(
            (v for v in views if v.is_open),
            key=lambda v: (v.data.due_on or date.max, v.data.started_on, v.id),
        )
        closed = sorted(
            (v for v in views if not v.is_open),
            key=lambda v: (v.closed_on or date.min, v.id),
            reverse=True,
        )
        return open_first + closed

    def balance(self, contact_id: int) -> FavourBalance:
        return self.balance_of(self.for_contact(contact_id))

    @staticmethod
    def balance_of(views: Iterable[FavourView]) -> FavourBalance:
        """The balance of favours already read (a screen that lists them does not read
        them a second time for the sum)."""
        return favour_balance(views)

    @staticmethod
    def _require(session: Session, favour_id: int) -> Favour:
        row = session.get(Favour, favour_id)
        if row is None:
            raise NotFoundError(f"favour {favour_id} does not exist")
        return row

    def _require_open(self, session: Session, favour_id: int) -> Favour:
        row = self._require(session, favour_id)
        if not FavourStatus(row.status).is_open:
            raise ValidationError.single(
                "status",
                f"this favour is already {FavourStatus(row.status).value.replace('_', ' ')}",
            )
        return row
