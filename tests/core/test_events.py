"""Typed changes: every mutation publishes (after commit) and returns what it changed."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.events import Action, Change, Topic
from tests.helpers import add_contact, log_call


def test_contact_mutations_return_and_publish_what_they_changed(journal):
    seen: list[Change] = []
    journal.subscribe(seen.append)
    contact_id = add_contact(journal)
    archived = journal.contacts.archive(contact_id)
    deleted = journal.contacts.delete_permanently(contact_id)

    assert archived == Change(Topic.CONTACTS, (contact_id,), Action.UPDATED)
    assert deleted == Change(Topic.CONTACTS, (contact_id,), Action.DELETED)
    assert seen == [Change(Topic.CONTACTS, (contact_id,), Action.CREATED), archived, deleted]


def test_the_trash_deletes_and_brings_back_rows(journal):
    contact_id = add_contact(journal)
    conversation_id = log_call(journal, contact_id, when=datetime(2026, 3, 1, 10))
    seen: list[Change] = []
    journal.subscribe(seen.append)

    journal.conversations.delete(conversation_id)
    journal.conversations.restore(conversation_id)

    assert [(c.topic, c.ids, c.action) for c in seen] == [
        (Topic.CONVERSATIONS, (conversation_id,), Action.DELETED),
        (Topic.CONVERSATIONS, (conversation_id,), Action.CREATED),
    ]


def test_a_refused_write_publishes_nothing(journal):
    seen: list[Change] = []
    journal.subscribe(seen.append)
    with pytest.raises(ValidationError):
        journal.contacts.create(ContactInput())
    assert seen == []


def test_a_misspelt_topic_fails_where_it_is_published():
    with pytest.raises(ValueError, match="contact"):
        Change("contact")  # type: ignore[arg-type]


def test_topics_still_compare_equal_to_their_old_names():
    """Listeners written against plain strings keep working."""
    assert Change("contacts").topic is Topic.CONTACTS
    assert Topic.CONTACTS == "contacts"


def test_a_conversation_and_a_due_item_name_the_contacts_they_concern(journal):
    """So a contact's page can skip what happened with somebody else."""
    ana = add_contact(journal, "Ana", cadence_days=30)
    ben = add_contact(journal, "Ben")
    seen: list[Change] = []
    journal.subscribe(seen.append)
    talk = log_call(journal, ana, ben, when=datetime(2026, 9, 1, 10))
    journal.conversations.delete(talk)
    log_call(journal, ana, when=datetime(2026, 9, 2, 10))  # 81 days ago: overdue
    (item,) = [i for i in journal.reminders.due(0).items if i.contact_id == ana]
    journal.reminders.done(item.key)
    journal.contacts.archive(ben)  # its name shows on other pages: it names nobody

    assert [c.contacts for c in seen] == [(ana, ben), (ana, ben), (ana,), (ana,), ()]
