"""The people tables: contacts, their labelled lists (e-mails, phones and every list of the
contact field list), photos and tags."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
)
from sqlmodel import Column, Field, SQLModel

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, TEXT_FIELDS, children
from colearn_desktop.core.enums import Stage, check_in
from colearn_desktop.core.storage.models.base import (
    maybe_stamp,
    metadata,
    stamp,
    uid_field,
    user_text,
)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (
        CheckConstraint(check_in("stage", Stage), name="stage"),
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
        CheckConstraint(
            "birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12", name="birthday_month"
        ),
        CheckConstraint(
            "birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31", name="birthday_day"
        ),
        CheckConstraint(
            "(birthday_month IS NULL) = (birthday_day IS NULL)", name="birthday_month_and_day"
        ),
        CheckConstraint(
            "birthday_year IS NULL OR birthday_month IS NOT NULL", name="birthday_year_needs_day"
        ),
        CheckConstraint("referred_by_id IS NULL OR referred_by_id <> id", name="not_self_referred"),
        Index("ix_contact_active_sort", "archived_at", "sort_name"),
        Index("ix_contact_birthday", "birthday_month", "birthday_day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    given_name: str = user_text()
    family_name: str = user_text()
    # One free-form name, for when that is all there is ("Dr. Okafor", "Mum", "李小龍").
    name: str = user_text()
    display_name: str = Field(index=True)
    sort_name: str = Field(index=True)
    company: str = user_text(index=True)
    job_title: str = user_text()
    address: str = user_text()
    website: str = user_text()
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    stage: str = Field(default=Stage.NETWORK.value, sa_column_kwargs={"server_default": "network"})
    cadence_days: int | None = None
    how_met: str = user_text()
    referred_by_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL", index=True
    )
    notes: str = user_text()
    last_contact_at: datetime | None = maybe_stamp(index=True)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()
    archived_at: datetime | None = maybe_stamp()
    # Cached by triggers for fast, SQL-sorted lists (see core/contact_cache.py); never
    # written by the services themselves.
    tags_text: str = user_text()
    favours_i_owe: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    favours_they_owe: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    cadence_effective: int | None = None
    keep_in_touch_on: date | None = None
    # The local day the contact was added (``created_at`` is UTC): keeping in touch with
    # someone never talked to counts from it.  Set by the service, else by a trigger.
    added_on: date | None = None


class ContactEmail(SQLModel, table=True):
    __tablename__ = "contact_email"
    __table_args__ = (Index("ix_contact_email_owner", "contact_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    label: str = user_text()
    address: str
    # Case-folded address: what duplicate matching and search compare.
    address_key: str = Field(index=True)
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ContactPhone(SQLModel, table=True):
    __tablename__ = "contact_phone"
    __table_args__ = (Index("ix_contact_phone_owner", "contact_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    label: str = user_text()
    number: str
    # Digits only (with a leading + kept): "+44 20 7946 0958" and "+442079460958" match.
    number_key: str = Field(index=True)
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


def _declare_listed(table: Table) -> None:
    """The text columns and labelled-list tables that only the contact field list declares
    (``core/contact_fields.py``): adding a field there adds it to the schema here, in the
    shape of the columns and tables above."""
    for listed in TEXT_FIELDS:
        if listed.column not in table.c:
            table.append_column(Column(listed.column, String(), nullable=False, server_default=""))
    for listed in LABELLED_FIELDS:
        child = children(listed)
        if child.table in metadata.tables:
            continue
        Table(
            child.table,
            metadata,
            Column("id", Integer(), primary_key=True),
            Column(
                "contact_id", Integer(), ForeignKey("contact.id", ondelete="CASCADE"),
                nullable=False,
            ),
            Column("label", String(), nullable=False, server_default=""),
            Column(child.value_column, String(), nullable=False),
            Column(child.key_column, String(), nullable=False, index=True),
            Column("position", Integer(), nullable=False, server_default="0"),
            Index(f"ix_{child.table}_owner", "contact_id", "position"),
        )  # fmt: skip


_declare_listed(Contact.__table__)  # type: ignore[attr-defined]


class ContactPhoto(SQLModel, table=True):
    """Kept apart from ``contact`` so list queries never drag image bytes through memory."""

    __tablename__ = "contact_photo"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    mime_type: str
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Tag(SQLModel, table=True):
    __tablename__ = "tag"
    __table_args__ = (
        CheckConstraint("cadence_days IS NULL OR cadence_days > 0", name="cadence_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    name: str
    name_key: str = Field(unique=True)
    # A keep-in-touch default for everyone with this tag (a contact's own cadence wins).
    cadence_days: int | None = None
    created_at: datetime = stamp()


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True, index=True)


class ContactAlias(SQLModel, table=True):
    """The stable id of a contact merged into another: an import or another device that names
    the merged contact lands on the kept one (see ``core/people/contact_ids.py``)."""

    __tablename__ = "contact_alias"

    uid: str = Field(primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", index=True)


class NotSamePerson(SQLModel, table=True):
    """Two contacts the duplicate finder must never suggest again, smaller id first (the
    CHECK makes each pair one row however it was marked)."""

    __tablename__ = "not_same_person"
    __table_args__ = (CheckConstraint("contact_a < contact_b", name="ordered"),)

    contact_a: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    contact_b: int = Field(
        foreign_key="contact.id", ondelete="CASCADE", primary_key=True, index=True
    )
    marked_at: datetime = Field(sa_type=DateTime())
