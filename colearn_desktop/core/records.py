"""Plain, immutable records that cross the boundary between the journal and its callers.

Inputs (``…Input``) are what a form or an importer hands to a service; views (``…View``,
``ContactDetail``) are what comes back.  None of them is bound to a database session, so a
screen can keep one as long as it likes, and a worker thread can pass one to the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.enums import (
    Channel,
    FavourDirection,
    FavourKind,
    FavourStatus,
    SettlementAction,
)


@dataclass(frozen=True)
class ContactRef:
    id: int
    display_name: str


@dataclass(frozen=True)
class ContactDetail:
    id: int
    display_name: str
    data: ContactInput
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    last_contact_at: datetime | None
    referred_by: ContactRef | None
    referrals: tuple[ContactRef, ...] = ()

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class ConversationInput:
    contact_ids: tuple[int, ...]
    happened_at: datetime
    channel: Channel = Channel.CALL
    notes: str = ""
    learned: str = ""
    they_asked: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    praise: bool = False


@dataclass(frozen=True)
class ConversationView:
    id: int
    data: ConversationInput
    participants: tuple[ContactRef, ...]
    next_step_done_at: datetime | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class FavourInput:
    contact_id: int
    direction: FavourDirection
    kind: FavourKind
    description: str
    amount: Decimal | None = None
    currency: str = ""
    started_on: date | None = None  # today when not given
    due_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class SettlementView:
    id: int
    settled_on: date
    action: SettlementAction
    amount: Decimal | None
    note: str


@dataclass(frozen=True)
class FavourView:
    id: int
    data: FavourInput
    status: FavourStatus
    closed_on: date | None
    settlements: tuple[SettlementView, ...]
    # What is left to give back, when the favour has an amount.
    outstanding: Decimal | None

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True)
class FavourBalance:
    """The state of reciprocity with one person."""

    i_owe_open: int = 0
    they_owe_open: int = 0
    # Outstanding amounts per currency; positive means I owe them.
    net_by_currency: dict[str, Decimal] = field(default_factory=dict)

    @property
    def net_count(self) -> int:
        """Positive when I owe more favours than they do."""
        return self.i_owe_open - self.they_owe_open


@dataclass(frozen=True)
class PurchaseInput:
    contact_id: int
    purchased_on: date
    what: str
    amount: Decimal | None = None
    currency: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PurchaseView:
    id: int
    data: PurchaseInput
    created_at: datetime


@dataclass(frozen=True)
class TagView:
    id: int
    name: str
    contact_count: int
    cadence_days: int | None


@dataclass(frozen=True)
class JournalStats:
    contacts: int
    archived_contacts: int
    conversations: int
    favours: int
    open_favours: int
    purchases: int
    reminders: int
    tags: int
    referral_asks: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)
