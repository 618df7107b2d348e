"""The contact field list: the record, the schema and every format follow it.

The name prefix and suffix and the profile links were added by touching only the list, one
migration and the editor's layout; these tests prove each of them travels everywhere: the
service, our CSV, Google and Outlook CSV, vCard 3.0 and 4.0, JSON export and import, merges,
and a journal migrated from revision 0007.
"""

from __future__ import annotations

import csv
import dataclasses
import sqlite3
from datetime import datetime

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import (
    FIELDS,
    LABELLED_FIELDS,
    TEXT_FIELDS,
    ContactInput,
    Labelled,
)
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.fulltext.search import SearchKind
from colearn_desktop.core.interchange.formats import ImportFormat
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import head_revision, inspect_file, upgrade
from tests.helpers import add_contact, email

TODAY = datetime(2026, 11, 22, 9, 30)
LINKS = (
    Labelled("https://www.linkedin.com/in/ana-garcia", "linkedin"),
    Labelled("https://ana.design/portfolio", "portfolio"),
)


def fresh(tmp_path, name):
    return open_journal(tmp_path / name / "journal.sqlite3", clock=FixedClock(TODAY))


def add_ana(journal) -> int:
    return add_contact(
        journal,
        "Ana",
        "García",
        name_prefix="Dr.",
        name_suffix="PhD",
        company="Estudio Norte",
        emails=(email("ana@example.com", "work"),),
        website="https://ana.example",
        links=LINKS,
    )


def new_fields(journal, contact_id: int) -> tuple[str, str, tuple[Labelled, ...]]:
    data = journal.contacts.get(contact_id).data
    return data.name_prefix, data.name_suffix, data.links


def only_contact(journal) -> int:
    rows = journal.contact_list.rows()
    assert len(rows) == 1
    return rows[0].id


def test_the_record_and_the_list_name_the_same_fields():
    assert [f.name for f in FIELDS] == [f.name for f in dataclasses.fields(ContactInput)]


def test_every_listed_field_has_its_column_or_table_in_a_journal(journal):
    with journal.db.raw() as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(contact)")}
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {f.column for f in TEXT_FIELDS} <= columns
    assert {f.children.table for f in LABELLED_FIELDS} <= tables


def test_the_service_keeps_prefix_suffix_and_links_tidied(journal):
    contact_id = add_contact(
        journal,
        "Ana",
        "García",
        name_prefix="  Dr.  ",
        name_suffix=" PhD",
        links=(
            Labelled(" https://www.linkedin.com/in/ana-garcia ", " linkedin "),
            Labelled("https://WWW.LINKEDIN.com/in/ana-garcia/", "again"),  # the same link
            Labelled("  ", "empty"),
            LINKS[1],
        ),
    )
    assert new_fields(journal, contact_id) == ("Dr.", "PhD", LINKS)
    # The name shown stays the name: the prefix and suffix are kept beside it.
    assert journal.contacts.get(contact_id).display_name == "Ana García"


def test_a_link_that_is_not_a_web_address_is_refused_with_its_row(journal):
    with pytest.raises(ValidationError) as caught:
        add_contact(journal, "Ana", links=(LINKS[0], Labelled("my linkedin", "linkedin")))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("links[1]", "'my linkedin' is not a web address")
    ]


@pytest.mark.parametrize(
    ("fmt", "version"),
    [("csv", ""), ("google-csv", ""), ("outlook-csv", ""), ("vcard", "3.0"), ("vcard", "4.0")],
)
def test_the_new_fields_survive_export_and_import(journal, tmp_path, fmt, version):
    ana = add_ana(journal)
    path = tmp_path / f"out.{fmt}"
    journal.interchange.export_contacts(path, fmt, vcard_version=version or "4.0")
    other = fresh(tmp_path, f"{fmt}{version}")
    report = other.interchange.import_file(path)
    assert report.imported, report.problems
    assert new_fields(other, only_contact(other)) == new_fields(journal, ana)
    # Nothing of them was left in the notes, and a second import adds nothing.
    assert other.contacts.get(only_contact(other)).data.notes == ""
    again = other.interchange.import_file(path)
    assert (again.new, again.merged, again.skipped) == (0, 0, 1)
    other.close()


