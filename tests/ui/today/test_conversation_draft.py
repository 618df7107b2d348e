"""A conversation's draft reads back as the conversation it was, and a draft written by another
version (an unknown channel, fields missing) still opens with the dialog's defaults."""

from __future__ import annotations

from datetime import date, datetime

from colearn_desktop.core.enums import Channel
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.ui.today.conversation_draft import conversation_from_draft, draft_fields


def test_a_draft_reads_back_as_the_conversation_it_was():
    data = ConversationInput(
        contact_ids=(3, 5),
        happened_at=datetime(2026, 3, 1, 9, 30),
        channel=Channel.EMAIL,
        notes="Talked about the launch",
        learned="They moved to Lisbon",
        they_asked="An intro to Sam",
        next_step="Send the deck",
        next_step_due=date(2026, 3, 8),
        praise=True,
    )
    fields = draft_fields(data, ["Ana García", "Sam Lee"], "Bo")
    assert fields["participants"] == [[3, "Ana García"], [5, "Sam Lee"]]
    assert fields["new_contact"] == "Bo"
    assert conversation_from_draft(fields) == ConversationInput(
        contact_ids=(), **{k: v for k, v in vars(data).items() if k != "contact_ids"}
    )


def test_an_old_or_odd_draft_falls_back_to_the_defaults():
    restored = conversation_from_draft(
        {"happened_at": "2026-03-01T09:30:00", "channel": "carrier pigeon"}
    )
    assert restored.channel == next(iter(Channel))
    assert (restored.notes, restored.next_step_due, restored.praise) == ("", None, False)
