"""The journal: the one service through which screens and commands read and change data.

It is a facade over topic services (``journal.contacts``, ``journal.conversations``, ...), each
small and testable on its own, sharing one database, one clock and one change hub.  Screens get
a ``Journal`` through their constructor; nothing else opens sessions or writes SQL.

Services that only some screens or commands use (search, a contact's brief, import and
export, referrals, insights) are made on first use, with their modules: opening the app or
running ``colearn due`` does not pay for importing them.  Their attributes read exactly like
the others (``journal.interchange``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from sqlalchemy import text

from colearn_desktop.core.activity.conversations import ConversationService
from colearn_desktop.core.activity.favours import FavourService
from colearn_desktop.core.activity.purchases import PurchaseService
from colearn_desktop.core.clock import Clock, SystemClock
from colearn_desktop.core.due import DueService
from colearn_desktop.core.events import ChangeHub, Listener
from colearn_desktop.core.people.contact_list import ContactListService
from colearn_desktop.core.people.contacts import ContactService
from colearn_desktop.core.people.tags import TagService
from colearn_desktop.core.records import JournalStats
from colearn_desktop.core.storage.backups.catalog import BackupService
from colearn_desktop.core.storage.context import ServiceContext
from colearn_desktop.core.storage.db import Database
from colearn_desktop.core.storage.settings import SettingsService
from colearn_desktop.core.storage.undo import UndoService

if TYPE_CHECKING:
    from colearn_desktop.core.fulltext.search import SearchService
    from colearn_desktop.core.interchange.service import InterchangeService
    from colearn_desktop.core.people.duplicates.service import DuplicateService
    from colearn_desktop.core.referrals import ReferralService
    from colearn_desktop.core.reports.brief_service import BriefService
    from colearn_desktop.core.reports.insights import InsightsService

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

    def __init__(self, make: Callable[[Journal], T]):
        self._make = make
        self._lock = threading.Lock()
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
        with self._lock:
            if self._name not in journal.__dict__:
                journal.__dict__[self._name] = self._make(journal)
            made: T = journal.__dict__[self._name]
        return made


class Journal:
    def __init__(
        self, database: Database, clock: Clock | None = None, backups_dir: Path | None = None
    ):
        self.db = database
        self.clock: Clock = clock or SystemClock()
        # Where backups of this journal go (before imports, bulk deletes, restores ...).
        self.backups_dir = backups_dir or database.path.parent / "backups"
        self.events = ChangeHub()
        self._ctx = ctx = ServiceContext(database, self.clock, self.events)
        self.settings = SettingsService(ctx)
        self.contacts = ContactService(ctx)
        self.contact_list = ContactListService(ctx)
        self.conversations = ConversationService(ctx, self.contacts)
        self.favours = FavourService(ctx)
        self.purchases = PurchaseService(ctx)
        self.tags = TagService(ctx)
        self.backups = BackupService(ctx, self.settings, self.backups_dir)
        self.reminders = DueService(ctx, self.settings, self.favours)
        self.undo = UndoService(ctx)

    # Made on first use (see the module's docstring).

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
        with self.db.read() as session:
            counts = session.execute(text(_STATS_SQL)).one()
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
        self.db.dispose()
