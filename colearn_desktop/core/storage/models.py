"""The journal's tables (SQLModel), designed for every screen that reads them.

Conventions, chosen so a decade-old journal stays unambiguous:

- Text the user types is ``NOT NULL DEFAULT ''``: "no company" is an empty string, never NULL, so
  nothing ever prints "None".
- Money is an integer number of hundredths (``amount_cents``) plus an ISO 4217 currency code;
  floating point never touches an amount.
- ``happened_at`` of a conversation is local wall-clock time, as the user lived it; audit stamps
  (``created_at``/``updated_at``) are UTC.  Calendar dates (due dates, purchase dates) are dates.
- Nothing the user made is deleted by a click: contacts are archived (``archived_at``), the
  other rows go to the trash (``deleted_at``); permanent deletion is a separate, explicit act.
- ``display_name``/``sort_name`` and ``last_contact_at`` are derived values cached for fast,
  SQL-sorted lists; the journal service keeps them right in the same transaction as the change.

The Alembic revisions in ``migrations/versions`` create exactly this schema; a test compares
the two so they cannot drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
)
from sqlalchemy.orm import Mapped
from sqlmodel import Column, Field, SQLModel, col

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, TEXT_FIELDS, children
from colearn_desktop.core.enums import (
    AskStatus,
    Channel,
    FavourDirection,
    FavourKind,
    FavourStatus,
    RepeatUnit,
    SettlementAction,
    Stage,
    check_in,
)

# Named constraints let Alembic's batch mode (SQLite's copy-and-move ALTER) find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata: MetaData = SQLModel.metadata

EMPTY = {"server_default": ""}


def row_id(column: int | None) -> Mapped[int]:
    """A primary key selected in a query.  SQLModel types ``id`` as ``int | None`` because a
    row not yet inserted has none, but every row read back from the journal has one."""
    return cast("Mapped[int]", col(column))


def _text(**kwargs: Any) -> str:
    """A user-typed text column: never NULL, empty when unknown."""
    column: str = Field(default="", sa_column_kwargs=dict(EMPTY), **kwargs)
    return column


def _when(**kwargs: Any) -> datetime:
    """A naive timestamp column.  Declared explicitly because SQLModel's default for
    ``datetime`` differs between versions (newer ones demand aware UTC values), and a local
    wall-clock time must be stored as the user entered it."""
    column: datetime = Field(sa_type=DateTime(), **kwargs)
    return column


def _maybe_when(**kwargs: Any) -> datetime | None:
    column: datetime | None = Field(default=None, sa_type=DateTime(), **kwargs)
    return column


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
    given_name: str = _text()
    family_name: str = _text()
    # One free-form name, for when that is all there is ("Dr. Okafor", "Mum", "李小龍").
    name: str = _text()
    display_name: str = Field(index=True)
    sort_name: str = Field(index=True)
    company: str = _text(index=True)
    job_title: str = _text()
    address: str = _text()
    website: str = _text()
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    stage: str = Field(default=Stage.NETWORK.value, sa_column_kwargs={"server_default": "network"})
    cadence_days: int | None = None
    how_met: str = _text()
    referred_by_id: int | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL", index=True
    )
    notes: str = _text()
    last_contact_at: datetime | None = _maybe_when(index=True)
    created_at: datetime = _when()
    updated_at: datetime = _when()
    archived_at: datetime | None = _maybe_when()
    # Cached by triggers for fast, SQL-sorted lists (see core/contact_cache.py); never
    # written by the services themselves.
    tags_text: str = _text()
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
    label: str = _text()
    address: str
    # Case-folded address: what duplicate matching and search compare.
    address_key: str = Field(index=True)
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ContactPhone(SQLModel, table=True):
    __tablename__ = "contact_phone"
    __table_args__ = (Index("ix_contact_phone_owner", "contact_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    label: str = _text()
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
    name: str
    name_key: str = Field(unique=True)
    # A keep-in-touch default for everyone with this tag (a contact's own cadence wins).
    cadence_days: int | None = None
    created_at: datetime = _when()


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"

    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True, index=True)


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
    happened_at: datetime = _when(index=True)
    channel: str = Field(default=Channel.CALL.value, sa_column_kwargs={"server_default": "call"})
    notes: str = _text()
    learned: str = _text()
    they_asked: str = _text()
    next_step: str = _text()
    next_step_due: date | None = None
    next_step_done_at: datetime | None = _maybe_when()
    # They said something good about my work: what referral templates quote as {praise}.
    praise: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = _when()
    updated_at: datetime = _when()
    deleted_at: datetime | None = _maybe_when()


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
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    direction: str
    kind: str
    description: str
    amount_cents: int | None = None
    currency: str = _text()
    started_on: date
    due_on: date | None = None
    status: str = Field(
        default=FavourStatus.OPEN.value, sa_column_kwargs={"server_default": "open"}
    )
    closed_on: date | None = None
    notes: str = _text()
    created_at: datetime = _when()
    updated_at: datetime = _when()
    deleted_at: datetime | None = _maybe_when()


class FavourSettlement(SQLModel, table=True):
    """One step of paying a favour back: partly, fully, or forgiving it."""

    __tablename__ = "favour_settlement"
    __table_args__ = (
        CheckConstraint(check_in("action", SettlementAction), name="action"),
        CheckConstraint("amount_cents IS NULL OR amount_cents > 0", name="amount_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    favour_id: int = Field(foreign_key="favour.id", ondelete="CASCADE", index=True)
    settled_on: date
    action: str
    amount_cents: int | None = None
    note: str = _text()
    created_at: datetime = _when()


class Purchase(SQLModel, table=True):
    __tablename__ = "purchase"
    __table_args__ = (
        CheckConstraint("amount_cents IS NULL OR amount_cents >= 0", name="amount_not_negative"),
        Index("ix_purchase_contact", "contact_id", "purchased_on"),
        Index("ix_purchase_date", "purchased_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    purchased_on: date
    what: str
    amount_cents: int | None = None
    currency: str = _text()
    notes: str = _text()
    created_at: datetime = _when()
    updated_at: datetime = _when()
    deleted_at: datetime | None = _maybe_when()
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
    done_at: datetime | None = _maybe_when()
    created_at: datetime = _when()
    updated_at: datetime = _when()
    deleted_at: datetime | None = _maybe_when()


class Setting(SQLModel, table=True):
    """Preferences that belong to the journal (travel with it, are backed up with it):
    cadence defaults, check-in offsets, my name and signature.  Values are JSON."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class DueItemState(SQLModel, table=True):
    """Snooze or done state of a *computed* due item, keyed by a stable item key such as
    ``cadence:42`` or ``checkin:17:14``; ``done_for`` is the due date the user acted on, so the
    next occurrence comes back by itself."""

    __tablename__ = "due_item_state"

    key: str = Field(primary_key=True)
    snoozed_until: date | None = None
    done_for: date | None = None
    updated_at: datetime = _when()


