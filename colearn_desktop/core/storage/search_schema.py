"""The full-text index: its tables, the views it reads and the triggers that keep it in step.

One FTS5 table per kind of result, so that each group of results is its own cheap query:

- ``search_contact`` keeps its own copy of the text, because a contact's searchable text comes
  from three tables (the contact, its e-mail addresses and its tags).  Triggers on all three
  rebuild the contact's entry (delete by rowid, insert from ``search_contact_source``).
- ``search_conversation`` (notes, they asked, next step), ``search_learning`` (what I learned),
  ``search_favour`` and ``search_purchase`` are *external content* tables over views of the
  live rows: the text is not stored twice, and the triggers hand FTS5 the old values to remove.

Rows in the trash are not indexed (their triggers remove them and a restore puts them back).
Archived contacts stay in the index: search finds them and marks them as archived.

Triggers run in the same transaction as the change that fires them, whoever writes: the
services, demo data, imports, or another tool.  The tokenizer is ``unicode61`` with diacritics
removed ("zoe" finds "Zoë"), and prefix indexes of one to four characters keep the prefix
queries of someone typing one key at a time cheap: without them the first keystroke of a search
over a million conversations costs a quarter of a second, and a common four-letter start
("they") tens of milliseconds; with them, about a millisecond, for a third more index.

``INDEX_V1`` is frozen: revision 0004 creates exactly it.  A later change to the index gets a
new constant and a new revision; ``CURRENT`` is what ``rebuild`` creates.  Version 2 is read
from the contact field list (which fields each contact entry holds), so a revision that adds
an indexed field brings existing journals to it (a test compares them).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from colearn_desktop.core.contact_fields import (
    LABELLED_FIELDS,
    TEXT_FIELDS,
    ContactField,
    children,
)

TOKENIZE = "unicode61 remove_diacritics 2"
PREFIX = "1 2 3 4"


@dataclass(frozen=True)
class IndexedKind:
    """One FTS5 table: its name, the view of live rows it indexes, and its columns."""

    table: str
    source: str
    columns: tuple[str, ...]
    external: bool
    # The table whose rows it indexes (ids of the index are ids of that table).
    base: str

    @property
    def ddl(self) -> str:
        columns = ", ".join(self.columns)
        content = f", content='{self.source}', content_rowid='id'" if self.external else ""
        return (
            f"CREATE VIRTUAL TABLE {self.table} USING fts5({columns}{content}, "
            f"tokenize='{TOKENIZE}', prefix='{PREFIX}')"
        )

    def insert_from_source(self, where: str) -> str:
        columns = ", ".join(self.columns)
        return (
            f"INSERT INTO {self.table} (rowid, {columns}) "
            f"SELECT id, {columns} FROM {self.source} WHERE {where}"
        )


CONTACT = IndexedKind(
    "search_contact",
    "search_contact_source",
    ("name", "company", "emails", "tags", "how_met", "notes"),
    external=False,
    base="contact",
)
CONVERSATION = IndexedKind(
    "search_conversation",
    "search_conversation_source",
    ("notes", "they_asked", "next_step"),
    external=True,
    base="conversation",
)
LEARNING = IndexedKind(
    "search_learning", "search_learning_source", ("learned",), external=True, base="conversation"
)
FAVOUR = IndexedKind(
    "search_favour", "search_favour_source", ("description", "notes"), external=True, base="favour"
)
PURCHASE = IndexedKind(
    "search_purchase", "search_purchase_source", ("what", "notes"), external=True, base="purchase"
)

KINDS = (CONTACT, CONVERSATION, LEARNING, FAVOUR, PURCHASE)

# The views are plain SQL (no FTS5 needed): search without the index reads them too.
VIEWS_V1 = (
    """
    CREATE VIEW search_contact_source AS
    SELECT c.id AS id,
           c.display_name || CASE
               WHEN c.name <> '' AND trim(c.given_name || ' ' || c.family_name) <> ''
               THEN ' (' || trim(c.given_name || ' ' || c.family_name) || ')' ELSE '' END
               AS name,
           trim(c.company || CASE WHEN c.company <> '' AND c.job_title <> '' THEN ' · ' ELSE ''
               END || c.job_title) AS company,
           COALESCE((SELECT group_concat(address, ' ') FROM (
               SELECT address FROM contact_email WHERE contact_id = c.id
               ORDER BY position, id)), '') AS emails,
           COALESCE((SELECT group_concat(name, ', ') FROM (
               SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
               WHERE ct.contact_id = c.id ORDER BY t.name_key)), '') AS tags,
           c.how_met AS how_met,
           c.notes AS notes
    FROM contact c
    """,
    """
    CREATE VIEW search_conversation_source AS
    SELECT id, notes, they_asked, next_step FROM conversation WHERE deleted_at IS NULL
    """,
    """
    CREATE VIEW search_learning_source AS
    SELECT id, learned FROM conversation WHERE deleted_at IS NULL AND learned <> ''
    """,
    """
    CREATE VIEW search_favour_source AS
    SELECT id, description, notes FROM favour WHERE deleted_at IS NULL
    """,
    """
    CREATE VIEW search_purchase_source AS
    SELECT id, what, notes FROM purchase WHERE deleted_at IS NULL
    """,
)


def _reindex_contact(expression: str) -> str:
    """Trigger body statements that rebuild the entry of the contact(s) in ``expression``
    (an SQL expression or sub-select giving contact ids)."""
    return (
        f"DELETE FROM search_contact WHERE rowid IN ({expression});\n"
        f"{CONTACT.insert_from_source(f'id IN ({expression})')};"
    )


def _external_triggers(kind: IndexedKind, base: str, live: str) -> tuple[str, ...]:
    """Insert/delete/update triggers for an external-content table over ``base`` rows for
    which ``live`` (written with ``{r}`` for the row alias) holds."""
    columns = ", ".join(kind.columns)
    new_values = ", ".join(f"new.{c}" for c in kind.columns)
    old_values = ", ".join(f"old.{c}" for c in kind.columns)
    table = kind.table
    add = f"INSERT INTO {table} (rowid, {columns}) SELECT new.id, {new_values} WHERE {{new}};"
    remove = (
        f"INSERT INTO {table} ({table}, rowid, {columns}) "
        f"SELECT 'delete', old.id, {old_values} WHERE {{old}};"
    )
    new_live = live.format(r="new")
    old_live = live.format(r="old")
    watched = ", ".join((*kind.columns, "deleted_at"))
    if kind is LEARNING:
        watched = "learned, deleted_at"
    return (
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {base} BEGIN\n{add.format(new=new_live)}\nEND",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {base} BEGIN\n"
        f"{remove.format(old=old_live)}\nEND",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {watched} ON {base} BEGIN\n"
        f"{remove.format(old=old_live)}\n{add.format(new=new_live)}\nEND",
    )


TRIGGERS_V1 = (
    # Contacts: the contact row, its e-mail addresses, its tags, and tag renames.
    f"CREATE TRIGGER search_contact_ai AFTER INSERT ON contact BEGIN\n"
    f"{CONTACT.insert_from_source('id = new.id')};\nEND",
    "CREATE TRIGGER search_contact_ad AFTER DELETE ON contact BEGIN\n"
    "DELETE FROM search_contact WHERE rowid = old.id;\nEND",
    "CREATE TRIGGER search_contact_au AFTER UPDATE OF display_name, given_name, family_name, "
    "name, company, job_title, how_met, notes ON contact BEGIN\n"
    f"{_reindex_contact('new.id, old.id')}\nEND",
    "CREATE TRIGGER search_contact_email_ai AFTER INSERT ON contact_email BEGIN\n"
    f"{_reindex_contact('new.contact_id')}\nEND",
    "CREATE TRIGGER search_contact_email_ad AFTER DELETE ON contact_email BEGIN\n"
    f"{_reindex_contact('old.contact_id')}\nEND",
    "CREATE TRIGGER search_contact_email_au AFTER UPDATE ON contact_email BEGIN\n"
    f"{_reindex_contact('old.contact_id, new.contact_id')}\nEND",
    "CREATE TRIGGER search_contact_tag_ai AFTER INSERT ON contact_tag BEGIN\n"
    f"{_reindex_contact('new.contact_id')}\nEND",
    "CREATE TRIGGER search_contact_tag_ad AFTER DELETE ON contact_tag BEGIN\n"
    f"{_reindex_contact('old.contact_id')}\nEND",
    "CREATE TRIGGER search_tag_au AFTER UPDATE OF name ON tag BEGIN\n"
    f"{_reindex_contact('SELECT contact_id FROM contact_tag WHERE tag_id = new.id')}\nEND",
    *_external_triggers(CONVERSATION, "conversation", "{r}.deleted_at IS NULL"),
    *_external_triggers(LEARNING, "conversation", "{r}.deleted_at IS NULL AND {r}.learned <> ''"),
    *_external_triggers(FAVOUR, "favour", "{r}.deleted_at IS NULL"),
    *_external_triggers(PURCHASE, "purchase", "{r}.deleted_at IS NULL"),
)

INDEX_V1 = tuple(kind.ddl for kind in KINDS) + TRIGGERS_V1

# Version 2 (revision 0009 and later): what the contacts' entries hold follows the contact
# field list.  The "emails" column holds every labelled list it indexes (e-mail addresses,
# profile links), list by list in their order; the contact's own columns re-index it when a
# field it indexes changes.  For the e-mails alone this is exactly version 1.
_INDEXED_LISTS = [f for f in LABELLED_FIELDS if f.search == "emails"]


def _indexed_lists() -> str:
    if len(_INDEXED_LISTS) == 1:  # one table is read directly (version 1 for the e-mails)
        child = children(_INDEXED_LISTS[0])
        return (
            f"COALESCE((SELECT group_concat({child.value_column}, ' ') FROM (\n"
            f"               SELECT {child.value_column} FROM {child.table} "
            "WHERE contact_id = c.id\n"
            "               ORDER BY position, id)), '') AS emails,"
        )
    branches = "\n               UNION ALL ".join(
        f"SELECT {children(f).value_column} AS value, {n} AS list, position, id "
        f"FROM {children(f).table} WHERE contact_id = c.id"
        for n, f in enumerate(_INDEXED_LISTS)
    )
    return (
        f"COALESCE((SELECT group_concat(value, ' ') FROM (\n"
        f"               {branches}\n"
        f"               ORDER BY list, position, id)), '') AS emails,"
    )


def _joined(column: str, fields: Sequence[ContactField]) -> str:
    """The contact's text fields indexed in ``column`` (``ContactField.search``), in list
    order, joined by " · " where both sides have text: "Nordlys · Founder"."""
    names = [f"c.{f.column}" for f in fields if f.column and f.search == column]
    expression = names[0] if names else "''"
    for name in names[1:]:
        expression = (
            f"trim({expression} || CASE WHEN {expression} <> '' AND {name} <> '' THEN ' · ' "
            f"ELSE ''\n               END || {name})"
        )
    return f"{expression} AS {column}"


_V1_EMAILS = """COALESCE((SELECT group_concat(address, ' ') FROM (
               SELECT address FROM contact_email WHERE contact_id = c.id
               ORDER BY position, id)), '') AS emails,"""
# The columns of a contact's entry that hold the contact's own text fields, as version 1
# wrote them (the name and the tags have SQL of their own).
_V1_JOINED = {
    "company": "trim(c.company || CASE WHEN c.company <> '' AND c.job_title <> '' THEN ' · ' "
    "ELSE ''\n               END || c.job_title) AS company",
    "how_met": "c.how_met AS how_met",
    "notes": "c.notes AS notes",
}


def contact_source_view(fields: Sequence[ContactField] = TEXT_FIELDS) -> str:
    """``search_contact_source`` (version 2) for the contact field list ``fields``: version 1
    with the labelled lists and the text fields the list indexes in each column."""
    view = VIEWS_V1[0].replace(_V1_EMAILS, _indexed_lists())
    for column, frozen in _V1_JOINED.items():
        view = view.replace(frozen, _joined(column, fields))
    return view


VIEWS_V2 = (contact_source_view(), *VIEWS_V1[1:])


def _list_triggers(table: str) -> tuple[str, ...]:
    return (
        f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN\n"
        f"{_reindex_contact('new.contact_id')}\nEND",
        f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN\n"
        f"{_reindex_contact('old.contact_id')}\nEND",
        f"CREATE TRIGGER search_{table}_au AFTER UPDATE ON {table} BEGIN\n"
        f"{_reindex_contact('old.contact_id, new.contact_id')}\nEND",
    )


_WATCHED = ", ".join(("display_name", *(f.column for f in TEXT_FIELDS if f.search)))
TRIGGERS_V2 = (
    *TRIGGERS_V1[:2],
    f"CREATE TRIGGER search_contact_au AFTER UPDATE OF {_WATCHED} ON contact BEGIN\n"
    f"{_reindex_contact('new.id, old.id')}\nEND",
    *(t for f in _INDEXED_LISTS for t in _list_triggers(children(f).table)),
    *TRIGGERS_V1[6:],
)
INDEX_V2 = tuple(kind.ddl for kind in KINDS) + TRIGGERS_V2
CURRENT_VIEWS = VIEWS_V2
CURRENT_INDEX = INDEX_V2

Execute = Callable[[str], Any]


_fts5: list[bool] = []


def fts5_available(execute: Execute | None = None) -> bool:
    """Whether the SQLite in use can create FTS5 tables (tried once per process).

    The trial table is made on a private in-memory connection of the same SQLite library,
    never on the journal's: creating even a temporary FTS5 table writes rows, and the change
    tag's commit hook (``backups.track_changes``) counts every row a connection writes, so
    probing there made the first search of a session look like a change to back up.
    ``execute`` is accepted for callers written before (revision 0004) and not used."""
    del execute
    if not _fts5:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE colearn_fts5_probe USING fts5(x)")
        except sqlite3.Error:
            _fts5.append(False)
        else:
            _fts5.append(True)
        finally:
            probe.close()
    return _fts5[0]


def trigger_names() -> tuple[str, ...]:
    return tuple(statement.split()[2] for statement in CURRENT_INDEX if "TRIGGER" in statement)


def is_index_table(name: str) -> bool:
    """True for the index's own tables (FTS5 tables and their shadow tables), which the
    models do not describe and schema comparisons must leave out."""
    return any(name == k.table or name.startswith(k.table + "_") for k in KINDS)


def create_views(execute: Execute) -> None:
    for statement in CURRENT_VIEWS:
        execute(statement)


def create_index(execute: Execute) -> bool:
    """Create and fill the index (views must exist); False, changing nothing, without FTS5."""
    if not fts5_available(execute):
        return False
    for statement in CURRENT_INDEX:
        execute(statement)
    fill_index(execute)
    return True


def fill_index(execute: Execute, where: str = "1") -> None:
    """Index the live rows that satisfy ``where`` (an SQL condition on ``id``)."""
    for kind in KINDS:
        execute(kind.insert_from_source(where))


def reindex_contacts(connection: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Rebuild the entries of the contacts ``ids`` in two statements: what the triggers on a
    contact and its indexed lists do one row at a time, for a writer that suspended them
    (applying another device's batch).  A contact that is gone loses its entry.  Only for a
    journal that has the index."""
    chosen = "(SELECT value FROM json_each(?))"
    listed = (json.dumps(sorted(ids)),)
    connection.execute(f"DELETE FROM {CONTACT.table} WHERE rowid IN {chosen}", listed)
    connection.execute(CONTACT.insert_from_source(f"id IN {chosen}"), listed)


def drop_index(execute: Execute, existing: set[str]) -> None:
    """Drop the triggers and FTS5 tables among ``existing`` schema object names."""
    for name in trigger_names():
        if name in existing:
            execute(f"DROP TRIGGER {name}")
    for kind in KINDS:
        if kind.table in existing:
            execute(f"DROP TABLE {kind.table}")


def include_in_autogenerate(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic ``include_name`` hook: the models do not describe the index's tables."""
    return not (type_ == "table" and name is not None and is_index_table(name))
