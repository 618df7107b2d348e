"""The contact field list: the record, the schema and the search index follow it."""

from __future__ import annotations

import dataclasses

from colearn_desktop.core.contact_fields import FIELDS, LABELLED_FIELDS, TEXT_FIELDS, ContactInput


def test_the_record_and_the_list_name_the_same_fields():
    assert [f.name for f in FIELDS] == [f.name for f in dataclasses.fields(ContactInput)]


def test_every_listed_field_has_its_column_or_table_in_a_journal(journal):
    with journal.db.raw() as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(contact)")}
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {f.column for f in TEXT_FIELDS} <= columns
    assert {f.children.table for f in LABELLED_FIELDS} <= tables


def _search_schema(connection) -> dict[str, str]:
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') "
        "AND name LIKE 'search_%'"
    )
    return {name: " ".join(sql.split()) for name, sql in rows}


def test_migrations_give_the_search_schema_the_field_list_generates(journal):
    with journal.db.read_raw() as connection:
        before = _search_schema(connection)
    journal.search.rebuild_index()  # from search_schema's CURRENT, read from the list
    with journal.db.read_raw() as connection:
        after = _search_schema(connection)
    assert before == after
