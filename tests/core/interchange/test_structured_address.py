"""Postal addresses in parts, from every reader to every writer and back (issue #15): Google's
parts win over its "Formatted" cell, vCard's seven ADR components, a LABEL-only address, a
broken vCard 4 ``LABEL=`` parameter; name prefix and suffix; vCard properties without a field
kept in the notes and named."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from colearn_desktop.core.contact_fields import Birthday
from colearn_desktop.core.postal_address import PostalAddress, address_of, format_address
from tests.helpers import add_contact

SAMPLES = Path(__file__).parents[2] / "samples"
SPRINGFIELD = PostalAddress(
    "742 Evergreen Terrace", "Springfield", "IL", "62701", "United States", "home"
)


def by_name(journal):
    return {
        row.display_name: journal.contacts.get(row.id).data for row in journal.contact_list.rows()
    }


def imported(journal, path):
    report = journal.interchange.import_file(path)
    assert report.imported, report.problems
    assert report.errors == 0, report.problems
    return report, by_name(journal)


def test_google_parts_win_over_the_formatted_cell(journal):
    _, people = imported(journal, SAMPLES / "csv/google_address_parts.csv")
    lisa = people["Lisa Simpson"]
    assert address_of(lisa) == SPRINGFIELD
    assert (lisa.name_prefix, lisa.name_suffix) == ("Dr.", "Jr.")
    hans = people["Hans Müller"]
    # The extended address is a street line; postal code and country are kept.
    assert address_of(hans) == PostalAddress(
        "Hauptstr. 1\nAufgang B", "Berlin", "", "10115", "Germany", "work"
    )
    assert hans.birthday == Birthday(5, 21)


def test_vcard_adr_keeps_all_seven_components_and_the_name_parts(journal):
    _, people = imported(journal, SAMPLES / "vcard/adr_all_components.vcf")
    ed = people["Ed Parker"]
    assert address_of(ed) == PostalAddress(
        "100 Main Street\nSuite 400\nPO Box 12", "Springfield", "IL", "62701", "USA", "work"
    )
    assert (ed.name_prefix, ed.name_suffix) == ("Mr.", "Jr.")


def test_an_address_given_only_as_label_is_kept(journal):
    _, people = imported(journal, SAMPLES / "vcard/evolution_label_only.vcf")
    agathe = people["Agathe Dupont"]
    assert agathe.address == "12 rue des Lilas\n75011 Paris\nFrance"
    assert agathe.address_label == "home"


def test_a_broken_label_parameter_leaves_no_debris(journal):
    report, people = imported(journal, SAMPLES / "vcard/v4_adr_broken_label.vcf")
    bernd = people["Bernd Hagen"]
    assert address_of(bernd) == PostalAddress(
        "Hauptstr. 1", "Berlin", "", "10115", "Germany", "work"
    )
    clara = people["Clara Hagen"]  # the quote of LABEL="… never closes
    assert address_of(clara) == PostalAddress(
        "Ring 5", "München", "Bayern", "80331", "Deutschland", "home"
    )
    dora = people["Dora Lang"]  # only the LABEL parameter, its ^n decoded (RFC 6868)
    assert dora.address == "Am Markt 3\n04109 Leipzig\nDeutschland"
    for person in people.values():
        text = repr(address_of(person))
        for debris in ("BHG0", "^n", ":"):
            assert debris not in text
    # Prefix and suffix from N; GENDER, TZ, GEO, LANG in the notes, and the report says so.
    assert (bernd.name_prefix, bernd.name_suffix) == ("Prof. Dr.", "MdB")
    for line in ("Gender: M", "Time zone: Europe/Berlin", "Location: geo:52.52,13.405",
                 "Language: de"):  # fmt: skip
        assert line in bernd.notes
    assert any(
        "kept in the notes" in str(p) and "GENDER, GEO, LANG, TZ" in str(p) for p in report.problems
    )


def _google_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("fmt", ["google-csv", "outlook-csv", "vcard", "csv"])
def test_google_csv_round_trip_keeps_the_structured_address(journal, tmp_path, fmt, fresh):
    imported(journal, SAMPLES / "csv/google_address_parts.csv")
    path = tmp_path / f"out.{fmt}"
    journal.interchange.export_contacts(path, fmt)
    other = fresh(fmt)
    _, people = imported(other, path)
    assert address_of(people["Lisa Simpson"]) == SPRINGFIELD
    hans = address_of(people["Hans Müller"])
    assert (hans.city, hans.postal_code, hans.country) == ("Berlin", "10115", "Germany")
    assert (people["Lisa Simpson"].name_prefix, people["Lisa Simpson"].name_suffix) == (
        "Dr.",
        "Jr.",
    )
    other.close()


def test_exports_write_the_parts_in_each_programs_columns(journal, tmp_path):
    imported(journal, SAMPLES / "csv/google_address_parts.csv")
    google, outlook, vcard = tmp_path / "g.csv", tmp_path / "o.csv", tmp_path / "c.vcf"
    journal.interchange.export_contacts(google, "google-csv")
    journal.interchange.export_contacts(outlook, "outlook-csv")
    journal.interchange.export_contacts(vcard, "vcard")
    lisa = next(r for r in _google_rows(google) if r["First Name"] == "Lisa")
    assert (lisa["Address 1 - Street"], lisa["Address 1 - City"]) == (
        "742 Evergreen Terrace",
        "Springfield",
    )
    assert (lisa["Address 1 - Region"], lisa["Address 1 - Postal Code"]) == ("IL", "62701")
    assert lisa["Address 1 - Country"] == "United States"
    assert lisa["Address 1 - Label"] == "Home"
    assert lisa["Address 1 - Formatted"] == (
        "742 Evergreen Terrace\nSpringfield, IL 62701\nUnited States"
    )
    lisa = next(r for r in _google_rows(outlook) if r["First Name"] == "Lisa")
    assert (lisa["Home Street"], lisa["Home City"], lisa["Home State"]) == (
        "742 Evergreen Terrace",
        "Springfield",
        "IL",
    )
    assert (lisa["Home Postal Code"], lisa["Home Country/Region"]) == ("62701", "United States")
    assert (lisa["Title"], lisa["Suffix"]) == ("Dr.", "Jr.")
    text = vcard.read_bytes().decode("utf-8")
    assert "ADR;TYPE=home:;;742 Evergreen Terrace;Springfield;IL;62701;United States\r\n" in text
    assert "N:Simpson;Lisa;;Dr.;Jr.\r\n" in text


def test_json_of_an_older_version_with_a_one_block_address_still_imports(journal, tmp_path, fresh):
    add_contact(journal, "Ana", "García", address="Calle Mayor 1\n28013 Madrid")
    path = tmp_path / "a.json"
    journal.interchange.export_journal(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    # An export made before the address had parts: its rows have no such keys.
    table = data["tables"]["contact"]
    columns = table["columns"] if isinstance(table, dict) else None
    assert columns is None or "city" in columns
    raw = path.read_text(encoding="utf-8")
    for key in ("city", "region", "postal_code", "country", "address_label"):
        raw = raw.replace(f'"{key}": "", ', "").replace(f', "{key}": ""', "")
    assert '"postal_code"' not in raw
    path.write_text(raw, encoding="utf-8")
    other = fresh("old")
    report = other.interchange.import_file(path)
    assert report.imported, report.problems
    ana = by_name(other)["Ana García"]
    assert ana.address == "Calle Mayor 1\n28013 Madrid"
    assert (ana.city, ana.country) == ("", "")
    assert other.check() == []
    other.close()


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (SPRINGFIELD, "742 Evergreen Terrace, Springfield, IL 62701, United States"),
        (
            PostalAddress("Hauptstr. 1", "Berlin", "", "10115", "Deutschland"),
            "Hauptstr. 1, 10115 Berlin, Deutschland",
        ),
        (
            PostalAddress("12 rue de la Paix", "Paris", "", "75002", "France"),
            "12 rue de la Paix, 75002 Paris, France",
        ),
        (
            PostalAddress("10 Downing Street", "London", "", "SW1A 2AA", "United Kingdom"),
            "10 Downing Street, London, SW1A 2AA, United Kingdom",
        ),
        (
            PostalAddress("千代田1-1", "千代田区", "東京都", "100-0001", "日本"),
            "〒100-0001, 東京都千代田区千代田1-1, 日本",
        ),
        (PostalAddress("Calle Mayor 1\n28013 Madrid"), "Calle Mayor 1, 28013 Madrid"),
    ],
)
def test_an_address_reads_the_way_its_country_writes_it(address, expected):
    assert format_address(address, sep=", ") == expected