def test_our_csv_has_a_column_for_each_new_field(journal, tmp_path):
    add_ana(journal)
    path = tmp_path / "out.csv"
    journal.interchange.export_contacts(path, "csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["Name prefix"], row["Name suffix"]) == ("Dr.", "PhD")
    expected = "https://www.linkedin.com/in/ana-garcia (linkedin); "
    assert row["Links"] == expected + "https://ana.design/portfolio (portfolio)"


def test_google_and_outlook_columns_hold_the_new_fields(journal, tmp_path):
    add_ana(journal)
    google, outlook = tmp_path / "g.csv", tmp_path / "o.csv"
    journal.interchange.export_contacts(google, "google-csv")
    journal.interchange.export_contacts(outlook, "outlook-csv")
    with google.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["Name Prefix"], row["Name Suffix"]) == ("Dr.", "PhD")
    assert (row["Website 1 - Value"], row["Website 2 - Label"]) == (
        "https://ana.example",
        "Linkedin",
    )
    assert row["Website 3 - Value"] == "https://ana.design/portfolio"
    with outlook.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["Title"], row["Suffix"], row["Web Page"]) == ("Dr.", "PhD", "https://ana.example")
    assert row["Notes"].splitlines() == [
        "Link (linkedin): https://www.linkedin.com/in/ana-garcia",
        "Link (portfolio): https://ana.design/portfolio",
    ]


def test_vcard_writes_n_components_and_social_profiles(journal, tmp_path):
    add_ana(journal)
    path = tmp_path / "out.vcf"
    journal.interchange.export_contacts(path, "vcard")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "N:García;Ana;;Dr.;PhD" in lines
    # A label that is a parameter token is written bare (RFC 6350; issue #15).
    assert "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ana-garcia" in lines


def test_files_from_other_programs_fill_the_new_fields(journal, tmp_path):
    google = tmp_path / "google.csv"
    google.write_text(
        "First Name,Last Name,Name Prefix,Name Suffix,E-mail 1 - Label,E-mail 1 - Value,"
        "Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value\r\n"
        "Ana,García,Dr.,PhD,Work,ana@example.com,Homepage,https://ana.example,"
        "Profile,https://www.linkedin.com/in/ana-garcia\r\n",
        encoding="utf-8",
    )
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "Title,First Name,Middle Name,Last Name,Suffix,E-mail Address,Web Page,"
        "Personal Web Page\r\n"
        "Mr.,Ben,,Okafor,Jr.,ben@example.com,https://ben.example,https://ben.blog\r\n",
        encoding="utf-8",
    )
    vcard = tmp_path / "apple.vcf"
    vcard.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ørsted;Zoë;;Prof.;MBA\r\nFN:Zoë Ørsted\r\n"
        "URL:https://zoe.example\r\n"
        "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/zoe\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    for path, fmt in (
        (google, ImportFormat.GOOGLE_CSV),
        (outlook, ImportFormat.OUTLOOK_CSV),
        (vcard, ImportFormat.VCARD),
    ):
        report = journal.interchange.import_file(path, fmt)
        assert report.imported, report.problems
    found = {
        row.display_name: (*new_fields(journal, row.id), journal.contacts.get(row.id).data.website)
        for row in journal.contact_list.rows()
    }
    assert found == {
        "Ana García": (
            "Dr.",
            "PhD",
            (Labelled("https://www.linkedin.com/in/ana-garcia", "profile"),),
            "https://ana.example",
        ),
        "Ben Okafor": (
            "Mr.",
            "Jr.",
            (Labelled("https://ben.blog", "personal"),),
            "https://ben.example",
        ),
        "Zoë Ørsted": (
            "Prof.",
            "MBA",
            (Labelled("https://www.linkedin.com/in/zoe", "linkedin"),),
            "https://zoe.example",
        ),
    }


