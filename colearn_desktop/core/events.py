"""How the journal tells its screens (and the command line) what changed.

Core cannot know about Qt signals, so it keeps a plain list of callbacks; the UI registers one
that re-emits a single "journal changed" Qt signal.  A callback runs only after the transaction
committed, so a screen that refreshes never sees a change that was rolled back.

A change is typed: its :class:`Topic` (the kind of row) is an enum, so a misspelt topic fails
where it is published instead of being silently ignored by every screen, and its
:class:`Action` says what happened and its ``contacts`` whom it concerns, so a screen can
skip what does not concern it.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


class Topic(enum.StrEnum):
    """The kinds of rows a change is about.  A ``StrEnum`` so that code (and tests) written
    against the old plain strings keep comparing equal."""

    CONTACTS = "contacts"
    CONVERSATIONS = "conversations"
    FAVOURS = "favours"
    PURCHASES = "purchases"
    TAGS = "tags"
    SETTINGS = "settings"
    REMINDERS = "reminders"
    REFERRALS = "referrals"
    IMPORTS = "imports"
    SEARCH = "search"  # the search index was rebuilt
    JOURNAL = "journal"  # the whole journal may be different (a restore)


# Rows about contacts that never change a contact's own fields (names, company, stage, tags,
# e-mails): a screen may show such a change by reading again only what shows those rows.
ABOUT_CONTACTS = frozenset({Topic.CONVERSATIONS, Topic.FAVOURS, Topic.PURCHASES, Topic.REMINDERS})


class Action(enum.Flag):
    """What happened to the rows; a bulk operation (an import) combines them."""

    CREATED = enum.auto()
    UPDATED = enum.auto()
    DELETED = enum.auto()
    ANY = CREATED | UPDATED | DELETED


@dataclass(frozen=True)
class Change:
    """What one committed operation changed: rows of ``topic``, ``ids`` the rows touched
    (empty: many or unknown), ``action`` what happened to them.  Returned by the services'
    mutations, so a caller knows what it changed without asking again."""

    topic: Topic
    ids: tuple[int, ...] = ()
    action: Action = Action.UPDATED
    # The contacts whose own pages show the change (a conversation's participants, a due
    # item's contact), so another contact's page can skip it; empty: anyone's may.
    contacts: tuple[int, ...] = ()
    # The kinds of due items (core/due: "keep_in_touch" ...) whose rows changed, when a
    # change touched only those: Today then runs those rules again, not all eight (~80 ms
    # at 100,000 contacts); empty: any kind may have changed.
    due_kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Topic(...) raises ValueError for a topic nobody listens to: fail at the source.
        object.__setattr__(self, "topic", Topic(self.topic))


Listener = Callable[[Change], None]


class ChangeHub:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> Change:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken screen must not undo a committed change
                log.exception("a journal listener failed on %s", change)
        return change


def trash_action(deleted: bool) -> Action:
    """Moving a row to the trash deletes it as far as screens go; bringing it back from the
    trash creates it again (a list gains a row)."""
    return Action.DELETED if deleted else Action.CREATED
