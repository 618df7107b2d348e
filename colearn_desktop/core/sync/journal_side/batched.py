"""A batch's contacts get their list cache and search entry once, after its rows are written.

The journal's triggers keep each contact's cached list values (``core/people/contact_cache.py``)
and its full-text entry (``core/storage/search_schema.py``) in step one row at a time: every
contact written recomputes its cache in four statements and rebuilds its entry from a view,
and every e-mail or link of it rebuilds that entry again.  For a batch from another device
that was most of the cost of applying it (measured on a 100,000-contact journal, inserting
1,000 new contacts: 0.32 s with the triggers, of it 0.18 s the search entries and 0.05 s the
caches; 0.07 s without them, plus 0.01 s for the entries and 0.02 s for the caches computed
for all 1,000 at once).

So while the batch's rows are written (``materialize``), the triggers of the contact row and
of its indexed lists are suspended (dropped inside the apply's transaction: a failure or a kill
rolls the drop back with everything else), the contacts written are noted, and then their
caches and entries are computed in a few set-based statements and the triggers made again from
their own stored SQL, before the transaction commits.  Nobody else sees the journal without
them: the change is one transaction, and readers see the journal before or after it.

Only writes of rows are covered: removals, the folding of twins and the hand-over of a merged
contact run after :meth:`ContactsOnce.restore` with every trigger in place.
"""

from __future__ import annotations

import json
import sqlite3

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, children
from colearn_desktop.core.people.contact_cache import CONTACT_ROW_TRIGGERS, refresh_contacts
from colearn_desktop.core.storage.search_schema import reindex_contacts

# The tables whose rows name a contact entry: the contact, and its labelled lists.
_TABLES = ("contact", *(children(field).table for field in LABELLED_FIELDS))


def _suspended(name: str) -> bool:
    """The triggers this module stands in for: the contact row's cache triggers, and the
    search index's insert and update triggers on the contact and its lists (those of a
    removal stay: nothing is removed while they are suspended)."""
    if name in CONTACT_ROW_TRIGGERS:
        return True
    return name.startswith("search_") and (name.endswith("_ai") or name.endswith("_au"))


class ContactsOnce:
    """Suspends the per-row triggers; :meth:`wrote` notes a contact whose row or list row was
    written; :meth:`restore` computes their caches and entries and makes the triggers again."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection
        marks = ", ".join("?" for _ in _TABLES)
        self._saved: list[tuple[str, str]] = [
            (name, sql)
            for name, sql in connection.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                f"AND tbl_name IN ({marks}) ORDER BY name",
                _TABLES,
            )
            if _suspended(name)
        ]
        self.contacts: set[int] = set()
        for name, _ in self._saved:
            connection.execute(f'DROP TRIGGER "{name}"')

    def wrote(self, table: str, row: int) -> None:
        """Row ``row`` (rowid) of ``table`` was inserted or updated."""
        if table == "contact":
            self.contacts.add(row)
        elif table in _TABLES:
            found = self._connection.execute(
                f'SELECT contact_id FROM "{table}" WHERE rowid = ?', (row,)
            ).fetchone()
            if found is not None:
                self.contacts.add(int(found[0]))

    def restore(self) -> None:
        names = {name for name, _ in self._saved}
        if self.contacts:
            ids = sorted(self.contacts)
            if names & set(CONTACT_ROW_TRIGGERS):
                refresh_contacts(
                    self._connection, "id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
                )
            if any(name.startswith("search_") for name in names):
                reindex_contacts(self._connection, ids)
        for _, sql in self._saved:
            self._connection.execute(sql)
        self._saved = []
