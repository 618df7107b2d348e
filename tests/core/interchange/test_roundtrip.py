"""Export -> import gives back what was written: JSON losslessly, CSV and vCard field by field,
Google and Outlook CSV through our own importer."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Birthday, ContactInput, Labelled
from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.interchange.values import neutralise, unneutralise
from colearn_desktop.core.interchange.writers.csv_export import CsvOptions
from colearn_desktop.core.interchange.writers.export_query import ContactSelection
from colearn_desktop.core.opening import open_journal
from tests.helpers import add_contact, email

TODAY = datetime(2026, 11, 22, 9, 30)


def rich(journal):
    ana = add_contact(
        journal,
        "Ana",
        "García",
        company="Estudio =Norte, S.L.",
        job_title="-Designer",
        emails=(email("ana@example.com", "work"), email("ana@home.example", "home")),
        phones=(Labelled("+34 600 123 456", "mobile"), Labelled("(905) 555-1234", "")),
        address="Calle Mayor 1\n28013 Madrid",
        website="https://ana.example",
        birthday=Birthday(2, 29),
        stage=Stage.HELP,
        cadence_days=30,
        how_met="Conference; Lisbon, 2024",
        notes='Long notes "quoted", with; commas\nand lines\n' + "x" * 40_000,
        tags=("client", "design"),
    )
    add_contact(
        journal,
        "",
        "",
        name="李小龍",
        emails=(email("li@example.cn"),),
        referred_by_id=ana,
        birthday=Birthday(5, 17, 1980),
        tags=("friend",),
    )
    return ana


def snapshot(journal):
    result = {}
    for row in journal.contact_list.rows():
        d = journal.contacts.get(row.id)
        data = d.data
        result[d.display_name] = (
            data.company,
            data.job_title,
            [(e.value, e.label) for e in data.emails],
            [p.value for p in data.phones],
            data.address,
            data.website,
            data.birthday,
            data.stage,
            data.cadence_days,
            data.how_met,
            data.notes,
            data.tags,
            d.referred_by.display_name if d.referred_by else None,
        )
    return result


def test_json_export_restores_every_table_into_an_empty_journal(journal, tmp_path, fresh):
    generate_demo(journal, contacts=60, conversations_per_contact=3, seed=7)
    rich(journal)
    first = tmp_path / "a.json"
    counts = journal.interchange.export_journal(first)
    assert counts["contact"] == 62
    assert counts["conversation"] == 180
    other = fresh("empty")
    report = other.interchange.import_file(first)
    assert report.imported
    assert report.restored["contact"] == 62
    second = tmp_path / "b.json"
    other.interchange.export_journal(second)
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    assert a["tables"] == b["tables"]
    assert other.check() == []
    other.close()


def test_json_restore_can_be_undone_and_into_a_used_journal_only_contacts_come(
    journal, tmp_path, fresh
):
    generate_demo(journal, contacts=10, conversations_per_contact=2, seed=2)
    path = tmp_path / "a.json"
    journal.interchange.export_journal(path)
    other = fresh("o")
    batch = other.interchange.import_file(path).batch_id
    other.interchange.undo(batch)
    assert other.stats().contacts == 0
    assert other.stats().conversations == 0
    add_contact(other, "Zoë", "Ørsted")
    report = other.interchange.import_file(path)
    assert report.new == 10
    assert other.stats().conversations == 0
    assert any("only the contacts" in p.message for p in report.problems)
    other.close()


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_our_csv_and_vcard_give_back_every_field(journal, tmp_path, fmt, fresh):
    rich(journal)
    path = tmp_path / f"out.{fmt}"
    assert journal.interchange.export_contacts(path, fmt) == 2
    other = fresh(fmt)
    report = other.interchange.import_file(path)
    assert report.imported, report.problems
    assert report.new == 2
    assert snapshot(other) == snapshot(journal)
    # Importing it once more adds nothing.
    again = other.interchange.import_file(path)
    assert (again.new, again.merged, again.skipped) == (0, 0, 2)
    other.close()


def test_vcard_3_photos_and_yearless_birthdays(journal, tmp_path, fresh):
    ana = rich(journal)
    with journal.db.raw() as connection:
        connection.execute(
            "INSERT INTO contact_photo VALUES (?, 'image/png', ?)", (ana, b"\x89PNG-bytes")
        )
    path = tmp_path / "out.vcf"
    journal.interchange.export_contacts(path, "vcard", vcard_version="3.0")
    text = path.read_bytes().decode("utf-8")
    assert "VERSION:3.0" in text
    assert "1604-02-29" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    other = fresh("v3")
    other.interchange.import_file(path)
    assert snapshot(other) == snapshot(journal)
    with other.db.read_raw() as connection:
        assert (
            connection.execute("SELECT data FROM contact_photo").fetchone()[0] == b"\x89PNG-bytes"
        )
    other.close()


@pytest.mark.parametrize("fmt", ["google-csv", "outlook-csv"])
def test_google_and_outlook_exports_reimport(journal, tmp_path, fmt, fresh):
    rich(journal)
    path = tmp_path / f"out-{fmt}.csv"
    journal.interchange.export_contacts(path, fmt)
    source = journal.interchange.inspect(path)
    assert source.format.value == fmt
    other = fresh(fmt)
    report = other.interchange.import_file(path)
    assert report.imported
    assert report.new == 2
    ana = other.contacts.get(
        next(r.id for r in other.contact_list.rows() if "Ana" in r.display_name)
    )
    assert ana.display_name == "Ana García"
    assert [e.value for e in ana.data.emails] == ["ana@example.com", "ana@home.example"]
    assert [p.value for p in ana.data.phones][:1] == ["+34 600 123 456"]
    assert ana.data.company == "Estudio =Norte, S.L."
    assert ana.data.job_title == "-Designer"
    assert set(ana.data.tags) == {"client", "design"}
    assert ana.data.notes.startswith('Long notes "quoted"')
    # Outlook has no year-less birthday: the export notes it, the import reads it back.
    assert ana.data.birthday == Birthday(2, 29)
    assert "Birthday" not in ana.data.notes
    # Re-importing into the journal it came from changes nothing.
    again = journal.interchange.import_file(path)
    assert (again.new, again.merged) == (0, 0)
    other.close()


def test_csv_is_excel_safe_with_bom_and_rfc4180_by_default(journal, tmp_path):
    add_contact(journal, "=cmd|' /C calc'!A0", "Smith", company="@SUM(1+1)", notes="+1 call")
    path = tmp_path / "out.csv"
    journal.interchange.export_contacts(path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, row = rows[0], rows[1]
    cell = dict(zip(header, row, strict=True))
    assert cell["Given name"] == "'=cmd|' /C calc'!A0"
    assert cell["Company"] == "'@SUM(1+1)"
    assert cell["Notes"] == "'+1 call"
    plain = tmp_path / "plain.csv"
    journal.interchange.export_contacts(
        plain, "csv", options=CsvOptions(excel_safe=False, bom=False)
    )
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "=cmd|" in plain.read_text(encoding="utf-8").splitlines()[1][:6]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@foo", "'@foo"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_injection_cases(cell, safe):
    assert neutralise(cell) == safe
    assert unneutralise(safe) == cell


def test_export_by_tag_and_by_filtered_list(journal, tmp_path):
    from colearn_desktop.core.people.contact_list import ContactQuery

    rich(journal)
    add_contact(journal, "Bob", "Brown")
    path = tmp_path / "t.csv"
    assert journal.interchange.export_contacts(path, "csv", ContactSelection(tag="Friend")) == 1
    query = ContactQuery(text="ana")
    assert journal.interchange.export_contacts(path, "csv", ContactSelection(query=query)) == 1
    assert "Ana" in path.read_text(encoding="utf-8-sig")


_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from([",", '"', "\n", ";", "'", "=", "+", "-", "@", "\t"]),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=_text, notes=_text, job=_text, excel=st.booleans())
def test_csv_round_trip_of_arbitrary_text(
    tmp_path_factory, new_journal_file, company, notes, job, excel
):
    folder = tmp_path_factory.mktemp("prop")
    source = open_journal(new_journal_file(folder / "a" / "j.sqlite3"), clock=FixedClock(TODAY))
    target = open_journal(new_journal_file(folder / "b" / "j.sqlite3"), clock=FixedClock(TODAY))
    try:
        source.contacts.create(
            ContactInput(given_name="Pat", company=company, job_title=job, notes=notes)
        )
        path = folder / "x.csv"
        source.interchange.export_contacts(path, "csv", options=CsvOptions(excel_safe=excel))
        report = target.interchange.import_file(path)
        assert report.imported, report.problems
        assert snapshot(target) == snapshot(source)
    finally:
        source.close()
        target.close()
