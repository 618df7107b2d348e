"""The journal's tables (SQLModel), designed for every screen that reads them; one module per
feature, all re-exported here so callers import from ``colearn_desktop.core.storage.models``.

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

from colearn_desktop.core.storage.models.activity import (
    Conversation,
    ConversationContact,
    Favour,
    FavourSettlement,
    Purchase,
    Reminder,
)
from colearn_desktop.core.storage.models.base import EMPTY, NEW_UID_SQL, metadata, new_uid, row_id
from colearn_desktop.core.storage.models.meta import (
    CalendarEntry,
    DueItemState,
    ImportBatch,
    ImportBatchItem,
    Setting,
)
from colearn_desktop.core.storage.models.people import (
    Contact,
    ContactAlias,
    ContactEmail,
    ContactPhone,
    ContactPhoto,
    ContactTag,
    NotSamePerson,
    Tag,
)
from colearn_desktop.core.storage.models.referrals import (
    ContactReferralState,
    ReferralAsk,
    ReferralTemplate,
)

__all__ = [
    "EMPTY",
    "NEW_UID_SQL",
    "RAW_SQL_INDEXES",
    "CalendarEntry",
    "Contact",
    "ContactAlias",
    "ContactEmail",
    "ContactPhone",
    "ContactPhoto",
    "ContactReferralState",
    "ContactTag",
    "Conversation",
    "ConversationContact",
    "DueItemState",
    "Favour",
    "FavourSettlement",
    "ImportBatch",
    "ImportBatchItem",
    "NotSamePerson",
    "Purchase",
    "ReferralAsk",
    "ReferralTemplate",
    "Reminder",
    "Setting",
    "Tag",
    "include_in_autogenerate",
    "metadata",
    "new_uid",
    "row_id",
]

RAW_SQL_INDEXES = (
    "ix_contact_list_",
    "ix_conversation_open_steps",
    "ix_purchase_checkin",
    "ix_favour_open",
)


def include_in_autogenerate(name: str | None, type_: str, parents: object) -> bool:
    """Alembic ``include_name`` hook: leave out what revisions make by raw SQL (the search
    index's tables, the contacts list's expression indexes, the undo log's and sync's tables)."""
    from colearn_desktop.core.storage.search_schema import include_in_autogenerate as search_tables
    from colearn_desktop.core.storage.undo_log import UNDO_TABLES

    if type_ == "index" and name is not None and name.startswith(RAW_SQL_INDEXES):
        return False
    if type_ == "table" and name is not None and (name in UNDO_TABLES or name.startswith("sync_")):
        return False
    return search_tables(name, type_, parents)
