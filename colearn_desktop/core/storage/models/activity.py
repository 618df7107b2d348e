"""The activity tables: conversations (and who took part), favours and the steps that settle
them, purchases and the reminders the user wrote."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from colearn_desktop.core.enums import (
    Channel,
    FavourDirection,
    FavourKind,
    FavourStatus,
    RepeatUnit,
    SettlementAction,
    check_in,
)
from colearn_desktop.core.storage.models.base import maybe_stamp, stamp, uid_field, user_text


class Conversation(SQLModel, table=True):
    __tablename__ = "conversation"
    __table_args__ = (
        CheckConstraint(check_in("channel", Channel), name="channel"),
        CheckConstraint(
            "next_step_due IS NULL OR next_step_due >= date(happened_at)", name="next_step_after"
        ),
        Index("ix_conversation_next_step_due", "next_step_due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    happened_at: datetime = stamp(index=True)
    channel: str = Field(default=Channel.CALL.value, sa_column_kwargs={"server_default": "call"})
    notes: str = user_text()
    learned: str = user_text()
    they_asked: str = user_text()
    next_step: str = user_text()
    next_step_due: date | None = None
    next_step_done_at: datetime | None = maybe_stamp()
    # They said something good about my work: what referral templates quote as {praise}.
    praise: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    deleted_at: datetime | None = maybe_stamp()


class ConversationContact(SQLModel, table=True):
    __tablename__ = "conversation_contact"
    __table_args__ = (Index("ix_conversation_contact_contact", "contact_id", "conversation_id"),)

    conversation_id: int = Field(
        foreign_key="conversation.id", ondelete="CASCADE", primary_key=True
    )
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)


class Favour(SQLModel, table=True):
    __tablename__ = "favour"
    __table_args__ = (
        CheckConstraint(check_in("direction", FavourDirection), name="direction"),
        CheckConstraint(check_in("kind", FavourKind), name="kind"),
        CheckConstraint(check_in("status", FavourStatus), name="status"),
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount_not_negative"),
        CheckConstraint("due_on IS NULL OR due_on >= started_on", name="due_after_start"),
        Index("ix_favour_contact", "contact_id", "status"),
        Index("ix_favour_status_due", "status", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    direction: str
    kind: str
    description: str
    amount_cents: int | None = None
    currency: str = user_text()
    started_on: date
    due_on: date | None = None
    status: str = Field(
        default=FavourStatus.OPEN.value, sa_column_kwargs={"server_default": "open"}
    )
    closed_on: date | None = None
    notes: str = user_text()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    deleted_at: datetime | None = maybe_stamp()


class FavourSettlement(SQLModel, table=True):
    """One step of paying a favour back: partly, fully, or forgiving it."""

    __tablename__ = "favour_settlement"
    __table_args__ = (
        CheckConstraint(check_in("action", SettlementAction), name="action"),
        CheckConstraint("amount_cents IS NULL OR amount_cents > 0", name="amount_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    favour_id: int = Field(foreign_key="favour.id", ondelete="CASCADE", index=True)
    settled_on: date
    action: str
    amount_cents: int | None = None
    note: str = user_text()
    created_at: datetime = stamp()


class Purchase(SQLModel, table=True):
    __tablename__ = "purchase"
    __table_args__ = (
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount_not_negative"),
        Index("ix_purchase_contact", "contact_id", "purchased_on"),
        Index("ix_purchase_date", "purchased_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    purchased_on: date
    what: str
    amount_cents: int | None = None
    currency: str = user_text()
    notes: str = user_text()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    deleted_at: datetime | None = maybe_stamp()
    # Cached by triggers for the check-in reminders (see core/contact_cache.py); never
    # written by the services themselves.
    talked_after_days: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    rebought_after_days: int | None = None


class Reminder(SQLModel, table=True):
    """A reminder the user wrote (computed ones come from cadences, purchases, favours...)."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(
            f"repeat_unit IS NULL OR {check_in('repeat_unit', RepeatUnit)}", name="repeat_unit"
        ),
        CheckConstraint("repeat_every IS NULL OR repeat_every > 0", name="repeat_every_positive"),
        CheckConstraint("(repeat_unit IS NULL) = (repeat_every IS NULL)", name="repeat_complete"),
        Index("ix_reminder_due", "done_at", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="CASCADE", index=True
    )
    text: str
    due_on: date
    # The first date of a recurring series: "every month on the 31st" stays on month ends.
    anchor_on: date | None = None
    repeat_unit: str | None = None
    repeat_every: int | None = None
    snoozed_until: date | None = None
    done_at: datetime | None = maybe_stamp()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    deleted_at: datetime | None = maybe_stamp()
