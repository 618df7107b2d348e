"""What follows the contact field list instead of naming fields itself: the vCard writer and
reader, the Thunderbird, LinkedIn and hand-made CSV headers, the pre-call brief and the
search index's contact entries.

A field that is not in the journal's schema cannot be saved without a revision, so the
writers are handed a throwaway field (``pronouns``) through the module's view of the list;
docs/ARCHITECTURE.md names the files a real new field touches.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from colearn_desktop.core.contact_fields import BY_NAME, FIELDS, TEXT_FIELDS, ContactField, Kind
from colearn_desktop.core.interchange.csv_profiles import LINKEDIN, THUNDERBIRD, guess_targets
from colearn_desktop.core.interchange.formats import ImportFormat
from colearn_desktop.core.interchange.targets import Target, field_for
from colearn_desktop.core.interchange.writers import vcard_export
from colearn_desktop.core.interchange.writers.export_query import (
    ContactSelection,
    ExportRow,
    stream_contacts,
)
from colearn_desktop.core.reports import brief_service
from colearn_desktop.core.reports.brief import as_markdown, as_text
from colearn_desktop.core.storage.search_schema import contact_source_view
from tests.helpers import add_contact

PRONOUNS = ContactField("pronouns", Kind.LINE, "&Pronouns", 80, "Pronouns", vcard="X-PRONOUNS")


def _export_row(journal, **extra) -> ExportRow:
    with journal.db.read_raw() as connection:
        [row] = stream_contacts(connection, journal.settings.get(), ContactSelection())
    return ExportRow({**row._values, **extra})


def test_vcard_writes_a_new_text_field_in_the_property_the_list_names(journal, monkeypatch):
    add_contact(journal, "Ana", "García", company="Estudio; Norte", notes="Likes tea")
    monkeypatch.setattr(vcard_export, "FIELDS", (*FIELDS, PRONOUNS))

    lines = vcard_export.card(_export_row(journal, pronouns="they, them")).splitlines()

    assert "X-PRONOUNS:they\\, them" in lines  # escaped as vCard text
    assert "ORG:Estudio\\; Norte" in lines
    assert "NOTE:Likes tea" in lines


@pytest.mark.parametrize(
    "field",
    [f for f in TEXT_FIELDS if f.vcard and "." not in f.vcard and f.vcard not in {"ADR", "ORG"}],
    ids=lambda f: f.name,
)
def test_each_text_field_s_vcard_property_is_read_into_it(journal, tmp_path, field):
    path = tmp_path / "one.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ørsted;Zoë;;;\r\n"
        f"{field.vcard}:https://zoe.example/{field.name}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )

    report = journal.interchange.import_file(path, ImportFormat.VCARD)

    assert report.imported == 1, report.problems
    [row] = journal.contact_list.rows()
    assert getattr(journal.contacts.get(row.id).data, field.name) == (
        f"https://zoe.example/{field.name}"
    )


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_thunderbird_linkedin_and_hand_made_headers_come_from_the_list(field):
    target = Target(field_for(field))
    for header in field.thunderbird_csv:
        assert THUNDERBIRD.targets([header]) == [target]
    for header in field.linkedin_csv:
        assert LINKEDIN.targets([header]) == [target]
    for header in field.synonyms:
        assert guess_targets([header.title()]) == [target]


def test_the_brief_shows_the_fields_the_list_places_in_it(journal, monkeypatch):
    zoe = add_contact(
        journal, "Zoë", "Ørsted", company="Nordlys", job_title="Founder", notes="Likes *tea*"
    )
    fields = [replace(f, brief=4) if f.name == "notes" else f for f in TEXT_FIELDS]
    monkeypatch.setattr(brief_service, "TEXT_FIELDS", tuple(fields))

    brief = journal.brief.for_contact(zoe)

    assert brief.heading == ("Founder", "Nordlys")
    text = as_text(brief)
    assert "Founder, Nordlys\n" in text
    assert "Notes: Likes *tea*\n" in text
    assert "Notes: Likes \\*tea\\*" in as_markdown(brief)


def test_the_search_entry_of_a_contact_holds_each_field_in_the_column_the_list_names(journal):
    contact = add_contact(journal, "Ana", "García", company="Nordlys", job_title="Founder")
    field = replace(BY_NAME["how_met"], name="pronouns", search="notes")
    view = contact_source_view((*TEXT_FIELDS, field)).replace("search_contact_source", "probe")
    connection = sqlite3.connect(journal.db.path)
    try:
        connection.execute("ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
        connection.execute("UPDATE contact SET pronouns = 'they/them', notes = 'Tea'")
        connection.execute(view)
        row = connection.execute(
            "SELECT company, notes FROM probe WHERE id = ?", (contact,)
        ).fetchone()
    finally:
        connection.close()

    assert row == ("Nordlys · Founder", "Tea · they/them")
