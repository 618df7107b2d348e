"""The vdir as a phone sees it: written, edited there (vCard 3.0 as DAVx5 and iOS write it),
read back as a change of the contact, one undo step, with a report of what changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.interchange.vdir import read_vdir_changes, write_vdir
from colearn_desktop.core.journal import Journal


def _ana(journal: Journal) -> int:
    return journal.contacts.create(
        ContactInput(
            given_name="Ana",
            family_name="García",
            phones=(Labelled("+34 600 111 222", "mobile"),),
            emails=(Labelled("ana@example.com", "work"),),
            notes="Met at the Lisbon fair.",
            stage=Stage.SHOP,
            tags=("phone",),
        )
    )


def _uid(journal: Journal, contact_id: int) -> str:
    with journal.db.read_raw() as connection:
        return str(
            connection.execute("SELECT uid FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]
        )


def _fold(line: str, at: int) -> str:
    return line[:at] + "\r\n " + line[at:]


def _davx5_card(uid: str, phone: str, note: str) -> bytes:
    """A card as DAVx5 (ez-vcard) writes it back: vCard 3.0, its own PRODID, properties in
    another order, upper-case types, a long note folded mid-word, our X- property kept."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:ez-vcard 0.11.3",
        f"UID:urn:uuid:{uid}",
        "FN:Ana García",
        "N:García;Ana;;;",
        f"TEL;TYPE=CELL:{phone}",
        "EMAIL;TYPE=INTERNET,WORK:ana@example.com",
        _fold(f"NOTE:{note}", 40),
        "CATEGORIES:phone",
        "X-COLEARN-STAGE:shop",
        "REV:20261122T101500Z",
        "END:VCARD",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _ios_card(uid: str, phone: str) -> bytes:
    """As iOS writes it: bare UID, item groups, and none of our X- properties."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
        "N:García;Ana;;;",
        "FN:Ana García",
        "EMAIL;type=INTERNET;type=WORK;type=pref:ana@example.com",
        f"item1.TEL;type=CELL;type=VOICE;type=pref:{phone}",
        "NOTE:Met at the Lisbon fair.",
        "CATEGORIES:phone",
        f"UID:{uid.upper()}",
        "END:VCARD",
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "vdir" / "contacts", tmp_path / "vdir" / "calendar"


def test_a_card_edited_on_the_phone_changes_the_contact(journal: Journal, folders) -> None:
    contacts, calendar = folders
    ana = _ana(journal)
    uid = _uid(journal, ana)
    write_vdir(journal, contacts, calendar, None)
    card = contacts / f"{uid}.vcf"
    assert b"TEL;TYPE=cell:+34 600 111 222" in card.read_bytes()

    long_note = "Met at the Lisbon fair. Wants a quote for the spring catalogue, call after 10."
    card.write_bytes(_davx5_card(uid, "+34 699 000 111", long_note))
    report = read_vdir_changes(journal, contacts)

    data = journal.contacts.get(ana).data
    assert data.phones == (Labelled("+34 699 000 111", "mobile"),)
    assert data.notes == long_note
    assert data.stage is Stage.SHOP
    assert data.emails == (Labelled("ana@example.com", "work"),)
    assert report.changed == 1
    assert report.added == 0
    assert report.lines == [f"Ana García: Phone, Notes changed in the vdir ({uid}.vcf)."]
    # One undo step takes the whole pass back.
    journal.undo.undo()
    assert journal.contacts.get(ana).data.phones == (Labelled("+34 600 111 222", "mobile"),)


def test_a_phone_dropping_our_properties_clears_nothing(journal: Journal, folders) -> None:
    contacts, calendar = folders
    ana = _ana(journal)
    journal.contacts.update(ana, journal.contacts.get(ana).data.with_changes(how_met="A fair"))
    uid = _uid(journal, ana)
    write_vdir(journal, contacts, calendar, None)
    (contacts / f"{uid}.vcf").write_bytes(_ios_card(uid, "+34 611 222 333"))

    report = read_vdir_changes(journal, contacts)

    data = journal.contacts.get(ana).data
    assert data.phones == (Labelled("+34 611 222 333", "mobile"),)
    assert (data.stage, data.how_met) == (Stage.SHOP, "A fair")
    assert report.lines == [f"Ana García: Phone changed in the vdir ({uid}.vcf)."]


def test_an_edit_here_survives_a_phone_edit_of_another_field(journal: Journal, folders) -> None:
    contacts, calendar = folders
    ana = _ana(journal)
    uid = _uid(journal, ana)
    write_vdir(journal, contacts, calendar, None)
    edited_here = journal.contacts.get(ana).data.with_changes(notes="Now a client.")
    journal.contacts.update(ana, edited_here)
    (contacts / f"{uid}.vcf").write_bytes(
        _davx5_card(uid, "+34 699 000 111", "Met at the Lisbon fair.")
    )

    read_vdir_changes(journal, contacts)

    data = journal.contacts.get(ana).data
    assert (data.notes, data.phones[0].value) == ("Now a client.", "+34 699 000 111")


def test_a_new_card_becomes_a_contact_and_keeps_its_uid(journal: Journal, folders) -> None:
    contacts, calendar = folders
    write_vdir(journal, contacts, calendar, None)
    phone_uid = "6f1c2b1e-8a53-4b7e-9a51-2f0c3d4e5a6b"
    new = (
        _davx5_card(phone_uid, "+1 555 0100", "Added on the phone.")
        .replace(b"Ana Garc\xc3\xada", b"Sam Lee")
        .replace(b"Garc\xc3\xada;Ana", b"Lee;Sam")
    )
    (contacts / "from-phone.vcf").write_bytes(new)

    report = read_vdir_changes(journal, contacts)
    sam = journal.contacts.resolve_uid(phone_uid)

    assert sam is not None
    assert journal.contacts.get(sam).display_name == "Sam Lee"
    assert report.added == 1
    assert report.lines == ["Sam Lee was added from from-phone.vcf, a new card in the vdir."]
    # Written back under the phone's file name, not as a second card of the same person.
    write_vdir(journal, contacts, calendar, None)
    assert sorted(p.name for p in contacts.iterdir()) == ["from-phone.vcf"]
    assert read_vdir_changes(journal, contacts).lines == []


def test_a_deleted_card_deletes_no_contact(journal: Journal, folders) -> None:
    contacts, calendar = folders
    ana = _ana(journal)
    uid = _uid(journal, ana)
    write_vdir(journal, contacts, calendar, None)
    (contacts / f"{uid}.vcf").unlink()

    report = read_vdir_changes(journal, contacts)

    assert journal.contacts.get(ana).archived_at is None
    assert report.lines[0].startswith(f"{uid}.vcf was deleted in the vdir; Ana García was kept")
    assert write_vdir(journal, contacts, calendar, None).written == 1


def test_only_changed_files_are_written_and_foreign_ones_stay(journal: Journal, folders) -> None:
    contacts, calendar = folders
    ana = _ana(journal)
    sam = journal.contacts.create(ContactInput(given_name="Sam"))
    journal.reminders.add(ReminderInput("Send the quote", date(2026, 11, 25), ana))
    first = write_vdir(journal, contacts, calendar, None)
    # Two cards; the reminder and both keep-in-touch dates.
    assert (first.written, len(list(calendar.glob("*.ics")))) == (5, 3)
    (contacts / "someone-else.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n")
    (calendar / "khal-event.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    stamps = {p: p.stat().st_mtime_ns for p in calendar.iterdir()}

    journal.contacts.update(sam, ContactInput(given_name="Sam", notes="Prefers e-mail."))
    again = write_vdir(journal, contacts, calendar, None)

    assert (again.written, again.unchanged, again.removed) == (1, 4, 0)
    assert {p: p.stat().st_mtime_ns for p in calendar.iterdir()} == stamps
    only_tagged = write_vdir(journal, contacts, calendar, "phone")
    assert only_tagged.removed == 1
    assert sorted(p.name for p in contacts.iterdir()) == sorted(
        [
            "someone-else.vcf",
            f"{_uid(journal, ana)}.vcf",
        ]
    )


def test_the_same_folder_for_both_is_refused(journal: Journal, tmp_path: Path) -> None:
    from colearn_desktop.core.errors import ValidationError

    with pytest.raises(ValidationError, match="two folders"):
        write_vdir(journal, tmp_path, tmp_path, None)


def test_a_new_card_in_a_tagged_vdir_gets_the_tag_and_stays(journal: Journal, folders) -> None:
    contacts, calendar = folders
    journal.contacts.create(ContactInput(given_name="Bo", tags=("Phone",)))
    write_vdir(journal, contacts, calendar, "phone")
    card = _ios_card("0b9d3f4e-1c2a-4e5f-8a6b-7c8d9e0f1a2b", "+1 555 0101")
    (contacts / "new.vcf").write_bytes(card.replace(b"CATEGORIES:phone\n", b""))

    read_vdir_changes(journal, contacts)
    write_vdir(journal, contacts, calendar, "phone")

    ana = journal.contacts.resolve_uid("0b9d3f4e-1c2a-4e5f-8a6b-7c8d9e0f1a2b")
    assert ana is not None
    assert journal.contacts.get(ana).data.tags == ("Phone",)
    assert (contacts / "new.vcf").exists()
    assert len(list(contacts.iterdir())) == 2


def test_a_card_that_cannot_be_read_is_named_and_changes_nothing(journal: Journal, folders) -> None:
    contacts, calendar = folders
    write_vdir(journal, contacts, calendar, None)
    (contacts / "broken.vcf").write_bytes(b"\xff\xfe not a card")

    report = read_vdir_changes(journal, contacts)

    assert report.lines == [
        f"{contacts / 'broken.vcf'} was not read (it is not UTF-8 text (byte 1 is not), "
        "as a vCard in a vdir must be); the file and the journal were left as they were."
    ]
    assert journal.stats().contacts == 0


def test_a_tag_that_is_gone_empties_nothing(journal: Journal, folders) -> None:
    from colearn_desktop.core.errors import ValidationError

    contacts, calendar = folders
    _ana(journal)
    write_vdir(journal, contacts, calendar, "phone")
    [tag] = journal.tags.all()
    journal.tags.rename(tag.id, "mobile")

    with pytest.raises(ValidationError, match="no tag called 'phone'; nothing was written"):
        write_vdir(journal, contacts, calendar, "phone")
    assert len(list(contacts.glob("*.vcf"))) == 1
