"""What every journal service shares: the database, the clock and the change hub."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from colearn_desktop.core.clock import Clock
from colearn_desktop.core.events import Action, Change, ChangeHub, Topic
from colearn_desktop.core.storage.db import Database


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    clock: Clock
    events: ChangeHub

    def changed(
        self,
        topic: Topic,
        *ids: int,
        action: Action = Action.UPDATED,
        contacts: Iterable[int] = (),
        due_kinds: Iterable[str] = (),
    ) -> Change:
        """Publish what a committed transaction changed (``contacts``: whom it concerns,
        ``due_kinds``: which kinds of due items, when that is known), and return it."""
        concerned = tuple(sorted(set(contacts)))
        kinds = tuple(sorted(set(due_kinds)))
        return self.events.publish(Change(topic, tuple(ids), action, concerned, kinds))
