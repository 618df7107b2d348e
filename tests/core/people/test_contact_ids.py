"""A contact is found by its stable id, and by the ids of contacts merged into it."""

from __future__ import annotations

from sqlalchemy import text

from colearn_desktop.core.people.contact_ids import alias_contact
from colearn_desktop.core.records import ContactInput

DELETE_CONTACT = text("DELETE FROM contact WHERE id = :id")


def _uid(journal, contact_id: int) -> str:
    with journal.db.read_raw() as connection:
        return connection.execute("SELECT uid FROM contact WHERE id = ?", (contact_id,)).fetchone()[
            0
        ]


def test_a_contact_is_found_by_its_uid_however_it_is_written(journal):
    contact_id = journal.contacts.create(ContactInput(name="Ana García"))
    uid = _uid(journal, contact_id)
    assert journal.contacts.resolve_uid(uid) == contact_id
    assert journal.contacts.resolve_uid(f" {{{uid.upper()}}} ") == contact_id
    assert journal.contacts.resolve_uid("00000000-0000-4000-8000-000000000000") is None
    assert journal.contacts.resolve_uid("") is None


def test_merged_contacts_ids_follow_the_kept_contact_through_later_merges(journal):
    first, second, third = (
        journal.contacts.create(ContactInput(name=name)) for name in ("Ana", "Ana G.", "A. García")
    )
    first_uid, second_uid = _uid(journal, first), _uid(journal, second)
    with journal.db.write() as session:  # what the merge does before removing the merged one
        alias_contact(session, first, second)
        session.execute(DELETE_CONTACT, {"id": first})
    assert journal.contacts.resolve_uid(first_uid) == second
    with journal.db.write() as session:
        alias_contact(session, second, third)
        session.execute(DELETE_CONTACT, {"id": second})
    assert journal.contacts.resolve_uid(first_uid) == third
    assert journal.contacts.resolve_uid(second_uid) == third
    with journal.db.write() as session:  # deleted for good: its aliases go with it
        session.execute(DELETE_CONTACT, {"id": third})
    assert journal.contacts.resolve_uid(first_uid) is None
