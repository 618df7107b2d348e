from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from colearn_desktop.core.contact_fields import Birthday, ContactInput, Labelled
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import NotFoundError, ValidationError
from tests.helpers import add_contact, email, log_call


def row_count(journal, table: str) -> int:
    with journal.db.read() as session:
        return session.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_create_stores_every_field_and_reads_it_back(journal):
    referrer = add_contact(journal, "Sam", "Okafor")
    data = ContactInput(
        given_name="  Zoë ",
        family_name="Ørsted",
        company="Nordlys ApS",
        job_title="Founder",
        emails=(Labelled("zoe@nordlys.example", "work"), Labelled("z@home.example", "home")),
        phones=(Labelled("+45 12 34 56 78", "mobile"),),
        address="Østerbrogade 1\n2100 København",
        website="https://nordlys.example",
        birthday=Birthday(2, 29),
        stage=Stage.HELP,
        cadence_days=30,
        how_met="Conference in Lisbon",
        referred_by_id=referrer,
        notes="Likes short calls.\nPrefers mornings.",
        tags=("client", "Design", "design"),
    )
    contact_id = journal.contacts.create(data)
    detail = journal.contacts.get(contact_id)

    assert detail.display_name == "Zoë Ørsted"
    assert detail.data.given_name == "Zoë"  # trimmed
    assert detail.data.emails == data.emails
    assert detail.data.phones == data.phones
    assert detail.data.address == "Østerbrogade 1\n2100 København"
    assert detail.data.birthday == Birthday(2, 29, None)
    assert detail.data.stage is Stage.HELP
    assert detail.data.cadence_days == 30
    assert detail.data.tags == ("client", "Design")  # case-insensitive duplicate dropped
    assert detail.referred_by.id == referrer
    assert detail.referred_by.display_name == "Sam Okafor"
    assert journal.contacts.get(referrer).referrals[0].id == contact_id
    assert detail.created_at == detail.updated_at


