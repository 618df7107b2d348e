"""The live vdir among the live outputs: listed first, so a birthday changed on the phone is
in the calendar file of the same refresh; a second refresh finds nothing; a tag gone is a
sentence, not an empty phone."""

from __future__ import annotations

from datetime import date

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.interchange.live.configured import configured_outputs
from colearn_desktop.core.interchange.live.outputs import refresh_outputs
from colearn_desktop.core.storage.local_settings import LocalSettings


def test_a_birthday_changed_on_the_phone_reaches_the_calendar_file_at_once(journal, tmp_path):
    ana = journal.contacts.create(ContactInput(given_name="Ana", birthday=date(1990, 5, 1)))
    settings = LocalSettings(journal.path.parent)
    contacts, calendar = tmp_path / "contacts", tmp_path / "calendar"
    settings.set_vdir_folders((contacts, calendar))
    settings.set_calendar_file(tmp_path / "colearn.ics")
    outputs = configured_outputs(journal.path.parent)
    assert [output.name for output in outputs] == ["vdir", "calendar file"]
    refresh_outputs(outputs, journal)
    [card] = contacts.glob("*.vcf")
    card.write_bytes(card.read_bytes().replace(b"BDAY:1990-05-01", b"BDAY:1990-06-12"))

    vdir, calendar_file = refresh_outputs(configured_outputs(journal.path.parent), journal)
    assert vdir.ok
    assert vdir.message.startswith("1 contact(s) changed and 0 added from the phone; ")
    assert vdir.message.endswith(f"Ana: Birthday changed in the vdir ({card.name}).")
    birthday = journal.contacts.get(ana).data.birthday
    assert (birthday.year, birthday.month, birthday.day) == (1990, 6, 12)
    assert calendar_file.ok
    assert b"DTSTART;VALUE=DATE:19900612" in (tmp_path / "colearn.ics").read_bytes()

    vdir, _ = refresh_outputs(configured_outputs(journal.path.parent), journal)
    assert vdir.message.startswith("Nothing came back from the phone; 0 file(s) written, ")


def test_a_tag_gone_is_a_sentence_and_the_vdir_is_left_as_it_was(journal, tmp_path):
    journal.contacts.create(ContactInput(given_name="Ana", tags=("phone",)))
    settings = LocalSettings(journal.path.parent)
    contacts = tmp_path / "contacts"
    settings.set_vdir_folders((contacts, tmp_path / "calendar"))
    settings.set_vdir_tag("phone")
    refresh_outputs(configured_outputs(journal.path.parent), journal)
    journal.tags.delete(journal.tags.named("phone").id)
    [result] = refresh_outputs(configured_outputs(journal.path.parent), journal)
    assert not result.ok
    assert result.message.startswith("The vdir could not be updated: tag: there is no tag ")
    assert len(list(contacts.glob("*.vcf"))) == 1
