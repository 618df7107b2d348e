"""One contact's due items (every contact page and brief asks) read that contact's rows
through an index on the contact, not every open favour of the journal."""

from __future__ import annotations

from colearn_desktop.core.demo_journal.demo import generate_demo
from tests.helpers import query_plan, traced_statements


def test_one_contacts_favours_are_read_through_the_contact_index(journal, monkeypatch):
    generate_demo(journal, contacts=60, conversations_per_contact=1, seed=6)
    with journal.db.raw() as connection:
        connection.execute("ANALYZE")  # statistics like a journal that has been optimised
    statements = traced_statements(journal, monkeypatch)
    contact = journal.contact_list.rows()[-1].id
    journal.reminders.items_for_contact(contact)
    favour_reads = [s for s in statements if "FROM favour f" in s]
    assert favour_reads
    for sql in favour_reads:
        plan = query_plan(journal, sql)
        reads = [step for step in plan if step.startswith(("SEARCH f", "SCAN f"))]
        assert reads, plan
        assert all("ix_favour_contact" in step for step in reads), plan


def test_one_contacts_reminders_are_read_through_the_contact_index(journal, monkeypatch):
    """Without statistics SQLite walked every open reminder of the journal by due day for one
    contact's brief (~9 ms at 100,000 contacts)."""
    generate_demo(journal, contacts=60, conversations_per_contact=1, seed=6)
    statements = traced_statements(journal, monkeypatch)
    contact = journal.contact_list.rows()[-1].id
    journal.reminders.items_for_contact(contact)
    reminder_reads = [s for s in statements if "FROM reminder r" in s]
    assert reminder_reads
    for sql in reminder_reads:
        plan = query_plan(journal, sql)
        reads = [step for step in plan if step.startswith(("SEARCH r ", "SCAN r "))]
        assert reads, plan
        assert all("ix_reminder_contact_id" in step for step in reads), plan
