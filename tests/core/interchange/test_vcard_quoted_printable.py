"""vCard 2.1 as old Android and Nokia phones export it: N, FN, NOTE and ADR in quoted-printable
(UTF-8 or ISO-8859-1), with '=' soft line breaks.  What is stored and what the import preview
shows are the decoded text, never "=C3=A9"."""

from __future__ import annotations

from colearn_desktop.core.interchange.formats import ImportFormat
from colearn_desktop.core.postal_address import PostalAddress, address_of

# As written by an Android 4 "Export to storage" (UTF-8) and Nokia PC Suite (ISO-8859-1): CRLF,
# soft breaks whose continuation is not indented, one whose continuation starts with a space
# that belongs to the text ("de" + " son"), "=0D=0A" line breaks inside a note, and a NOTE
# whose last soft break is followed by an empty line.
PHONE_EXPORT = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;Ren=C3=A9e;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e Lef=C3=A8vre\r\n"
    "TEL;CELL;PREF:+33612345678\r\n"
    "EMAIL;HOME:renee@example.fr\r\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;12 rue de la Libert=C3=A9;Montr=C3=\r\n"
    "=A9al;;H2X 1Y4;Qu=C3=A9bec=\r\n"
    ", Canada\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rencontr=C3=A9e au caf=C3=A9 =E2=80=94 tr=\r\n"
    "=C3=A8s sympa, parle de=\r\n"
    " son projet de boulangerie=0D=0Aseconde ligne=\r\n"
    "\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:M=FCller;J=FCrgen\r\n"
    "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:J=FCrgen M=FCller\r\n"
    "TEL;WORK;VOICE:+49301234567\r\n"
    "ADR;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:;;Stra=DFe des 17. Juni 1;M=FCnch=\r\n"
    "en;;80331;Deutschland\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Gr=FC=DFe von der Messe=0D=0A=\r\n"
    "K=E4se & Br=F6tchen\r\n"
    "END:VCARD\r\n"
)


def write_export(tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_bytes(PHONE_EXPORT.encode("ascii"))
    return path


def test_stored_contacts_hold_the_decoded_text(journal, tmp_path):
    report = journal.interchange.import_file(write_export(tmp_path))
    assert (report.new, report.errors) == (2, 0)
    by_name = {
        row.display_name: journal.contacts.get(row.id) for row in journal.contact_list.rows()
    }
    assert sorted(by_name) == ["Jürgen Müller", "Renée Lefèvre"]
    renee = by_name["Renée Lefèvre"].data
    assert (renee.given_name, renee.family_name) == ("Renée", "Lefèvre")
    assert address_of(renee) == PostalAddress(
        "12 rue de la Liberté", "Montréal", "", "H2X 1Y4", "Québec, Canada", "home"
    )
    # The space after a soft break is text; "=0D=0A" is one line break, stored as "\n".
    assert renee.notes == (
        "Rencontrée au café — très sympa, parle de son projet de boulangerie\nseconde ligne"
    )
    jurgen = by_name["Jürgen Müller"].data
    assert address_of(jurgen) == PostalAddress(
        "Straße des 17. Juni 1", "München", "", "80331", "Deutschland", "work"
    )
    assert jurgen.notes == "Grüße von der Messe\nKäse & Brötchen"
    for detail in by_name.values():
        text = repr(detail.data)
        assert "=C3" not in text
        assert "=FC" not in text
        assert "\r" not in text


def test_the_preview_shows_the_first_cards_decoded(journal, tmp_path):
    source = journal.interchange.inspect(write_export(tmp_path))
    assert source.format is ImportFormat.VCARD
    records = journal.interchange.preview_records(source)
    assert [(r.data.given_name, r.data.family_name) for r in records] == [
        ("Renée", "Lefèvre"),
        ("Jürgen", "Müller"),
    ]
    assert (records[0].data.city, records[0].data.country) == ("Montréal", "Québec, Canada")
    assert records[1].data.notes == "Grüße von der Messe\nKäse & Brötchen"
    assert len(journal.interchange.preview_records(source, count=1)) == 1
    assert journal.stats().contacts == 0  # a preview writes nothing
