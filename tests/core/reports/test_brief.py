"""The pre-call brief: the right facts about one person, short enough for one page."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.enums import Channel, FavourDirection, FavourKind, Stage
from colearn_desktop.core.records import FavourInput, PurchaseInput
from colearn_desktop.core.reports.brief import as_markdown, as_text
from tests.helpers import add_contact, email, log_call


@pytest.fixture
def zoe(journal):
    sam = add_contact(journal, "Sam", "Okafor")
    zoe = add_contact(
        journal,
        "Zoë",
        "Ørsted",
        company="Nordlys",
        job_title="Founder",
        stage=Stage.HELP,
        cadence_days=7,
        tags=("vip", "designer"),
        how_met="Met at a conference in Lisbon",
        referred_by_id=sam,
        emails=(email("zoe@nordlys.example", "work"),),
        phones=(email("+45 20 12 34 56"),),
    )
    add_contact(journal, "Lea", "Weiß", referred_by_id=zoe)
    log_call(journal, zoe, when=datetime(2026, 6, 1, 9), notes="Oldest call", learned="Old lesson")
    log_call(
        journal,
        zoe,
        when=datetime(2026, 9, 1, 9),
        notes="Kick-off for the *new* shop",
        learned="They budget in January",
        they_asked="A quote for the catalogue",
        next_step="Send the quote",
        next_step_due=date(2026, 12, 15),
    )
    log_call(journal, zoe, when=datetime(2026, 10, 1, 9), channel=Channel.EMAIL, notes="Draft")
    log_call(journal, zoe, when=datetime(2026, 11, 20, 15), notes="Review <b>call</b>")
    journal.favours.add(
        FavourInput(
            zoe,
            FavourDirection.I_OWE,
            FavourKind.INTRO,
            "Intro to my accountant",
            due_on=date(2027, 1, 10),
            started_on=date(2026, 11, 1),
        )
    )
    owed = journal.favours.add(
        FavourInput(
            zoe,
            FavourDirection.THEY_OWE,
            FavourKind.MONEY,
            "Conference booth",
            amount=Decimal(200),
            currency="EUR",
        )
    )
    journal.favours.settle(owed, amount=Decimal(50))
    done = journal.favours.add(
        FavourInput(zoe, FavourDirection.THEY_OWE, FavourKind.TESTIMONIAL, "Testimonial")
    )
    journal.favours.settle(done, fully=True)
    journal.purchases.add(
        PurchaseInput(zoe, date(2026, 2, 1), "Website redesign", Decimal(2400), "EUR")
    )
    journal.purchases.add(PurchaseInput(zoe, date(2026, 9, 15), "Shop", Decimal(900), "EUR"))
    return zoe


def test_the_brief_holds_what_matters_before_a_call(journal, zoe):
    brief = journal.brief.for_contact(zoe)
    assert (brief.name, brief.detail("company"), brief.detail("job_title")) == (
        "Zoë Ørsted",
        "Nordlys",
        "Founder",
    )
    assert brief.stage is Stage.HELP
    assert brief.tags == ("designer", "vip")
    assert brief.days_since_last_touch == 2
    assert brief.conversation_count == 4
    assert [c.notes for c in brief.conversations] == [
        "Review <b>call</b>",
        "Draft",
        "Kick-off for the *new* shop",
    ]
    assert [n.text for n in brief.learnings] == ["They budget in January", "Old lesson"]
    assert [(n.text, n.open) for n in brief.asks] == [("A quote for the catalogue", True)]
    assert [(n.text, n.due) for n in brief.open_steps] == [("Send the quote", date(2026, 12, 15))]
    assert [f.description for f in brief.i_owe] == ["Intro to my accountant"]
    assert [(f.description, f.outstanding) for f in brief.they_owe] == [
        ("Conference booth", Decimal("150.00"))
    ]
    assert [p.what for p in brief.purchases] == ["Shop", "Website redesign"]
    assert brief.purchase_totals == {"EUR": Decimal("3300.00")}
    assert brief.referred_by.display_name == "Sam Okafor"
    assert [r.display_name for r in brief.referrals] == ["Lea Weiß"]
    # Keep in touch every 7 days: due a week after the last call.
    due = {d.kind: d for d in brief.coming_up}
    assert due["keep_in_touch"].due_on == date(2026, 11, 27)
    assert "Keep in touch" in due["keep_in_touch"].text
    assert [d.due_on for d in brief.coming_up] == sorted(d.due_on for d in brief.coming_up)


def test_without_the_reminders_engine_the_cadence_says_what_is_due(journal, zoe, monkeypatch):
    monkeypatch.setattr(journal, "reminders", None, raising=False)
    brief = journal.brief.for_contact(zoe)
    assert brief.due_source == "cadence"
    assert [(d.kind, d.due_on) for d in brief.coming_up] == [("keep_in_touch", date(2026, 11, 27))]


def test_plain_text_rendering(journal, zoe):
    text = as_text(journal.brief.for_contact(zoe))
    assert text.startswith("Brief: Zoë Ørsted\n=================\nFounder, Nordlys\n")
    assert "Stage: Help (client) · last talked 2 days ago · 4 conversations" in text
    assert "E-mail: zoe@nordlys.example (work)\nPhone: +45 20 12 34 56\n" in text
    assert "  - 2026-11-20 Call: Review <b>call</b>" in text
    assert "Oldest call" not in text
    assert "  - 2026-09-01: A quote for the catalogue (open)" in text
    assert "  - I owe them: Intro to my accountant (Intro, due 2027-01-10)" in text
    assert "  - They owe me: Conference booth (Money, 150.00 EUR left)" in text
    assert "Purchases (2; 3,300.00 EUR):" in text
    assert "  - Referred by Sam Okafor" in text
    assert "  - Referred Lea Weiß" in text
    assert "Testimonial" not in text  # done favours are not open


def test_markdown_rendering_escapes_what_the_user_typed(journal, zoe):
    markdown = as_markdown(journal.brief.for_contact(zoe))
    assert markdown.startswith("# Zoë Ørsted\n")
    assert "## Last conversations" in markdown
    assert "- 2026-11-20 Call: Review \\<b\\>call\\</b\\>" in markdown
    assert "Kick-off for the \\*new\\* shop" in markdown
    assert "## Favours" in markdown


def test_a_contact_without_history_has_a_short_brief(journal):
    someone = add_contact(journal, "Nadia")
    brief = journal.brief.for_contact(someone)
    assert brief.conversations == ()
    assert brief.days_since_last_touch is None
    assert "never talked" in as_text(brief)


def test_the_brief_of_a_demo_contact_agrees_with_the_journal(journal):
    generate_demo(journal, contacts=40, conversations_per_contact=6, seed=3)
    contact_id = 7
    brief = journal.brief.for_contact(contact_id)
    timeline = journal.conversations.for_contact(contact_id)
    assert brief.conversation_count == len(timeline) == 6
    assert [c.id for c in brief.conversations] == [v.id for v in timeline[:3]]
    learned = [v for v in timeline if v.data.learned]
    assert [n.conversation_id for n in brief.learnings] == [v.id for v in learned[:4]]
    open_favours = [f for f in journal.favours.for_contact(contact_id) if f.is_open]
    assert len(brief.i_owe) + len(brief.they_owe) == min(len(open_favours), 8)
    assert brief.last_contact_at == journal.contacts.get(contact_id).last_contact_at
    text = as_text(brief)
    assert len(text.splitlines()) < 60


def test_the_brief_shows_the_address_as_its_country_writes_it(journal):
    homer = journal.contacts.create(
        ContactInput(
            given_name="Homer", family_name="Simpson", address="742 Evergreen Terrace",
            city="Springfield", region="IL", postal_code="62701", country="USA",
        )
    )  # fmt: skip
    brief = journal.brief.for_contact(homer)
    assert brief.address == "742 Evergreen Terrace, Springfield, IL 62701, USA"
    assert "Address: 742 Evergreen Terrace, Springfield, IL 62701, USA" in as_text(brief)