class ReferralTemplate(SQLModel, table=True):
    __tablename__ = "referral_template"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    subject: str = _text()
    body: str
    # Set for the defaults shipped in resources/, so an upgrade can add new ones only once.
    builtin_key: str | None = Field(default=None, unique=True)
    created_at: datetime = _when()
    updated_at: datetime = _when()
    archived_at: datetime | None = _maybe_when()


class ReferralAsk(SQLModel, table=True):
    __tablename__ = "referral_ask"
    __table_args__ = (
        CheckConstraint(check_in("status", AskStatus), name="status"),
        Index("ix_referral_ask_contact", "contact_id", "asked_on"),
        Index("ix_referral_ask_status", "status", "asked_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    asked_on: date
    template_id: int | None = Field(
        default=None, foreign_key="referral_template.id", ondelete="SET NULL"
    )
    subject: str = _text()
    # The exact text that was sent.
    message: str
    status: str = Field(default=AskStatus.ASKED.value, sa_column_kwargs={"server_default": "asked"})
    status_on: date | None = None
    notes: str = _text()
    created_at: datetime = _when()
    updated_at: datetime = _when()


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


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _when()
    source_name: str
    format: str
    new_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    merged_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    skipped_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    undone_at: datetime | None = _maybe_when()


class ImportBatchItem(SQLModel, table=True):
    """What one import did to one row, with enough detail (JSON) to undo it exactly."""

    __tablename__ = "import_batch_item"
    __table_args__ = (Index("ix_import_batch_item_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id", ondelete="CASCADE", index=True)
    entity: str
    entity_id: int
    action: str
    detail: str = Field(default="{}", sa_column_kwargs={"server_default": "{}"})


RAW_SQL_INDEXES = (
    "ix_contact_list_",
    "ix_conversation_open_steps",
    "ix_purchase_checkin",
    "ix_favour_open",
)


def include_in_autogenerate(name: str | None, type_: str, parents: object) -> bool:
    """Alembic ``include_name`` hook: leave out what revisions make by raw SQL (the search
    index's tables, the contacts list's expression indexes, the undo log's tables)."""
    from colearn_desktop.core.storage.search_schema import include_in_autogenerate as search_tables
    from colearn_desktop.core.storage.undo_log import UNDO_TABLES

    if type_ == "index" and name is not None and name.startswith(RAW_SQL_INDEXES):
        return False
    if type_ == "table" and name in UNDO_TABLES:
        return False
    return search_tables(name, type_, parents)


# Tables declared in modules of their own, imported here so the metadata holds them.
from colearn_desktop.core.storage import models_duplicates  # noqa: E402, F401
