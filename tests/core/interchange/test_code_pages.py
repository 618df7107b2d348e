"""Files in an 8-bit code page, without a byte-order mark or a declared charset, read in the
code page their names are written in (issue #15, "Characters"); the crafted files come from
tests/samples/crafted.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from colearn_desktop.core.interchange.encoding import guess_encoding
from colearn_desktop.core.interchange.record import ImportFileError

SAMPLES = Path(__file__).parents[2] / "samples"


def names(journal) -> list[str]:
    return sorted(row.display_name for row in journal.contact_list.rows())


def texts(journal) -> set[str]:
    """Every contact's display name, given name and company."""
    found = set()
    for row in journal.contact_list.rows():
        data = journal.contacts.get(row.id).data
        found |= {row.display_name, data.given_name, data.company}
    return found


def companies(journal) -> list[str]:
    return sorted(journal.contacts.get(r.id).data.company for r in journal.contact_list.rows())


@pytest.mark.parametrize(
    ("sample", "label", "expected"),
    [
        (
            "csv/crafted_outlook_german_cp1252.csv",
            "Windows-1252 (Western European), detected",
            ["Günther Blümchen", "Jürgen Weißmüller", "Zoë Renée Fäßler"],
        ),
        (
            "csv/crafted_excel_semicolon_cp1252.csv",
            "Windows-1252 (Western European), detected",
            # (a hand-made CSV: its "Name" column is read as the whole name)
            ["Müller-Lüdenscheidt", "Blümchen", "Äßler", "Françoise", "Jörg", "Café Crème"],
        ),
        # These two were read as cp775 (a Baltic DOS code page): "G³nther Bl³mchen".
        (
            "csv/crafted_excel_short_cp1252.csv",
            "Windows-1252 (Western European), detected",
            ["Günther Blümchen", "Jürgen Müller"],
        ),
        (
            "vcard/crafted_mac_addressbook_short_latin1.vcf",
            "Windows-1252 (Western European), detected",
            ["Günther Blümchen", "Jürgen Müller"],
        ),
        (
            "vcard/crafted_mac_addressbook_latin1.vcf",
            "Windows-1252 (Western European), detected",
            ["Günther Blümchen", "José Muñoz", "Renée Købmand"],
        ),
        (
            "vcard/crafted_mac_addressbook_macroman.vcf",
            "Mac Roman, detected",
            ["Günther Blümchen", "José Muñoz", "Renée Købmand"],
        ),
        (
            "csv/crafted_outlook_polish_cp1250.csv",
            "Windows-1250 (Central European), detected",
            ["Małgorzata Wiśniewska", "Paweł Szczęsny", "Łukasz Żółć"],
        ),
        (
            "csv/crafted_outlook_russian_cp1251.csv",
            "Windows-1251 (Cyrillic), detected",
            ["Анна Петрова", "Сергей Иванов", "Юрий Щербаков"],
        ),
        (
            "csv/crafted_outlook_greek_cp1253.csv",
            "Windows-1253 (Greek), detected",
            ["Γιώργος Παπαδόπουλος", "Ελένη Κωνσταντίνου"],
        ),
        (
            "csv/crafted_outlook_turkish_cp1254.csv",
            "Windows-1254 (Turkish), detected",
            ["Ayşe Öztürk", "Şükrü Yılmaz", "İsmail Çelik"],
        ),
    ],
)
def test_a_code_page_file_reads_in_the_code_page_of_its_language(journal, sample, label, expected):
    report = journal.interchange.import_file(SAMPLES / sample)
    assert report.imported, report.problems
    assert report.encoding == label
    assert set(expected) <= texts(journal)
    # Sure of it: no "a guess" warning on the report.
    assert not [p for p in report.problems if "a guess" in p.message]


def test_company_names_with_eszett_survive(journal):
    journal.interchange.import_file(SAMPLES / "csv/crafted_outlook_german_cp1252.csv")
    assert "Spaßlund GmbH" in companies(journal)


