"""What belongs to each contact of a JSON journal export, kept in a scratch database.

A contact's e-mails, phones, links, tags and photo come in tables of their own, in any order,
before or after the contacts.  Held in dictionaries until the contacts are read, they made
memory grow with the file (217 MB at 100,000 contacts, and every photo's data at once).  Kept
in a private scratch database (:mod:`..scratch`: a small page cache, the rest in a temporary
file SQLite deletes itself) and read back per contact, memory stays the same whatever the
journal's size; only the photo of the contact being read is ever in memory.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, Labelled, children
from colearn_desktop.core.interchange.readers.json_stream import JournalExport
from colearn_desktop.core.interchange.record import Photo
from colearn_desktop.core.interchange.scratch import Scratch

# What belongs to a contact besides its row: the labelled lists' tables, tags, photos.
LIST_TABLES = {children(f).table: f for f in LABELLED_FIELDS}
CONTACT_PARTS = (*LIST_TABLES, "tag", "contact_tag", "contact_photo")
_BATCH = 1000
_SCHEMA = (
    "CREATE TABLE item (owner, list TEXT, position INTEGER, value TEXT, label TEXT)",
    "CREATE INDEX item_owner ON item (owner)",
    "CREATE TABLE tag (id PRIMARY KEY, name TEXT)",
    "CREATE TABLE contact_tag (owner, tag_id)",
    "CREATE INDEX contact_tag_owner ON contact_tag (owner)",
    "CREATE TABLE photo (owner PRIMARY KEY, mime TEXT, data TEXT)",
    "CREATE TABLE contact (id PRIMARY KEY, name TEXT, uid TEXT)",
)
_INSERT = {
    "item": "INSERT INTO item VALUES (?,?,?,?,?)",
    "tag": "INSERT OR REPLACE INTO tag VALUES (?,?)",
    "contact_tag": "INSERT INTO contact_tag VALUES (?,?)",
    "contact_photo": "INSERT OR REPLACE INTO photo VALUES (?,?,?)",
    "contact": "INSERT OR REPLACE INTO contact VALUES (?,?,?)",
}


def _values(table: str, row: dict[str, Any]) -> tuple[str, tuple[object, ...]]:
    """Where a row of ``table`` goes in the scratch database, and its values there."""
    owner = row.get("contact_id")
    if table == "contact":
        return table, (row.get("id"), str(row.get("display_name", "")), str(row.get("uid") or ""))
    if table in LIST_TABLES:
        field = LIST_TABLES[table]
        value = str(row.get(children(field).value_column, ""))
        position = row.get("position") or 0
        return "item", (owner, field.name, position, value, str(row.get("label", "")))
    if table == "tag":
        return table, (row.get("id"), str(row.get("name", "")))
    if table == "contact_tag":
        return table, (owner, row.get("tag_id"))
    return table, (owner, str(row.get("mime_type", "")), row.get("data"))


class ContactParts:
    """Each contact's lists, tags, photo, and every contact's name and uid (for who
    referred whom), read from the export once."""

    def __init__(self, scratch: Scratch):
        self._scratch = scratch

    def lists(self, owner: object) -> dict[str, tuple[Labelled, ...]]:
        found: dict[str, list[Labelled]] = {f.name: [] for f in LABELLED_FIELDS}
        with self._scratch.use() as db:
            for name, value, label in db.execute(
                "SELECT list, value, label FROM item WHERE owner = ? ORDER BY position, rowid",
                (owner,),
            ):
                found[name].append(Labelled(value, label))
        return {name: tuple(items) for name, items in found.items()}

    def tags(self, owner: object) -> tuple[str, ...]:
        with self._scratch.use() as db:
            rows = db.execute(
                "SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                "WHERE ct.owner = ? AND t.name <> '' ORDER BY ct.rowid",
                (owner,),
            ).fetchall()
        return tuple(name for (name,) in rows)

    def photo(self, owner: object) -> Photo | None:
        with self._scratch.use() as db:
            found = db.execute("SELECT mime, data FROM photo WHERE owner = ?", (owner,)).fetchone()
        if found is None or not found[1]:
            return None
        return Photo(found[0], base64.b64decode(found[1]))

    def contact(self, contact_id: object) -> tuple[str, str]:
        """The display name and uid of the contact ``contact_id``, or two empty strings."""
        with self._scratch.use() as db:
            found = db.execute(
                "SELECT name, uid FROM contact WHERE id = ?", (contact_id,)
            ).fetchone()
        return (str(found[0]), str(found[1])) if found else ("", "")


@contextmanager
def contact_parts(
    export: JournalExport, counts: dict[str, int] | None = None
) -> Iterator[ContactParts]:
    """Read what belongs to the contacts (and their names) from ``export`` into a scratch
    database, closed again when done.  ``counts``: see :meth:`JournalExport.rows`."""
    scratch = Scratch()
    try:
        with scratch.use() as db:
            for statement in _SCHEMA:
                db.execute(statement)
            pending: dict[str, list[tuple[object, ...]]] = {}
            db.execute("BEGIN")
            for table, row in export.rows({*CONTACT_PARTS, "contact"}, counts):
                target, values = _values(table, row)
                batch = pending.setdefault(target, [])
                batch.append(values)
                # (A photo goes in at once: a thousand of them would be gigabytes.)
                if len(batch) >= _BATCH or target == "contact_photo":
                    db.executemany(_INSERT[target], batch)
                    batch.clear()
            for target, batch in pending.items():
                db.executemany(_INSERT[target], batch)
            db.execute("COMMIT")
        yield ContactParts(scratch)
    finally:
        scratch.close()
