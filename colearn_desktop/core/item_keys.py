"""Which row a Today item's key names: ``<prefix>:<row number>[:<more>]``.

Each due rule keys the snooze and done state of its items (``due_item_state``) by a prefix
and the number of the row the item comes from.  Sync names that row by its uid on other
computers (``core/sync/journal_side/due_keys.py``), and the storage layer installs the triggers
that do it, so the table each prefix names is written here, below both; a test checks that
every rule's prefix is listed (tests/core/due/test_item_keys.py).
"""

from __future__ import annotations

ITEM_KEY_TABLES: dict[str, str] = {
    "cadence": "contact",  # keep in touch: cadence:<contact>
    "followup": "conversation",  # followup:<conversation>
    "checkin": "purchase",  # checkin:<purchase>:<days after it>
    "favour": "favour",  # favour:<favour>
    "thanks": "contact",  # thanks:<the referred contact>
    "ask": "referral_ask",  # ask:<referral ask>
    "birthday": "contact",  # birthday:<contact>:<year>
    "reminder": "reminder",  # reminder:<reminder>
}
