"""Small builders that keep tests about behaviour rather than setup."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ConversationInput


def add_contact(journal: Journal, given: str = "Ana", family: str = "García", **fields) -> int:
    return journal.contacts.create(ContactInput(given_name=given, family_name=family, **fields))


def log_call(journal: Journal, *contact_ids: int, when: datetime, **fields) -> int:
    return journal.conversations.log(
        ConversationInput(contact_ids=tuple(contact_ids), happened_at=when, **fields)
    )


def email(address: str, label: str = "") -> Labelled:
    return Labelled(address, label)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def traced_statements(journal: Journal, monkeypatch) -> list[str]:
    """Every SQL statement the journal's raw reads run from now on (values written in), for
    tests that look at how a read is planned rather than at how long it takes."""
    import contextlib

    statements: list[str] = []
    read_raw = journal.db.read_raw

    @contextlib.contextmanager
    def traced():
        with read_raw() as connection:
            connection.set_trace_callback(statements.append)
            try:
                yield connection
            finally:
                connection.set_trace_callback(None)

    monkeypatch.setattr(journal.db, "read_raw", traced)
    return statements


def query_plan(journal: Journal, sql: str) -> list[str]:
    """The steps of SQLite's plan for ``sql`` (EXPLAIN QUERY PLAN, detail column)."""
    with journal.db.read_raw() as connection:
        return [row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")]