def test_json_export_restores_and_imports_the_new_fields(journal, tmp_path):
    ana = add_ana(journal)
    path = tmp_path / "journal.json"
    journal.interchange.export_journal(path)
    empty = fresh(tmp_path, "empty")
    assert empty.interchange.import_file(path).imported
    assert new_fields(empty, ana) == new_fields(journal, ana)
    used = fresh(tmp_path, "used")
    add_contact(used, "Zoë", "Ørsted")
    report = used.interchange.import_file(path)
    assert report.new == 1
    imported = next(r.id for r in used.contact_list.rows() if r.display_name == "Ana García")
    assert new_fields(used, imported) == new_fields(journal, ana)
    empty.close()
    used.close()


def test_a_merge_fills_the_new_fields_and_undo_takes_them_back(journal, tmp_path):
    ana = add_contact(journal, "Ana", "García", emails=(email("ana@example.com"),))
    source = fresh(tmp_path, "source")
    add_ana(source)
    path = tmp_path / "ana.csv"
    source.interchange.export_contacts(path, "csv")
    report = journal.interchange.import_file(path)
    assert report.merged == 1
    assert new_fields(journal, ana) == ("Dr.", "PhD", LINKS)
    journal.interchange.undo(report.batch_id)
    assert new_fields(journal, ana) == ("", "", ())
    source.close()


def make_0007_journal(path):
    engine = create_journal_engine(path)
    upgrade(engine, path, target="0007")
    engine.dispose()
    stamp = "2026-01-01 09:00:00.000000"
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO contact (id, given_name, family_name, display_name, sort_name, "
            "website, created_at, updated_at) "
            "VALUES (1, 'Ana', 'García', 'Ana García', 'ana garcia', 'https://ana.example', ?, ?)",
            (stamp, stamp),
        )
        connection.execute(
            "INSERT INTO contact_email (contact_id, label, address, address_key, position) "
            "VALUES (1, 'work', 'ana@example.com', 'ana@example.com', 0)"
        )
    connection.close()


def test_a_journal_from_revision_0007_keeps_its_data_and_gains_the_fields(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_0007_journal(path)
    journal = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    try:
        assert inspect_file(path).revision == head_revision()
        detail = journal.contacts.get(1)
        assert detail.display_name == "Ana García"
        assert detail.data.website == "https://ana.example"
        assert detail.data.emails == (Labelled("ana@example.com", "work"),)
        assert (detail.data.name_prefix, detail.data.name_suffix, detail.data.links) == ("", "", ())
        journal.contacts.update(1, detail.data.with_changes(name_prefix="Dr.", links=LINKS))
        assert new_fields(journal, 1) == ("Dr.", "", LINKS)
        assert journal.check() == []
    finally:
        journal.close()


def test_search_finds_a_contact_by_a_link_as_the_list_says(journal):
    ana = add_ana(journal)
    ben = add_contact(journal, "Ben", "Okafor", notes="no links")
    assert [h.item_id for h in journal.search.search("portfolio").hits(SearchKind.CONTACT)] == [ana]
    detail = journal.contacts.get(ana)
    journal.contacts.update(ana, detail.data.with_changes(links=()))
    assert journal.search.search("portfolio").hits(SearchKind.CONTACT) == []
    # The name prefix is not indexed (the list gives it no search column).
    assert journal.search.search("PhD").hits(SearchKind.CONTACT) == []
    assert journal.search.search("okafor").hits(SearchKind.CONTACT)[0].item_id == ben


def _search_schema(connection) -> dict[str, str]:
    rows = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') "
        "AND name LIKE 'search_%'"
    )
    return {name: " ".join(sql.split()) for name, sql in rows}


def test_migrations_give_the_search_schema_the_field_list_generates(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_0007_journal(path)
    migrated = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    with migrated.db.read_raw() as connection:
        before = _search_schema(connection)
    migrated.search.rebuild_index()  # from search_schema's CURRENT, read from the list
    with migrated.db.read_raw() as connection:
        after = _search_schema(connection)
    migrated.close()
    assert "search_contact_link_ai" in after
    assert before == after
