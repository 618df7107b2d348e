"""What every journal service shares: the database, the clock and the change hub."""

from __future__ import annotations

from dataclasses import dataclass

from colearn_desktop.core.clock import Clock
from colearn_desktop.core.events import Action, Change, ChangeHub, Topic
from colearn_desktop.core.storage.db import Database


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    clock: Clock
    events: ChangeHub

    def changed(self, topic: Topic, *ids: int, action: Action = Action.UPDATED) -> Change:
        """Publish what a committed transaction changed, and return it for the caller."""
        return self.events.publish(Change(topic, tuple(ids), action))
