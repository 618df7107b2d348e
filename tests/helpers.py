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
