from __future__ import annotations

from datetime import date, datetime

import pytest

from colearn_desktop.core.enums import Channel
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.records import ConversationInput
from tests.helpers import add_contact, log_call


def test_logging_stores_everything_and_resets_last_contact(journal):
    ana = add_contact(journal, "Ana")
    ben = add_contact(journal, "Ben")
    conversation_id = journal.conversations.log(
        ConversationInput(
            contact_ids=(ana, ben),
            happened_at=datetime(2026, 11, 20, 15, 30),
            channel=Channel.MEETING,
            notes="Talked about the redesign.\nThey are happy.",
            learned="They budget in January.",
            they_asked="A quote for the shop",
            next_step="Send the quote",
            next_step_due=date(2026, 11, 25),
            praise=True,
        )
    )
    view = journal.conversations.get(conversation_id)
    assert view.data.channel is Channel.MEETING
    assert view.data.learned == "They budget in January."
    assert view.data.praise is True
    assert view.data.next_step_due == date(2026, 11, 25)
    assert {p.display_name for p in view.participants} == {"Ana García", "Ben García"}
    for contact in (ana, ben):
        assert journal.contacts.get(contact).last_contact_at == datetime(2026, 11, 20, 15, 30)


def test_last_contact_is_the_newest_not_the_latest_logged(journal):
    ana = add_contact(journal)
    log_call(journal, ana, when=datetime(2026, 11, 10, 9))
    log_call(journal, ana, when=datetime(2026, 10, 1, 9))  # logged late, happened earlier
    assert journal.contacts.get(ana).last_contact_at == datetime(2026, 11, 10, 9)


def test_timeline_is_newest_first_and_skips_the_trash(journal):
    ana = add_contact(journal)
    first = log_call(journal, ana, when=datetime(2026, 1, 1, 9), notes="first")
    second = log_call(journal, ana, when=datetime(2026, 6, 1, 9), notes="second")
    third = log_call(journal, ana, when=datetime(2026, 3, 1, 9), notes="third")
    assert [v.id for v in journal.conversations.for_contact(ana)] == [second, third, first]
    journal.conversations.delete(second)
    assert [v.id for v in journal.conversations.for_contact(ana)] == [third, first]
    assert journal.contacts.get(ana).last_contact_at == datetime(2026, 3, 1, 9)
    journal.conversations.restore(second)
    assert journal.contacts.get(ana).last_contact_at == datetime(2026, 6, 1, 9)
    assert journal.check() == []


def test_update_moves_last_contact_of_old_and_new_participants(journal):
    ana = add_contact(journal, "Ana")
    ben = add_contact(journal, "Ben")
    conversation_id = log_call(journal, ana, when=datetime(2026, 11, 1, 9))
    view = journal.conversations.get(conversation_id)
    journal.conversations.update(
        conversation_id,
        ConversationInput(contact_ids=(ben,), happened_at=view.data.happened_at, notes="moved"),
    )
    assert journal.contacts.get(ana).last_contact_at is None
    assert journal.contacts.get(ben).last_contact_at == datetime(2026, 11, 1, 9)
    assert journal.check() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact_ids": ()}, "contacts"),
        ({"contact_ids": (999,)}, "contacts"),
        ({"happened_at": None}, "happened_at"),
        ({"happened_at": datetime(2026, 12, 25, 9)}, "happened_at"),
        ({"next_step": "x", "next_step_due": date(2026, 11, 1)}, "next_step_due"),
        ({"next_step_due": date(2026, 11, 30)}, "next_step"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_invalid_conversation_names_the_field_and_changes_nothing(journal, changes, field):
    ana = add_contact(journal)
    data = dict(contact_ids=(ana,), happened_at=datetime(2026, 11, 20, 9))
    data.update(changes)
    with pytest.raises(ValidationError) as caught:
        journal.conversations.log(ConversationInput(**data))
    assert caught.value.for_field(field) is not None, caught.value
    assert journal.stats().conversations == 0
    assert journal.contacts.get(ana).last_contact_at is None


def test_next_step_on_the_same_day_is_allowed(journal):
    ana = add_contact(journal)
    log_call(
        journal,
        ana,
        when=datetime(2026, 11, 20, 17),
        next_step="Send notes",
        next_step_due=date(2026, 11, 20),
    )


def test_next_step_can_be_marked_done_and_undone(journal, clock):
    ana = add_contact(journal)
    conversation_id = log_call(
        journal,
        ana,
        when=datetime(2026, 11, 20, 9),
        next_step="Call",
        next_step_due=date(2026, 11, 21),
    )
    journal.conversations.set_next_step_done(conversation_id)
    assert journal.conversations.get(conversation_id).next_step_done_at == clock.now()
    journal.conversations.set_next_step_done(conversation_id, done=False)
    assert journal.conversations.get(conversation_id).next_step_done_at is None


def test_missing_conversation_is_not_found(journal):
    with pytest.raises(NotFoundError):
        journal.conversations.delete(42)


def test_logging_with_a_new_contact_is_one_step(journal):
    from colearn_desktop.core.contact_fields import ContactInput

    ana = add_contact(journal, "Ana")
    conversation_id = journal.conversations.log(
        ConversationInput(contact_ids=(ana,), happened_at=datetime(2026, 11, 21, 10)),
        new_contacts=(ContactInput(given_name="Nia", family_name="Okafor"),),
    )
    names = {p.display_name for p in journal.conversations.get(conversation_id).participants}
    assert names == {"Ana García", "Nia Okafor"}
    # A conversation that fails validation creates no contact either.
    with pytest.raises(ValidationError):
        journal.conversations.log(
            ConversationInput(contact_ids=(), happened_at=datetime(2027, 1, 1, 10)),
            new_contacts=(ContactInput(name="Ghost"),),
        )
    assert journal.stats().contacts == 2
