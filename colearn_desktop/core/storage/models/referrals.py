"""The referral tables: message templates, the asks sent and per-contact referral facts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from colearn_desktop.core.enums import AskStatus, check_in
from colearn_desktop.core.storage.models.base import maybe_stamp, stamp, uid_field, user_text


class ReferralTemplate(SQLModel, table=True):
    __tablename__ = "referral_template"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    name: str
    subject: str = user_text()
    body: str
    # Set for the defaults shipped in resources/, so an upgrade can add new ones only once.
    builtin_key: str | None = Field(default=None, unique=True)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    archived_at: datetime | None = maybe_stamp()


class ReferralAsk(SQLModel, table=True):
    __tablename__ = "referral_ask"
    __table_args__ = (
        CheckConstraint(check_in("status", AskStatus), name="status"),
        Index("ix_referral_ask_contact", "contact_id", "asked_on"),
        Index("ix_referral_ask_status", "status", "asked_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    asked_on: date
    template_id: int | None = Field(
        default=None, foreign_key="referral_template.id", ondelete="SET NULL"
    )
    subject: str = user_text()
    # The exact text that was sent.
    message: str
    status: str = Field(default=AskStatus.ASKED.value, sa_column_kwargs={"server_default": "asked"})
    status_on: date | None = None
    notes: str = user_text()
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class ContactReferralState(SQLModel, table=True):
    """Per-contact referral facts: "never ask this person", and when I thanked them for the
    referral that brought this contact in."""

    __tablename__ = "contact_referral_state"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    never_ask: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # When this contact was recorded as referred by someone (set when "referred by" is
    # filled in), and when I thanked that someone for it.
    referred_on: date | None = None
    thanked_on: date | None = None
