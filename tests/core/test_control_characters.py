"""Typed text never holds control characters: every service refuses them, naming the field.

A NUL pasted into a name used to be stored, exported raw into CSV, vCard and ICS, and then
our own importer refused our own CSV.  TAB and line breaks stay allowed (multi-line fields
keep them; one-line fields turn them into spaces).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ConversationInput, FavourInput, PurchaseInput
from colearn_desktop.core.referrals.template_store import TemplateInput
from colearn_desktop.core.text import first_unwanted, without_unwanted
from tests.helpers import add_contact

HOSTILE = ("\x00", "\x07", "\x1b", "\x1f", "\x7f", "\x85", "\ud800", "\uffff")


def _favour(contact: int, **changes) -> FavourInput:
    data = {"description": "An intro", "notes": ""} | changes
    return FavourInput(contact, FavourDirection.I_OWE, FavourKind.INTRO, **data)


# (field named in the error, how to make the service write it with ``bad`` inside)
CASES: dict[str, tuple[str, Callable[[Journal, int, str], object]]] = {
    "contact name": ("name", lambda j, c, bad: j.contacts.create(ContactInput(name=f"E{bad}ve"))),
    "contact notes": (
        "notes",
        lambda j, c, bad: j.contacts.create(ContactInput(name="Eve", notes=f"a\n{bad}b")),
    ),
    "contact e-mail": (
        "emails[0]",
        lambda j, c, bad: j.contacts.create(
            ContactInput(name="Eve", emails=(Labelled(f"e{bad}ve@example.com"),))
        ),
    ),
    "contact phone label": (
        "phones[0]",
        lambda j, c, bad: j.contacts.create(
            ContactInput(name="Eve", phones=(Labelled("+44 20 7946 0000", f"w{bad}"),))
        ),
    ),
    "contact tag": (
        "tags",
        lambda j, c, bad: j.contacts.create(ContactInput(name="Eve", tags=(f"t{bad}",))),
    ),
    "conversation notes": (
        "notes",
        lambda j, c, bad: j.conversations.log(
            ConversationInput((c,), datetime(2024, 5, 1, 10), notes=f"x{bad}")
        ),
    ),
    "favour description": (
        "description",
        lambda j, c, bad: j.favours.add(_favour(c, description=f"Intro{bad}")),
    ),
    "favour settlement note": (
        "note",
        lambda j, c, bad: j.favours.forgive(j.favours.for_contact(c)[0].id, note=f"n{bad}"),
    ),
    "purchase notes": (
        "notes",
        lambda j, c, bad: j.purchases.add(
            PurchaseInput(c, date(2024, 5, 1), "Logo", notes=f"n{bad}")
        ),
    ),
    "reminder text": (
        "text",
        lambda j, c, bad: j.reminders.add(ReminderInput(f"Call{bad}", date(2024, 6, 1))),
    ),
    "template body": (
        "body",
        lambda j, c, bad: j.referrals.templates.create(TemplateInput("T", f"Hi{bad}")),
    ),
    "tag rename": ("name", lambda j, c, bad: j.tags.rename(j.tags.all()[0].id, f"new{bad}")),
    "my signature": ("my_signature", lambda j, c, bad: j.settings.update(my_signature=f"A{bad}")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_service_refuses_control_characters_naming_the_field(journal, case):
    field, write = CASES[case]
    contact = add_contact(journal, "Ana", "García", tags=("old",))
    journal.favours.add(_favour(contact))
    before = journal.stats()
    for bad in ("\x00", "\x1b", "\ud800"):
        with pytest.raises(ValidationError) as caught:
            write(journal, contact, bad)
        fields = {problem.field for problem in caught.value.problems}
        assert field in fields, caught.value.problems
        message = next(p.message for p in caught.value.problems if p.field == field)
        assert f"U+{ord(bad):04X}" in message
    assert journal.stats() == before


def test_tab_and_line_breaks_stay_allowed(journal):
    contact = journal.contacts.create(ContactInput(name="Eve\tAdams", notes="one\r\ntwo\tthree"))
    stored = journal.contacts.get(contact)
    assert stored.data.name == "Eve Adams"
    assert stored.data.notes == "one\r\ntwo\tthree"


def test_the_rule_in_one_place():
    for bad in HOSTILE:
        assert first_unwanted(f"a{bad}b") == bad
        assert without_unwanted(f"a{bad}b") in {"ab", "a\ufffdb"}
    assert first_unwanted("Zoë\t\n\r😀") is None
    assert without_unwanted("a\ud800b\uffffc\x00") == "a\ufffdb\ufffdc"
