"""Templates in the journal, and filling one in for a contact."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.referrals import TemplateInput
from colearn_desktop.core.referrals.service import english_months, months_between
from tests.core.referrals.helpers import client, days_ago
from tests.helpers import email, log_call

TEMPLATE = TemplateInput(
    name="Thanks",
    subject="Thank you, {first_name}",
    body=(
        "Hi {first_name} ({name}, {company}),\n"
        '{last_project}, {months_since_project} ago. You said: "{praise}"\n'
        "I offer {my_offer}.\n{signature} / {my_name}"
    ),
)


def test_a_template_is_filled_in_with_everything_known_about_the_contact(journal):
    journal.settings.update(my_name="Sam", my_offer="a free call", my_signature="Sam O.\nDesign")
    ana = client(
        journal,
        "Ana",
        bought_days_ago=95,
        what="Brand identity",
        company="Nordlys & Co",
        emails=(email("ana@example.org"),),
    )
    template_id = journal.referrals.templates.create(TEMPLATE)
    composition = journal.referrals.compose(ana, template_id)
    assert composition.subject.text == "Thank you, Ana"
    assert composition.body.text == (
        "Hi Ana (Ana Client, Nordlys & Co),\n"
        'Brand identity, 3 months ago. You said: "Loved how clearly you explained the options."\n'
        "I offer a free call.\nSam O.\nDesign / Sam"
    )
    assert composition.missing == ()
    assert composition.contact.email == "ana@example.org"
    assert composition.template_id == template_id
    parts = urlsplit(composition.mailto())
    assert parts.path == "ana@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you, Ana"]
    assert query["body"] == [composition.body.text.replace("\n", "\r\n")]


def test_what_has_no_value_is_reported_and_left_visible(journal):
    bare = journal.contacts.create(ContactInput(name="Mum"))
    template_id = journal.referrals.templates.create(TEMPLATE)
    composition = journal.referrals.compose(bare, template_id)
    assert composition.subject.text == "Thank you, Mum"
    assert composition.missing == (
        "company",
        "last_project",
        "months_since_project",
        "praise",
        "my_offer",
        "signature",
        "my_name",
    )
    assert "None" not in composition.body.text
    assert "{praise}" in composition.body.text
    assert composition.contact.email == ""
    assert composition.mailto().startswith("mailto:?subject=Thank%20you%2C%20Mum&body=")


def test_months_are_whole_calendar_months_and_wordable(journal):
    assert months_between(datetime(2026, 8, 22).date(), datetime(2026, 11, 22).date()) == 3
    assert months_between(datetime(2026, 8, 23).date(), datetime(2026, 11, 22).date()) == 2
    assert months_between(datetime(2026, 11, 1).date(), datetime(2026, 11, 22).date()) == 0
    assert [english_months(n) for n in (0, 1, 7)] == ["less than a month", "1 month", "7 months"]
    ana = client(journal, "Ana", bought_days_ago=400)
    template_id = journal.referrals.templates.create(TemplateInput("m", "{months_since_project}"))
    composition = journal.referrals.compose(ana, template_id, months_text=lambda n: f"<{n}>")
    assert composition.body.text == "<13>"


def test_praise_comes_from_the_latest_praise_conversation_with_notes(journal):
    ana = client(journal, "Ana", praised_days_ago=100, praise="Old praise.")
    log_call(
        journal,
        ana,
        when=datetime(2026, 11, 1, 10),
        praise=True,
        notes="New   praise,\nwith lines.\n\nPS: unrelated",
    )
    log_call(journal, ana, when=datetime(2026, 11, 10, 10), praise=False, notes="Not praise.")
    facts = journal.referrals.facts(ana)
    assert facts.values["praise"] == "New praise, with lines."


def test_long_praise_is_cut_at_a_sentence_or_a_word(journal):
    first = "You were " + "really " * 30 + "patient with us."
    ana = client(journal, "Ana", praise=first + " " + "Also " * 80)
    assert journal.referrals.facts(ana).values["praise"] == first
    ben = client(journal, "Ben", praise="Great " * 100)
    quote = journal.referrals.facts(ben).values["praise"]
    assert quote.endswith("Great…")
    assert len(quote) <= 301


def test_saving_a_template_with_mistakes_is_refused_with_their_positions(journal):
    templates = journal.referrals.templates
    with pytest.raises(ValidationError) as caught:
        templates.create(TemplateInput("", "Hi {frist_name},\n}", subject="{name.__class__}"))
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "name: give the template a name",
        "subject: unknown placeholder {name.__class__} at line 1, column 1 (did you mean {name}?)",
        "body: unknown placeholder {frist_name} at line 1, column 4 (did you mean {first_name}?)",
        "body: stray '}' at line 2, column 1 (write '}}' for a literal brace)",
    ]
    assert templates.all() == []


def test_template_crud(journal):
    templates = journal.referrals.templates
    template_id = templates.create(TemplateInput("  My   ask ", "Hi {first_name}\n\n", "  Hello "))
    view = templates.get(template_id)
    assert (view.name, view.subject, view.body, view.builtin_key) == (
        "My ask",
        "Hello",
        "Hi {first_name}",
        None,
    )
    templates.update(template_id, TemplateInput("Renamed", "Body {{literal}}"))
    assert templates.get(template_id).body == "Body {{literal}}"
    templates.archive(template_id)
    assert templates.all() == []
    assert templates.get(template_id).archived
    templates.restore(template_id)
    assert [t.id for t in templates.all()] == [template_id]
    with pytest.raises(NotFoundError):
        templates.update(999, TemplateInput("x", "y"))
    with pytest.raises(NotFoundError):
        journal.referrals.compose(999, template_id)


def test_never_ask_for_an_unknown_contact_is_refused(journal):
    with pytest.raises(NotFoundError):
        journal.referrals.set_never_ask(999)
    assert days_ago(0)
