"""What every journal service shares: the database, the clock and the change hub."""

from __future__ import annotations

from dataclasses import dataclass

from .clock import Clock
from .db import Database
from .events import Change, ChangeHub


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    clock: Clock
    events: ChangeHub

    def changed(self, topic: str, *ids: int) -> None:
        self.events.publish(Change(topic, tuple(ids)))
