"""How the journal tells its screens that something changed.

Core cannot know about Qt signals, so it keeps a plain list of callbacks; the UI registers one
that re-emits a single "journal changed" Qt signal.  A callback runs only after the transaction
committed, so a screen that refreshes never sees a change that was rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """``topic`` is the kind of row (contacts, conversations, favours, purchases, tags,
    settings, reminders, referrals, imports); ``ids`` the rows touched (empty: many)."""

    topic: str
    ids: tuple[int, ...] = ()


Listener = Callable[[Change], None]


class ChangeHub:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken screen must not undo a committed change
                log.exception("a journal listener failed on %s", change)
