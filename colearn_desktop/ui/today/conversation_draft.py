"""What a draft of a logged conversation holds on disk, and how it becomes a conversation again.

Kept apart from the dialog so the draft's format (which must still read after an upgrade or a
crash) is one small, Qt-free piece: an unknown channel or a missing field falls back to the
dialog's defaults instead of losing the note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from colearn_desktop.core.enums import Channel
from colearn_desktop.core.records import ConversationInput

DRAFT_KIND = "conversation"


def draft_fields(
    data: ConversationInput, names: Sequence[str], new_contact: str
) -> dict[str, object]:
    """The draft of ``data``; ``names`` are the participants' names, in order, so a draft
    shows who it was with even if a contact is gone when it is restored."""
    return {
        "participants": [list(pair) for pair in zip(data.contact_ids, names, strict=True)],
        "new_contact": new_contact,
        "channel": Channel(data.channel).value,
        "happened_at": data.happened_at.isoformat(),
        "notes": data.notes,
        "learned": data.learned,
        "they_asked": data.they_asked,
        "next_step": data.next_step,
        "next_step_due": data.next_step_due.isoformat() if data.next_step_due else None,
        "praise": data.praise,
    }


def conversation_from_draft(fields: Mapping[str, Any]) -> ConversationInput:
    """The conversation a draft holds (its participants are checked by the dialog, which
    knows which contacts still exist)."""
    channel = fields.get("channel")
    due = fields.get("next_step_due")
    return ConversationInput(
        contact_ids=(),
        happened_at=datetime.fromisoformat(fields["happened_at"]),
        channel=Channel(channel) if channel in set(Channel) else next(iter(Channel)),
        notes=fields.get("notes", ""),
        learned=fields.get("learned", ""),
        they_asked=fields.get("they_asked", ""),
        next_step=fields.get("next_step", ""),
        next_step_due=date.fromisoformat(due) if due else None,
        praise=bool(fields.get("praise")),
    )
