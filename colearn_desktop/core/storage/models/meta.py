"""The journal's bookkeeping tables: its settings, the state of computed due items, and the
import batches with what each did (enough to undo it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from colearn_desktop.core.storage.models.base import maybe_stamp, stamp, uid_field


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
    updated_at: datetime = stamp()


class ImportBatch(SQLModel, table=True):
    __tablename__ = "import_batch"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = uid_field()
    created_at: datetime = stamp()
    source_name: str
    format: str
    new_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    merged_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    skipped_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    undone_at: datetime | None = maybe_stamp()


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


class CalendarEntry(SQLModel, table=True):
    """What the reminders calendar last wrote for one entry: a digest of everything the entry
    shows (its day, title, text, repeat rule) and the SEQUENCE it had.  A calendar program
    takes a re-imported entry only when its SEQUENCE is higher, so the number must rise
    exactly when what is written changes (a renamed contact, an edited note), and never go
    down (RFC 5545).  Written by the export, never by a user action: not in the undo log."""

    __tablename__ = "calendar_entry"

    uid: str = Field(primary_key=True)
    digest: str
    sequence: int
