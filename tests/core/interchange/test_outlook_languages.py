"""Outlook's export in seven languages, its "no date", and day-or-month-first decided from the
whole file (issue #15, "Columns and values").  The samples are built from Microsoft's own
column names (tests/samples/SOURCES.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.contact_fields import Birthday, Labelled
from colearn_desktop.core.interchange.record import ImportFileError
from colearn_desktop.core.interchange.values import DateOrder
from colearn_desktop.core.postal_address import PostalAddress, address_of

SAMPLES = Path(__file__).parents[2] / "samples"


def by_name(journal):
    return {
        row.display_name: journal.contacts.get(row.id).data for row in journal.contact_list.rows()
    }


def imported(journal, name, **options):
    report = journal.interchange.import_file(SAMPLES / name, **options)
    assert report.imported, report.problems
    assert report.errors == 0, report.problems
    return report, by_name(journal)


def test_german_outlook_keeps_addresses_phones_and_name_parts(journal):
    report, people = imported(journal, "csv/outlook_de.csv")
    assert report.format == "Outlook CSV"
    guenther = people["Günther Blümchen"]
    assert (guenther.name_prefix, guenther.name_suffix) == ("Dr.", "jun.")
    assert address_of(guenther) == PostalAddress(
        "Hauptstraße 1", "Berlin", "", "10115", "Deutschland", "work"
    )
    assert set(guenther.phones) == {
        Labelled("+49 30 7654321", "work fax"),  # Fax geschäftlich
        Labelled("+49 331 123456", "home"),  # Telefon (privat)
        Labelled("+49 170 1111111", "mobile"),  # Mobiltelefon
        Labelled("+49 171 2345678", "mobile"),  # Mobiltelefon 2
    }
    # The second address is not dropped: it is in the notes, and the report says so.
    assert "Address (home): Gartenweg 7, 14467 Potsdam, Deutschland" in guenther.notes
    messages = [str(p) for p in report.problems]
    assert any("Gartenweg 7" in m and "notes" in m for m in messages)
    # "0.0.00" is Outlook's "no birthday": nothing kept, nothing said.
    assert guenther.birthday is None
    assert "Birthday" not in guenther.notes
    assert not any("birthday" in m.casefold() for m in messages)
    # A column we do not read but that holds something is named.
    assert any("'Geschlecht'" in m for m in messages)
    juergen = people["Jürgen Weiß"]
    assert (juergen.city, juergen.region, juergen.postal_code) == ("Düsseldorf", "NRW", "40212")
    assert juergen.birthday == Birthday(4, 3, 1980)


@pytest.mark.parametrize(
    ("sample", "name", "address", "phone", "birthday"),
    [
        (
            "csv/outlook_fr.csv", "Émile Zola-Durand",
            PostalAddress("12 rue de la Paix", "Paris", "", "75002", "France", "work"),
            Labelled("+33 6 12 34 56 78", "mobile"), Birthday(4, 3, 1980),
        ),
        (
            "csv/outlook_es.csv", "José Núñez García",
            PostalAddress("Calle Mayor 1", "Madrid", "Madrid", "28013", "España", "work"),
            Labelled("+34 91 123 45 67", "work"), Birthday(6, 5, 1975),
        ),
        (
            "csv/outlook_it.csv", "Giulia Rossi",
            PostalAddress("Via del Corso 10", "Roma", "RM", "00186", "Italia", "work"),
            Labelled("+39 06 1234567", "home"), Birthday(5, 17, 1990),
        ),
        (
            "csv/outlook_nl.csv", "Pieter van Dijk",
            PostalAddress("Keizersgracht 123", "Amsterdam", "", "1015 CJ", "Nederland", "home"),
            Labelled("+31 6 12345678", "mobile"), Birthday(4, 3, 1980),
        ),
        (
            "csv/outlook_ja.csv", "太郎 山田",
            PostalAddress("千代田1-1", "千代田区", "東京都", "100-0001", "日本", "work"),
            Labelled("090-1234-5678", "mobile"), Birthday(4, 3, 1980),
        ),
        (
            "csv/outlook_en.csv", "Homer Jay Simpson",
            PostalAddress("742 Evergreen Terrace", "Springfield", "IL", "62701", "United States",
                          "work"),
            Labelled("(217) 555-0100", "work"), Birthday(4, 3, 1980),
        ),
    ],
)  # fmt: skip
def test_outlook_in_each_language(journal, sample, name, address, phone, birthday):
    report, people = imported(journal, sample)
    assert report.format == "Outlook CSV"
    person = people[name]
    assert address_of(person) == address
    if sample != "csv/outlook_es.csv":  # the Spanish sample has no title nor suffix
        assert person.name_prefix or person.name_suffix
    assert phone in person.phones
    assert person.birthday == birthday
    assert person.emails or person.phones


def test_day_first_is_decided_by_the_file_not_row_by_row(journal):
    """03/04/1980 in a file that also holds 28/12/1969 is the 3rd of April; "0/0/00" is no
    date at all."""
    report, people = imported(journal, "csv/outlook_fr.csv")
    assert people["Émile Zola-Durand"].birthday == Birthday(4, 3, 1980)
    assert people["Cécile Bonnet"].birthday == Birthday(12, 28, 1969)
    helene = people["Hélène Martin"]
    assert (helene.birthday, helene.notes) == (None, "")
    assert not any("0/0/00" in str(p) for p in report.problems)


def test_an_english_outlook_file_is_month_first_and_its_no_date_is_silent(journal):
    report, people = imported(journal, "csv/outlook_en.csv")
    assert people["Homer Jay Simpson"].birthday == Birthday(4, 3, 1980)
    assert people["Ned Flanders"].birthday is None
    assert people["Ned Flanders"].notes == ""
    assert not any("birthday" in str(p).casefold() for p in report.problems)


def test_dates_that_cannot_be_told_are_asked_for(journal):
    sample = SAMPLES / "csv/generic_ambiguous_dates.csv"
    source = journal.interchange.inspect(sample)
    assert source.dates.must_ask
    assert "03/04/1980 (row 2)" in source.dates.ambiguous
    with pytest.raises(ImportFileError, match="--dates dmy"):
        journal.interchange.import_file(sample)
    assert journal.contact_list.rows() == []
    _, people = imported(journal, "csv/generic_ambiguous_dates.csv", dates=DateOrder.DMY)
    assert people["Ana Lima"].birthday == Birthday(4, 3, 1980)
    assert people["Bo Chen"].birthday == Birthday(6, 5, 1979)


def test_the_command_line_asks_for_dates_then_takes_them(tmp_path, capsys):
    data = tmp_path / "d"
    sample = SAMPLES / "csv/generic_ambiguous_dates.csv"
    code = main(["--data-dir", str(data), "import", str(sample)])
    captured = capsys.readouterr()
    assert code != 0
    assert "--dates dmy" in captured.err
    assert "03/04/1980" in captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    code = main(["--data-dir", str(data), "import", str(sample), "--dates", "mdy", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = str(tmp_path / "out.csv")
    code = main(["--data-dir", str(data), "export", "contacts", "--format", "csv", "-o", out])
    assert code == 0
    exported = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "1980-03-04" in exported
    assert "1979-05-06" in exported
