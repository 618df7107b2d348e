"""Many tag links written at once, with each contact's cached values and search entry
brought up to date once, set-based, instead of once per link (a bulk tagging, and the undo
or redo of one)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.storage.search_schema import CONTACT

# The triggers that follow each tag link: the list's cached values, the search entry.
_LINK_TRIGGERS = (
    *contact_cache.TAG_LINK_TRIGGERS,
    "search_contact_tag_ai",
    "search_contact_tag_ad",
)


@contextmanager
def index_once(connection: sqlite3.Connection, contact_ids: Collection[int]) -> Iterator[None]:
    """Tag links of ``contact_ids`` written inside update each contact's cached values and
    search entry once, set-based, instead of once per link.

    Each link's triggers recompute its contact's tags text, cadence and next due and rebuild
    its search entry: 0.8 ms a link on a 100,000-contact journal, 24 s for 30,000 contacts
    where the links alone take 1 s.  So, for this transaction only, those triggers are
    dropped; afterwards every contact of ``contact_ids`` is recomputed and re-indexed in one
    statement each, and the triggers are created again, as they were, before the commit (a
    failure rolls the drop back with everything else: DDL is transactional in SQLite; the
    same idea as ``contact_cache.bulk_load``)."""
    marks = ", ".join("?" * len(_LINK_TRIGGERS))
    saved = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        _LINK_TRIGGERS,
    ).fetchall()
    for name, _sql in saved:
        connection.execute(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in saved:
        connection.execute(sql)
    ids = json.dumps(sorted(set(contact_ids)))
    chosen = "SELECT value FROM json_each(?)"
    contact_cache.refresh_tags(connection, f"id IN ({chosen})", (ids,))
    if any(name.startswith("search_") for name, _sql in saved):  # (no index without FTS5)
        connection.execute(f"DELETE FROM {CONTACT.table} WHERE rowid IN ({chosen})", (ids,))
        connection.execute(CONTACT.insert_from_source(f"id IN ({chosen})"), (ids,))
