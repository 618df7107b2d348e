"""The journal: the one service through which screens and commands read and change data.

It is a facade over topic services (``journal.contacts``, ``journal.conversations``, ...), each
small and testable on its own, sharing one database, one clock and one change hub.  Screens get
a ``Journal`` through their constructor; nothing else opens sessions or writes SQL.

Every service is made on first use, with its module (and the ORM the services are written
with): opening the app paints its window before SQLAlchemy is imported, and running
``colearn due`` does not pay for import and export.  The attributes read like plain ones
(``journal.contacts``); the first read of one imports its code, once, whichever thread asks.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from colearn_desktop.core.clock import Clock, SystemClock
from colearn_desktop.core.events import ChangeHub, Listener
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import Database

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from colearn_desktop.core.activity.conversations import ConversationService
    from colearn_desktop.core.activity.favours import FavourService
    from colearn_desktop.core.activity.purchases import PurchaseService
    from colearn_desktop.core.due import DueService
    from colearn_desktop.core.fulltext.search import SearchService
    from colearn_desktop.core.interchange.service import InterchangeService
    from colearn_desktop.core.people.bulk import BulkService
    from colearn_desktop.core.people.contact_list import ContactListService
    from colearn_desktop.core.people.contacts import ContactService
    from colearn_desktop.core.people.duplicates.service import DuplicateService
    from colearn_desktop.core.people.merge.service import MergeService
    from colearn_desktop.core.people.tags import TagService
    from colearn_desktop.core.records import JournalStats
    from colearn_desktop.core.referrals import ReferralService
    from colearn_desktop.core.reports.brief_service import BriefService
    from colearn_desktop.core.reports.insights import InsightsService
    from colearn_desktop.core.storage.backups.catalog import BackupService
    from colearn_desktop.core.storage.settings import SettingsService
    from colearn_desktop.core.storage.undo import UndoService

T = TypeVar("T")

_STATS_SQL = """
SELECT
  (SELECT count(*) FROM contact WHERE archived_at IS NULL),
  (SELECT count(*) FROM contact WHERE archived_at IS NOT NULL),
  (SELECT count(*) FROM conversation WHERE deleted_at IS NULL),
  (SELECT count(*) FROM favour WHERE deleted_at IS NULL),
  (SELECT count(*) FROM favour WHERE deleted_at IS NULL AND status IN ('open', 'partly_done')),
  (SELECT count(*) FROM purchase WHERE deleted_at IS NULL),
  (SELECT count(*) FROM reminder WHERE deleted_at IS NULL AND done_at IS NULL),
  (SELECT count(*) FROM tag),
  (SELECT count(*) FROM referral_ask)
