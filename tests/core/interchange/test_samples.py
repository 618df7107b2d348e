"""Every real export in tests/samples imports; names and e-mails asserted from reading each file
(SOURCES.tsv says what is odd about each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from colearn_desktop.core.interchange.formats import ImportFormat

SAMPLES = Path(__file__).parents[2] / "samples"


def contacts(journal):
    """(display name, [emails]) of every contact, by name."""
    result = []
    for row in journal.contact_list.rows():
        detail = journal.contacts.get(row.id)
        result.append((detail.display_name, [e.value for e in detail.data.emails]))
    return sorted(result)


def imported(journal, name):
    report = journal.interchange.import_file(SAMPLES / name)
    assert report.imported, report.problems
    assert report.errors == 0
    return report


def detail_named(journal, name):
    row = next(r for r in journal.contact_list.rows() if r.display_name == name)
    return journal.contacts.get(row.id)


def test_every_sample_file_is_listed_and_copied_byte_for_byte():
    listed = {
        line.split("\t")[0]
        for line in (SAMPLES / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    }
    present = {str(p.relative_to(SAMPLES)) for p in SAMPLES.glob("*/*") if p.is_file()}
    assert listed == present
    # CR CR LF endings survived the copy (no line-ending normalisation anywhere).
    assert b"\r\r\n" in (SAMPLES / "vcard/android_ios613_crcrlf.vcf").read_bytes()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("csv/linkedin_connections_hello-again.csv", [("Ada Example", [])]),
        (
            "csv/ox_outlook_japanese_header.csv",
            [("Max Mustermann", ["max.mustermann@invalid.domain.ox"])],
        ),
        (
            "csv/roundcube_google_legacy.csv",
            [
                (
                    "Prefix Firstname Middle Lastname Suffix",
                    ["home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com"],
                )
            ],
        ),
        ("csv/thunderbird_export.csv", [("contact number one", []), ("contact number two", [])]),
        (
            "csv/tine20_google_legacy_groups.csv",
            [
                ("Ando", []),
                ("Anna", []),
                ("Anne", []),
                ("Bus Winsen", []),
                ("axel", ["abc@here.de"]),
            ],
        ),
        ("vcard/android_ios613_crcrlf.vcf", [("Bob Smith", ["bob@smithauto.com"])]),
        (
            "vcard/ezvcard_evolution_3.0.vcf",
            [("Mr. John Richter, James Doe Sr.", ["john.doe@ibm.com"])],
        ),
        (
            "vcard/ezvcard_gmail_allfields.vcf",
            [
                (
                    "VCard Test",
                    [
                        "email@example.com",
                        "homeemail@example.com",
                        "workemail@example.com",
                        "otheremail@example.com",
                        "customcategory@example.com",
                    ],
                )
            ],
        ),
        (
            "vcard/ezvcard_iphone_ios5.vcf",
            [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.com"])],
        ),
        (
            "vcard/ezvcard_mac_addressbook.vcf",
            [("Mr. John Richter,James Doe Sr.", ["john.doe@ibm.com"])],
        ),
        (
            "vcard/ezvcard_outlook_2.1.vcf",
            [("Mr. John Richter James Doe Sr.", ["john.doe@ibm.cm"])],
        ),
        (
            "vcard/kcontacts_broken_qp_multi.vcf",
            [
                ("Bike Shop", []),
                ("Dr. med. Surname Name", []),
                ("Field after Address broken", []),
                ("Field after Address not broken", []),
                ("Second Doctor", []),
            ],
        ),
        (
            "vcard/radicale_cardbook_bday_noyear.vcf",
            [("Test bday without year Thunderbird CardBook", [])],
        ),
        ("vcard/radicale_qp_chinese_2.1.vcf", [("黄世勇", [])]),
        ("vcard/rcmcarddav_google_carddav.vcf", [("Google IMTestKontakt", [])]),
        ("vcard/rcmcarddav_icloud_ablabel.vcf", [("Max Mustermann", ["special@maxmu.de"])]),
        ("vcard/rcmcarddav_ios14_impp.vcf", [("Test IosIMKontakt", [])]),
        ("vcard/rcmcarddav_nextcloud_sabre.vcf", [("Test Kontakt", ["kontakt@example.com"])]),
        (
            "vcard/thunderbird_export_4.0.vcf",
            [("contact number one", []), ("contact number two", [])],
        ),
        (
            "vcard/tine20_encoding_preamble_multi.vcf",
            [
                ("alex spass", ["alex@spass.net"]),
                ("jan gerber", ["gerber.jan@web.de", "gerber@home.org"]),
            ],
        ),
    ],
)
def test_sample_imports_with_the_names_and_emails_in_the_file(journal, name, expected):
    imported(journal, name)
    assert contacts(journal) == sorted(expected)


def test_android_qp_cards_decode_and_email_only_cards_are_named_by_address(journal):
    report = imported(journal, "vcard/ezvcard_android_2.1_qp.vcf")
    # Cards 4 and 5 share the phone number 123456, so card 5 merges into card 4.
    assert (report.new, report.merged) == (5, 1)
    names = [n for n, _ in contacts(journal)]
    assert "john.doe@company.com" in names
    assert "jane.doe@company.com" in names
    assert "Ñ Ñ Ñ Ñ Ñ" in names  # FN decoded from quoted-printable UTF-8
    # The photo of card 5 is cut short in the file: skipped with a note, not a crash.
    assert any(p.field == "photo" and "damaged" in p.message for p in report.problems)
    messages = [p.message for p in report.problems if p.number == 1]
    assert any("e-mail address is used as the name" in m for m in messages)


def test_thunderbird_invalid_addresses_are_kept_in_notes_with_a_warning(journal):
    report = imported(journal, "csv/thunderbird_export.csv")
    two = detail_named(journal, "contact number two")
    assert "E-mail: contact2@invalid" in two.data.notes
    assert "Custom 3: custom\r3" in two.data.notes  # a bare CR inside a quoted value survives
    assert "here's some unicode text…" in two.data.notes
    assert two.data.job_title == '"worker"'
    assert any("not a valid e-mail address" in p.message and p.number == 3 for p in report.problems)


def test_odd_details_of_real_files(journal):
    for name in (
        "vcard/radicale_cardbook_bday_noyear.vcf",
        "vcard/ezvcard_outlook_2.1.vcf",
        "vcard/kcontacts_broken_qp_multi.vcf",
        "vcard/android_ios613_crcrlf.vcf",
        "vcard/tine20_encoding_preamble_multi.vcf",
        "csv/linkedin_connections_hello-again.csv",
        "csv/ox_outlook_japanese_header.csv",
        "csv/tine20_google_legacy_groups.csv",
    ):
        imported(journal, name)
    bday = detail_named(journal, "Test bday without year Thunderbird CardBook").data.birthday
    assert (bday.month, bday.day, bday.year) == (1, 1, None)  # 1604 = no year
    john = detail_named(journal, "Mr. John Richter James Doe Sr.")
    assert (john.data.birthday.year, john.data.birthday.month) == (1980, 3)  # BDAY:19800322
    assert "PROVIDED BY GEORGE EL-HADDAD" in john.data.notes  # long unfolded NOTE kept whole
    doctor = detail_named(journal, "Dr. med. Surname Name")
    assert doctor.data.job_title == "Facharzt für Allgemeinmedizin"
    assert "Mi    8–12, 14–15" in doctor.data.notes  # QP soft break after a multi-byte char
    broken = detail_named(journal, "Field after Address broken")
    assert broken.data.website == "http://some-webseite.com"
    bob = detail_named(journal, "Bob Smith")
    assert bob.data.company == "Smith Auto Repair"
    assert bob.data.website == "www.smithauto.com"
    alex = detail_named(journal, "alex spass")
    assert "Eisenhüttenstraße 723" in alex.data.address
    ada = detail_named(journal, "Ada Example")
    assert ada.data.how_met == "Connected on LinkedIn on 22 Dec 2025"
    assert ada.data.company == "Schneider Electric"
    max_ = detail_named(journal, "Max Mustermann")
    assert max_.data.birthday.year == 1990
    assert (max_.data.address, max_.data.city) == ("Hauptweg", "Olpe")
    axel = detail_named(journal, "axel")
    assert axel.data.tags == ("kunden",)  # Google's "* My Contacts" is not a tag
    winsen = detail_named(journal, "Bus Winsen")
    # A CRLF inside a quoted cell ("Formatted") keeps the row's cells in place: the parts
    # (which win over the formatted block) are read from the right columns.
    assert (winsen.data.address, winsen.data.city) == ("Niedersachsen Ring 22", "Winsen")


def test_photos_are_kept(journal):
    imported(journal, "vcard/ezvcard_iphone_ios5.vcf")
    with journal.db.read_raw() as connection:
        mime, size = connection.execute(
            "SELECT mime_type, length(data) FROM contact_photo"
        ).fetchone()
    assert mime == "image/jpeg"
    assert size > 10_000


@pytest.mark.parametrize(
    ("name", "fmt", "title"),
    [
        (
            "csv/linkedin_connections_hello-again.csv",
            ImportFormat.LINKEDIN_CSV,
            "LinkedIn connections",
        ),
        ("csv/ox_outlook_japanese_header.csv", ImportFormat.OUTLOOK_CSV, "Outlook CSV"),
        ("csv/roundcube_google_legacy.csv", ImportFormat.GOOGLE_CSV, "Google Contacts CSV"),
        ("csv/thunderbird_export.csv", ImportFormat.THUNDERBIRD_CSV, "Thunderbird CSV"),
        ("vcard/tine20_encoding_preamble_multi.vcf", ImportFormat.VCARD, "vCard"),
    ],
)
def test_format_is_detected_from_the_content(journal, name, fmt, title):
    source = journal.interchange.inspect(SAMPLES / name)
    assert (source.format, source.title) == (fmt, title)
    assert source.encoding.label == "UTF-8"
