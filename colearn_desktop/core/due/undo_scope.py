"""What an undo of a Today action concerns: the kinds of due items and the contacts behind the
rows it writes back, so the change it publishes is as narrow as the action's own was.

Undoing D or T used to publish "reminders" for anyone and any kind: Today ran all eight rules
again (~80 ms at 100,000 contacts) and every contact's page reloaded.  The undo log knows only
tables and rows (storage knows nothing of due rules), so the facade hands it
:func:`due_scope`, which reads a row the way the rules key their items.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.errors import ValidationError

# The kinds whose item is about one contact, named in its key (``cadence:<contact>``,
# ``birthday:<contact>:<year>``) or through its purchase (``checkin:<purchase>:<days>``); as
# for the action itself (core/due/service._concerned), the others may concern two people.
_CONTACT_IN_KEY = frozenset({DueKind.KEEP_IN_TOUCH, DueKind.BIRTHDAY})
_PURCHASE_CONTACT = "SELECT contact_id FROM purchase WHERE id = ?"

Scope = tuple[frozenset[str], frozenset[int]]


def due_scope(connection: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> Scope | None:
    """The due kinds a row of ``table`` feeds and the contacts its item is about (none: any
    contact's page may show it), or None when the row may change items of any kind (a
    conversation moves keep in touch, follow-ups and check-ins)."""
    if table == "reminder":  # its contact, if any, is its own column
        return frozenset({DueKind.REMINDER.value}), frozenset()
    if table != "due_item_state":
        return None
    # Here, not at the top: the window names its Undo action before its first paint, and
    # the registry's rules are written with the ORM, which is to load after that paint.
    from colearn_desktop.core.due.registry import parse_key

    try:
        kind, parts = parse_key(str(row.get("key", "")))
    except ValidationError:  # a key no rule reads (written by a newer version)
        return None
    contacts: frozenset[int] = frozenset()
    if kind in _CONTACT_IN_KEY:
        contacts = frozenset({parts[0]})
    elif kind is DueKind.CHECK_IN:
        found = connection.execute(_PURCHASE_CONTACT, (parts[0],)).fetchone()
        contacts = frozenset({found[0]}) if found and found[0] is not None else frozenset()
    return frozenset({kind.value}), contacts
