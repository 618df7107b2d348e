"""The journal's duplicate finder: groups read from the journal, "not the same person"
remembered (and undoable), and the check a new contact goes through."""

from __future__ import annotations

import sqlite3

import pytest

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.errors import ValidationError
from tests.helpers import add_contact, email


def test_groups_name_each_member_with_company_and_first_email(journal):
    ana = add_contact(journal, "Ana", "García", company="Acme", emails=(email("Ana@X.org "),))
    other = add_contact(journal, "Ana", "Lopez", emails=(email("second@y.org"), email("ana@x.org")))
    add_contact(journal, "Bo", "Lind")
    [group] = journal.duplicates.groups()
    assert [(m.id, m.name, m.company, m.email) for m in group.members] == [
        (ana, "Ana García", "Acme", "Ana@X.org"),
        (other, "Ana Lopez", "", "second@y.org"),
    ]
    assert [str(r) for r in group.reasons()] == ["same e-mail (ana@x.org)"]


def test_archived_contacts_are_left_out(journal):
    first = add_contact(journal, "Ana", "García")
    add_contact(journal, "García", "Ana")
    journal.contacts.archive(first)
    assert journal.duplicates.groups() == []


def test_phone_numbers_are_read_in_the_journal_phone_region(journal):
    add_contact(journal, "Ana", "A", phones=(Labelled("020 7946 0958"),))
    add_contact(journal, "Bo", "B", phones=(Labelled("+44 20 7946 0958"),))
    journal.settings.update(phone_region="US")
    assert journal.duplicates.groups() == []
    journal.settings.update(phone_region="GB")
    [group] = journal.duplicates.groups()
    assert [str(r) for r in group.reasons()] == ["same phone (+442079460958)"]


def test_an_unknown_phone_region_is_refused_naming_the_setting(journal):
    with pytest.raises(ValidationError) as refused:
        journal.settings.update(phone_region="XX")
    assert "phone_region" in str(refused.value)
    assert journal.settings.get().phone_region == ""


def test_not_the_same_person_is_remembered_and_undoable(journal):
    ana = add_contact(journal, "Ana", "García")
    twin = add_contact(journal, "García", "Ana")
    journal.duplicates.mark_not_same(twin, ana)
    assert journal.duplicates.groups() == []
    assert journal.duplicates.not_same_pairs() == [(ana, twin)]
    assert journal.undo.next_undo().label == (
        "Mark García Ana and Ana García as not the same person"
        if twin < ana
        else "Mark Ana García and García Ana as not the same person"
    )
    journal.undo.undo()
    assert [g.members[0].id for g in journal.duplicates.groups()] == [ana]
    journal.duplicates.mark_not_same(ana, twin)
    journal.duplicates.unmark_not_same(twin, ana)
    assert len(journal.duplicates.groups()) == 1


def test_the_mark_is_one_row_per_pair_and_goes_with_a_deleted_contact(journal):
    ana = add_contact(journal, "Ana", "García")
    twin = add_contact(journal, "García", "Ana")
    journal.duplicates.mark_not_same(ana, twin)
    journal.duplicates.mark_not_same(twin, ana)
    assert journal.duplicates.not_same_pairs() == [(ana, twin)]
    with sqlite3.connect(journal.path) as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO not_same_person VALUES (?, ?, '2026-01-01')", (twin, ana))
    journal.contacts.archive(twin)
    journal.contacts.delete_permanently(twin)
    assert journal.duplicates.not_same_pairs() == []
    assert journal.check() == []


def test_marking_names_what_is_wrong(journal):
    ana = add_contact(journal, "Ana", "García")
    with pytest.raises(ValidationError, match="named twice"):
        journal.duplicates.mark_not_same(ana, ana)
    with pytest.raises(ValidationError, match="#999 is not a contact of this journal"):
        journal.duplicates.mark_not_same(ana, 999)


def test_a_new_contact_is_checked_against_the_journal(journal):
    ana = add_contact(journal, "Émile", "Zola-Durand", company="Acme")
    bo = add_contact(journal, "Bo", "Lind", emails=(email("bo@lind.example"),))
    add_contact(journal, "Chen", "Ng")
    found = journal.duplicates.likely_duplicates_of(ContactInput(name="Zola-Durand, Emile"))
    assert [(d.contact_id, d.name, [str(r) for r in d.reasons]) for d in found] == [
        (ana, "Émile Zola-Durand", ["same name"])
    ]
    found = journal.duplicates.likely_duplicates_of(
        ContactInput(given_name="Robert", emails=(email("BO@lind.example"),))
    )
    assert [(d.contact_id, d.score) for d in found] == [(bo, 100)]
    similar = ContactInput(given_name="Emil", family_name="Zola-Durand", company="ACME")
    assert [d.contact_id for d in journal.duplicates.likely_duplicates_of(similar)] == [ana]
    assert journal.duplicates.likely_duplicates_of(ContactInput(given_name="Dee")) == []