def test_an_unsure_guess_is_said_in_the_report(journal, tmp_path):
    # One name only: Mac Roman's "Günther" and Windows-1250's "Gźnther" read equally well.
    path = tmp_path / "mac.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Blümchen;Günther;;;\r\nEND:VCARD\r\n"
    path.write_bytes(card.encode("mac_roman"))
    report = journal.interchange.import_file(path, dry_run=True)
    warnings = [p.message for p in report.problems if p.number == 0]
    assert warnings == [
        "the file was read as Windows-1250 (Central European), a guess; if names look wrong, "
        "pick another encoding (the list in the import window, or --encoding) and read it again"
    ]


def test_the_bat_quoted_printable_without_charset_is_read_in_its_code_page(journal):
    sample = SAMPLES / "vcard/crafted_thebat_qp_no_charset.vcf"
    report = journal.interchange.import_file(sample)
    assert report.imported, report.problems
    assert report.encoding == "UTF-8; quoted-printable text as Windows-1250 (Central European)"
    assert names(journal) == ["Małgorzata Wiśniewska", "Łukasz Zieliński"]
    assert companies(journal) == ["Gdańsk Łódź", "Spółka Żółć"]
    notes = sorted(journal.contacts.get(r.id).data.notes for r in journal.contact_list.rows())
    assert notes == ["Jestem z Poznania, dzwonić po 17:00", "Świetna współpraca"]


def test_quoted_printable_in_utf8_stays_utf8(journal):
    report = journal.interchange.import_file(SAMPLES / "vcard/radicale_qp_chinese_2.1.vcf")
    assert report.encoding == "UTF-8"
    assert names(journal) == ["黄世勇"]


def test_the_user_can_pick_the_encoding(journal):
    sample = SAMPLES / "csv/crafted_outlook_polish_cp1250.csv"
    with pytest.raises(ImportFileError) as raised:
        journal.interchange.inspect(sample, encoding="Windows-1252")
    assert str(raised.value) == (
        "crafted_outlook_polish_cp1250.csv could not be read as Windows-1252 (Western "
        "European), chosen: some bytes are not valid text in that encoding. Pick another "
        "encoding."
    )
    report = journal.interchange.import_file(sample, encoding="iso-8859-2")
    assert report.encoding == "ISO-8859-2 (Central European), chosen"
    # ISO-8859-2 differs from Windows-1250 where Polish has ś, ź and Ś: the user's pick wins
    # (its control character in place of the ś is stripped, with a warning).
    assert "Małgorzata Winiewska" in names(journal)


def test_an_unknown_encoding_is_refused_with_examples(journal):
    with pytest.raises(ImportFileError) as raised:
        journal.interchange.inspect(SAMPLES / "csv/thunderbird_export.csv", encoding="klingon")
    assert str(raised.value) == (
        "'klingon' is not an encoding this program knows; use a name such as utf-8, cp1252 "
        "(Windows Western European), cp1250, cp1251, iso-8859-2, mac_roman or shift_jis."
    )


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Zieliński", "cp1250"),  # "Zieliñski" in Windows-1252: ñ before a consonant
        ("Antonín Dvořák, Karel Čapek, Božena Němcová", "cp1250"),
        ("Šarūnas Žemaitis, Rūta Jonaitytė", "cp1257"),
        ("Pat O’Brien “met at – the fair” €100", "cp1252"),
        ("Сергей Иванов", "koi8_r"),
        ("Я и ты в Москве", "cp1251"),  # words of one letter are words
        ("Η Ελένη και ο Γιώργος", "cp1253"),
        ("Ştefan Mureşan, Ţăran", "cp1250"),
        ("Guðrún Þórsdóttir, Sigurður", "cp1252"),
    ],
)
def test_short_texts_are_ranked_by_how_their_names_read(text, codec):
    assert guess_encoding(text.encode(codec)).name == codec
