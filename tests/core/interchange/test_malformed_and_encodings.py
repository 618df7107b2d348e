"""Damaged or foreign files get a clear message and change nothing; encodings and delimiters
are recognised."""

from __future__ import annotations

import base64
import tracemalloc

import pytest

from colearn_desktop.core.interchange.formats import ImportFormat, preview_rows
from colearn_desktop.core.interchange.record import ImportFileError


def rejected(journal, path, *args, **kwargs) -> str:
    with pytest.raises(ImportFileError) as caught:
        journal.interchange.import_file(path, *args, **kwargs)
    assert journal.stats().contacts == 0
    assert journal.interchange.batches() == []
    return str(caught.value)


def test_unbalanced_quotes(journal, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('Name,Email\nAna,ana@x.com\n"Bob,bob@x.com\nCy,cy@x.com\n', encoding="utf-8")
    message = rejected(journal, path)
    assert "never closed (unbalanced quotes), starting at row 3" in message


def test_stray_quote_after_a_quoted_value(journal, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('Name,Email\n"Ana"x,ana@x.com\n', encoding="utf-8")
    assert "Row 2" in rejected(journal, path)


def test_nul_bytes(journal, tmp_path):
    path = tmp_path / "n.csv"
    path.write_bytes(b"Name,Email\nAna,ana@x.com\n" + b"Bo\x00b,b@x.com\n" * 3)
    assert "not a text file" in rejected(journal, path)


def test_card_without_end_is_refused_with_its_number(journal, tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    report = journal.interchange.import_file(path)
    assert not report.imported
    errors = [p for p in report.problems if p.severity == "error"]
    assert [p.number for p in errors] == [2]
    assert "no END:VCARD" in errors[0].message
    assert journal.stats().contacts == 0


def _vcard_with_photo(path, megabytes):
    chunk = base64.b64encode(b"\xff\xd8" + b"x" * 1_000_000).decode()
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
        lines = [chunk[i : i + 74] for i in range(0, len(chunk), 74)]
        block = "\r\n ".join(lines) + "\r\n "
        for _ in range(megabytes):
            out.write(block)
        out.write("AAAA\r\nEMAIL:big@x.com\r\nEND:VCARD\r\n")


@pytest.mark.slow
def test_a_50_mb_photo_is_skipped_with_a_note(journal, tmp_path):
    path = tmp_path / "big.vcf"
    _vcard_with_photo(path, 50)
    report = journal.interchange.import_file(path)
    assert report.imported
    assert report.new == 1
    assert any(p.field == "photo" and "too large" in p.message for p in report.problems)
    with journal.db.read_raw() as connection:
        assert connection.execute("SELECT count(*) FROM contact_photo").fetchone()[0] == 0


@pytest.mark.slow  # a 27 MB file read under tracemalloc: ~5 s of CPU
def test_reading_a_huge_value_keeps_memory_bounded(tmp_path):
    from colearn_desktop.core.interchange.encoding import Encoding, open_text
    from colearn_desktop.core.interchange.readers.vcard_lines import MAX_VALUE, read_cards

    path = tmp_path / "big.vcf"
    _vcard_with_photo(path, 20)
    text, _ = open_text(path, Encoding("utf-8"))
    tracemalloc.start()
    with text:
        cards = list(read_cards(text))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    photo = next(p for p in cards[0].properties if p.name == "PHOTO")
    assert photo.too_long > 20_000_000
    assert photo.value == ""
    assert peak < 3 * MAX_VALUE  # the file is 27 MB; what is held stays near the cap


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "calendar"),
        (b'{"name": "not ours"}', "not a CoLearn journal export"),
        (b"just some words\nwithout any columns\n", "not split into columns"),
        (b"when,what,amount\n2026-01-02,coffee,3.50\n", "names no column for a name"),
        (b"", "is empty"),
    ],
)
def test_files_that_are_not_contacts(journal, tmp_path, content, expected):
    path = tmp_path / "thing.csv"
    path.write_bytes(content)
    assert expected in rejected(journal, path)


def test_missing_file(journal, tmp_path):
    assert "does not exist" in rejected(journal, tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8-sig", "UTF-8 (with BOM)"),
        ("utf-16", "UTF-16 LE (with BOM)"),
        ("utf-16-le", "UTF-16 LE, detected"),
        ("cp1252", "Windows-1252 (Western European), detected"),
    ],
)
def test_encodings(journal, tmp_path, encoding, label):
    path = tmp_path / "e.csv"
    text = (
        "First Name,Last Name,E-mail Address\r\nZoë,Müller,zoe@x.com\r\nFrançoise,Ærø,f@x.com\r\n"
    )
    path.write_bytes(text.encode(encoding))
    source = journal.interchange.inspect(path)
    assert source.encoding.label == label
    assert preview_rows(source)[0][:2] == ["Zoë", "Müller"]
    report = journal.interchange.import_file(path)
    assert report.new == 2
    names = sorted(r.display_name for r in journal.contact_list.rows())
    assert names == ["Françoise Ærø", "Zoë Müller"]


def test_shift_jis(journal, tmp_path):
    path = tmp_path / "jp.csv"
    text = (
        "名,姓,会社名,電子メール アドレス\n太郎,山田,山田商事,taro@x.jp\n花子,佐藤,,hanako@x.jp\n"
    )
    path.write_bytes(text.encode("shift_jis"))
    source = journal.interchange.inspect(path)
    assert source.encoding.guessed
    assert source.format is ImportFormat.OUTLOOK_CSV
    journal.interchange.import_file(path)
    assert sorted(r.display_name for r in journal.contact_list.rows()) == ["太郎 山田", "花子 佐藤"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_delimiter_is_sniffed(journal, tmp_path, delimiter):
    path = tmp_path / "d.csv"
    rows = ["Name|Email|Notes", "Ana|ana@x.com|a, b and c", "Bob|bob@x.com|"]
    path.write_text("\n".join(r.replace("|", delimiter) for r in rows) + "\n", encoding="utf-8")
    source = journal.interchange.inspect(path)
    assert source.layout.delimiter == delimiter
    assert source.needs_mapping  # a hand-made CSV: the guess is shown for confirmation
    journal.interchange.import_file(path)
    ana = journal.contacts.get(journal.contact_list.rows()[0].id)
    assert ana.data.notes == "a, b and c"


def test_map_option_chooses_the_columns(journal, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("Vorname,Nachname2,Mail,Farbe\nAna,G,ana@x.com,blau\n", encoding="utf-8")
    report = journal.interchange.import_file(
        path, mapping="Vorname=given_name,Nachname2=family_name,3=email"
    )
    assert report.format == "CSV (columns chosen by you)"
    ana = journal.contacts.get(journal.contact_list.rows()[0].id)
    assert (ana.display_name, ana.data.emails[0].value) == ("Ana G", "ana@x.com")
    with pytest.raises(ImportFileError, match="no column 'Nope'"):
        journal.interchange.import_file(path, mapping="Nope=email")
    with pytest.raises(ImportFileError, match="'colour' is not a field"):
        journal.interchange.import_file(path, mapping="Farbe=colour")


def test_linkedin_preamble_is_skipped(journal):
    from pathlib import Path

    path = Path(__file__).parents[2] / "samples/csv/linkedin_connections_hello-again.csv"
    source = journal.interchange.inspect(path)
    assert source.layout.header_row == 4
    assert source.header[:2] == ("First Name", "Last Name")