def test_one_free_name_is_enough_and_is_the_display_name(journal):
    contact_id = journal.contacts.create(ContactInput(name="李小龍"))
    assert journal.contacts.get(contact_id).display_name == "李小龍"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ContactInput(), "name"),
        (ContactInput(given_name="   "), "name"),
        (ContactInput(name="A", emails=(Labelled("not-an-email"),)), "emails[0]"),
        (ContactInput(name="A", emails=(Labelled("a@b.example"), Labelled("x@y"))), "emails[1]"),
        (ContactInput(name="A", phones=(Labelled("call me"),)), "phones[0]"),
        (ContactInput(name="A", cadence_days=0), "cadence_days"),
        (ContactInput(name="A", cadence_days=-5), "cadence_days"),
        (ContactInput(name="A", birthday=Birthday(2, 30)), "birthday"),
        (ContactInput(name="A", birthday=Birthday(2, 29, 2023)), "birthday"),
        (ContactInput(name="A", birthday=Birthday(1, 1, 2030)), "birthday"),
        (ContactInput(name="A", birthday=Birthday(13, 1)), "birthday"),
        (ContactInput(name="A", tags=("a,b",)), "tags"),
        (ContactInput(name="A", stage="buyer"), "stage"),
        (ContactInput(name="x" * 301), "name"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(journal, data, field):
    with pytest.raises(ValidationError) as caught:
        journal.contacts.create(data)
    assert caught.value.for_field(field) is not None, caught.value
    assert row_count(journal, "contact") == 0
    assert row_count(journal, "tag") == 0


def test_all_problems_are_reported_at_once(journal):
    with pytest.raises(ValidationError) as caught:
        journal.contacts.create(ContactInput(emails=(Labelled("bad"),), cadence_days=0))
    assert {p.field for p in caught.value.problems} == {"name", "emails[0]", "cadence_days"}


def test_referrer_must_exist_and_not_be_self(journal):
    with pytest.raises(ValidationError, match="does not exist"):
        journal.contacts.create(ContactInput(name="A", referred_by_id=999))
    contact_id = add_contact(journal)
    with pytest.raises(ValidationError, match="themselves"):
        journal.contacts.update(
            contact_id,
            journal.contacts.get(contact_id).data.with_changes(referred_by_id=contact_id),
        )


def test_update_replaces_fields_emails_phones_and_tags(journal, clock):
    contact_id = add_contact(journal, emails=(email("a@x.example"),), tags=("old",))
    before = journal.contacts.get(contact_id)
    clock.advance(hours=1)
    journal.contacts.update(
        contact_id,
        before.data.with_changes(
            company="Acme", emails=(email("b@x.example", "work"),), tags=("new",)
        ),
    )
    after = journal.contacts.get(contact_id)
    assert after.data.company == "Acme"
    assert after.data.emails == (Labelled("b@x.example", "work"),)
    assert after.data.tags == ("new",)
    assert after.updated_at > before.updated_at
    assert after.created_at == before.created_at


def test_failed_update_keeps_the_stored_contact(journal):
    contact_id = add_contact(journal, company="Acme", emails=(email("a@x.example"),))
    with pytest.raises(ValidationError):
        journal.contacts.update(
            contact_id,
            ContactInput(given_name="", company="Changed", emails=(email("a@x.example"),)),
        )
    assert journal.contacts.get(contact_id).data.company == "Acme"


def test_update_of_missing_contact_is_not_found(journal):
    with pytest.raises(NotFoundError):
        journal.contacts.update(12345, ContactInput(name="A"))


def test_archive_hides_and_restore_brings_back(journal):
    contact_id = add_contact(journal)
    journal.contacts.archive(contact_id)
    assert journal.contacts.get(contact_id).archived
    assert journal.stats().contacts == 0
    assert journal.stats().archived_contacts == 1
    assert journal.contact_list.rows() == []
    journal.contacts.restore(contact_id)
    assert not journal.contacts.get(contact_id).archived
    assert [r.id for r in journal.contact_list.rows()] == [contact_id]


def test_permanent_delete_only_from_the_archive(journal, clock):
    alone = add_contact(journal, "Ana")
    other = add_contact(journal, "Ben")
    solo_call = log_call(journal, alone, when=datetime(2026, 11, 1, 10))
    shared_call = log_call(journal, alone, other, when=datetime(2026, 11, 2, 10))
    with pytest.raises(ValidationError, match="archived"):
        journal.contacts.delete_permanently(alone)
    journal.contacts.archive(alone)
    journal.contacts.delete_permanently(alone)
    with pytest.raises(NotFoundError):
        journal.contacts.get(alone)
    with pytest.raises(NotFoundError):
        journal.conversations.get(solo_call)
    shared = journal.conversations.get(shared_call)
    assert [p.id for p in shared.participants] == [other]


def test_referrals_survive_deleting_the_referrer(journal):
    referrer = add_contact(journal, "Sam")
    referred = add_contact(journal, "Ana", referred_by_id=referrer)
    journal.contacts.archive(referrer)
    journal.contacts.delete_permanently(referrer)
    assert journal.contacts.get(referred).referred_by is None


def test_every_write_notifies_listeners_after_commit(journal):
    seen = []
    journal.subscribe(seen.append)
    contact_id = add_contact(journal)
    with pytest.raises(ValidationError):
        journal.contacts.create(ContactInput())
    journal.contacts.archive(contact_id)
    assert [(c.topic, c.ids) for c in seen] == [
        ("contacts", (contact_id,)),
        ("contacts", (contact_id,)),
    ]


def test_markup_in_names_is_stored_verbatim(journal):
    contact_id = journal.contacts.create(ContactInput(name="<b>x</b><img src=y>"))
    assert journal.contacts.get(contact_id).display_name == "<b>x</b><img src=y>"


def test_sql_in_input_is_only_data(journal):
    name = "Robert'); DROP TABLE contact;--"
    contact_id = journal.contacts.create(ContactInput(name=name))
    assert journal.contacts.get(contact_id).display_name == name
    assert [r.display_name for r in journal.contact_list.rows()] == [name]


def referral_state(journal, contact_id):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT referred_on, thanked_on FROM contact_referral_state WHERE contact_id = ?",
            (contact_id,),
        ).fetchone()


def test_filling_in_referred_by_records_the_referral_date(journal, clock):
    sam = add_contact(journal, "Sam")
    ana = add_contact(journal, "Ana")
    assert referral_state(journal, ana) is None
    clock.advance(days=3)
    journal.contacts.update(ana, journal.contacts.get(ana).data.with_changes(referred_by_id=sam))
    assert referral_state(journal, ana) == ("2026-11-25", None)
    clock.advance(days=1)
    journal.contacts.update(ana, journal.contacts.get(ana).data.with_changes(notes="same referrer"))
    assert referral_state(journal, ana) == ("2026-11-25", None)
    journal.contacts.update(ana, journal.contacts.get(ana).data.with_changes(referred_by_id=None))
    assert referral_state(journal, ana) == (None, None)
    ben = add_contact(journal, "Ben", referred_by_id=sam)
    assert referral_state(journal, ben) == ("2026-11-26", None)