"""


class _OnFirstUse(Generic[T]):
    """A service attribute made by ``make(journal)`` the first time it is read, once even when
    two threads read it at the same moment, then stored on the instance like any attribute
    (so it can still be replaced, e.g. by a test)."""

    # One lock for every service: making one makes those it needs (conversations need
    # contacts) on the same thread, so it must be re-entrant.
    _lock = threading.RLock()

    def __init__(self, make: Callable[[Journal], T]):
        self._make = make
        self._name = make.__name__
        self.__doc__ = make.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, journal: None, owner: type) -> _OnFirstUse[T]: ...

    @overload
    def __get__(self, journal: Journal, owner: type) -> T: ...

    def __get__(self, journal: Journal | None, owner: type) -> T | _OnFirstUse[T]:
        if journal is None:
            return self
        if self._name not in journal.__dict__ and threading.current_thread() is not (
            threading.main_thread()
        ):
            journal.services_allowed.wait()  # (see Journal.defer_services)
        with self._lock:
            if self._name not in journal.__dict__:
                journal.__dict__[self._name] = self._make(journal)
            made: T = journal.__dict__[self._name]
        return made


def _track_changes(engine: Engine) -> None:
    """The backup catalog's change tags on the engine, imported with it: not before the
    window has painted (issue 14, "paint first")."""
    from colearn_desktop.core.storage.backups.catalog import track_changes

    track_changes(engine)


def _index_tag_links_once(
    connection: sqlite3.Connection, contact_ids: Collection[int]
) -> AbstractContextManager[None]:
    """``core.people.tag_links.index_once``, imported on use (see :meth:`Journal.undo`)."""
    from colearn_desktop.core.people.tag_links import index_once

    return index_once(connection, contact_ids)


def _due_scope(
    connection: sqlite3.Connection, table: str, row: Mapping[str, Any]
) -> tuple[frozenset[str], frozenset[int]] | None:
    """``core.due.undo_scope.due_scope``, imported on use (see :meth:`Journal.undo`)."""
    from colearn_desktop.core.due.undo_scope import due_scope

    return due_scope(connection, table, row)


class Journal:
    def __init__(
        self, database: Database, clock: Clock | None = None, backups_dir: Path | None = None
    ):
        self.db = database
        self.clock: Clock = clock or SystemClock()
        # Where backups of this journal go (before imports, bulk deletes, restores ...).
        self.backups_dir = backups_dir or database.path.parent / "backups"
        self.events = ChangeHub()
        self._ctx = ServiceContext(database, self.clock, self.events)
        database.on_engine(_track_changes)  # (a backup is made only when something changed)
        # Set: services are made when first read.  Cleared by defer_services(): a worker
        # thread that reads one waits until allow_services().
        self.services_allowed = threading.Event()
        self.services_allowed.set()

    def defer_services(self) -> None:
        """Make workers wait before making a service (and importing the ORM with it) until
        :meth:`allow_services`: the app opens its window first, and a worker importing
        SQLAlchemy at the same moment would hold the interpreter while the window paints.
        The main thread never waits (nothing else could allow it); what it reads is made at
        once, as always."""
        self.services_allowed.clear()

    def allow_services(self) -> None:
        self.services_allowed.set()

    # Made on first use (see the module's docstring).

    @_OnFirstUse
    def settings(self) -> SettingsService:
        from colearn_desktop.core.storage.settings import SettingsService

        return SettingsService(self._ctx)

    @_OnFirstUse
    def contacts(self) -> ContactService:
        from colearn_desktop.core.people.contacts import ContactService

        return ContactService(self._ctx)

    @_OnFirstUse
    def contact_list(self) -> ContactListService:
        from colearn_desktop.core.people.contact_list import ContactListService

        return ContactListService(self._ctx)

    @_OnFirstUse
    def conversations(self) -> ConversationService:
        from colearn_desktop.core.activity.conversations import ConversationService

        return ConversationService(self._ctx, self.contacts)

    @_OnFirstUse
    def favours(self) -> FavourService:
        from colearn_desktop.core.activity.favours import FavourService

        return FavourService(self._ctx)

    @_OnFirstUse
    def purchases(self) -> PurchaseService:
        from colearn_desktop.core.activity.purchases import PurchaseService

        return PurchaseService(self._ctx)

    @_OnFirstUse
    def tags(self) -> TagService:
        from colearn_desktop.core.people.tags import TagService

        return TagService(self._ctx)

    @_OnFirstUse
    def backups(self) -> BackupService:
        from colearn_desktop.core.storage.backups.catalog import BackupService

        return BackupService(self._ctx, self.settings, self.backups_dir)

    @_OnFirstUse
    def reminders(self) -> DueService:
        from colearn_desktop.core.due import DueService

        return DueService(self._ctx, self.settings, self.favours)

    @_OnFirstUse
    def undo(self) -> UndoService:
        from colearn_desktop.core.storage.undo import UndoService

        # Tag links are written back set-based, each contact re-indexed once (bulk steps);
        # an undo of D or T names its due kind and contact, as the D or T did.  Both are
        # loaded when an undo runs: the window names its Undo action before its first paint.
        links = {"contact_tag": ("contact_id", _index_tag_links_once)}
        return UndoService(self._ctx, links, _due_scope)

    @_OnFirstUse
    def search(self) -> SearchService:
        from colearn_desktop.core.fulltext.search import SearchService

        return SearchService(self._ctx)

    @_OnFirstUse
    def brief(self) -> BriefService:
        from colearn_desktop.core.reports.brief_service import BriefService

        return BriefService(self)

    @_OnFirstUse
    def insights(self) -> InsightsService:
        from colearn_desktop.core.reports.insights import InsightsService

        return InsightsService(self._ctx, self.search)

    @_OnFirstUse
    def interchange(self) -> InterchangeService:
        from colearn_desktop.core.interchange.service import InterchangeService

        return InterchangeService(self._ctx, self.settings, self.backups.before)

    @_OnFirstUse
    def duplicates(self) -> DuplicateService:
        from colearn_desktop.core.people.duplicates.service import DuplicateService

        return DuplicateService(self._ctx, self.settings)

    @_OnFirstUse
    def merge(self) -> MergeService:
        """Merging contacts that are one person (``colearn merge``, the merge dialog)."""
        from colearn_desktop.core.people.merge.service import MergeService

        return MergeService(self._ctx, self.contacts, self.duplicates.region, self.backups.before)

    @_OnFirstUse
    def bulk(self) -> BulkService:
        from colearn_desktop.core.people.bulk import BulkService

        return BulkService(self._ctx, self.contact_list, self.conversations, self.backups.before)

    @_OnFirstUse
    def referrals(self) -> ReferralService:
        from colearn_desktop.core.referrals import ReferralService

        return ReferralService(self._ctx, self.settings)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def read_only_reason(self) -> str:
        """Why the journal was opened read-only (the sentence every refused save repeats);
        empty when it can be written.  See :func:`core.opening.open_journal`."""
        return self.db.read_only

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns an unsubscribe function."""
        return self.events.subscribe(listener)

    def stats(self) -> JournalStats:
        from colearn_desktop.core.records import JournalStats

        with self.db.read_raw() as connection:
            counts = connection.execute(_STATS_SQL).fetchone()
        return JournalStats(*counts)

    def check(self, *, full: bool = True) -> list[str]:
        """Everything wrong with the journal, in words; an empty list means healthy.

        SQLite's integrity (or quick) check, the foreign-key check, the schema revision, the
        cached values and the stored values (see :mod:`integrity`).  Reads only: FTS5's own
        check, an INSERT, runs on a copy."""
        from colearn_desktop.core.integrity import journal_problems

        with self.db.read_raw() as connection:
            return journal_problems(connection, self.db.path, full=full)

    def close(self) -> None:
        self.db.close()
