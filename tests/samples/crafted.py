"""How the crafted samples (``*/crafted_*``) were made: run ``python tests/samples/crafted.py``.

Each file imitates what a program documents it writes, in the 8-bit code page it writes on a
Windows or Mac of that language, without a byte-order mark or a declared charset: the files
that were misread as a DOS code page (issue #15, "Characters").  SOURCES.tsv says which.
"""

from __future__ import annotations

import quopri
from pathlib import Path

HERE = Path(__file__).parent

OUTLOOK_DE_HEADER = (
    '"Anrede","Vorname","Weitere Vornamen","Nachname","Suffix","Firma","Abteilung","Position",'
    '"Straße geschäftlich","Ort geschäftlich","Postleitzahl geschäftlich",'
    '"Telefon geschäftlich","Mobiltelefon","E-Mail-Adresse","E-Mail: Angezeigter Name",'
    '"Notizen"'
)
OUTLOOK_DE_ROWS = [
    '"Herr","Günther","","Blümchen","","Spaßlund GmbH","Einkauf","Leiter",'
    '"Königstraße 12","Düsseldorf","40212","+49 211 555 0101","","guenther@spasslund.example",'
    '"Günther Blümchen (guenther@spasslund.example)","Trifft sich gern im Café Würzig."',
    '"Frau","Jürgen","","Weißmüller","","Bäckerei Öhler","","","Hauptstraße 3","München",'
    '"80331","","+49 170 555 0102","j.weissmueller@example.de","","Grüße an Frau Öhler."',
    '"Frau","Zoë","Renée","Fäßler","","","","","","","","","","zoe@example.ch","",""',
]

EXCEL_ROWS = [
    "Name;Vorname;E-Mail;Telefon;Firma;Notiz",
    "Blümchen;Günther;gb@example.de;0211 555 0101;Spaßlund GmbH;Größe L, trinkt Tee",
    "Äßler;Jörg;joerg@example.de;0711 555 0103;Straßenbau Süd;",
    "Müller-Lüdenscheidt;Françoise;fml@example.fr;;Café Crème;Très sympa – à rappeler",
]

OUTLOOK_EN_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","E-mail Address",'
    '"Mobile Phone","Notes"'
)


def outlook_en(rows: list[tuple[str, str, str, str, str]]) -> str:
    lines = [OUTLOOK_EN_HEADER]
    for first, last, company, email, notes in rows:
        lines.append(f'"","{first}","","{last}","","{company}","{email}","","{notes}"')
    return "\r\n".join(lines) + "\r\n"


POLISH = [
    ("Łukasz", "Żółć", "Wrocławska Spółka", "lukasz@example.pl", "Zna się na łódkach"),
    ("Małgorzata", "Wiśniewska", "Kraków Źródła", "gosia@example.pl", "Dzień dobry, Gdańsk"),
    ("Paweł", "Szczęsny", "", "pawel@example.pl", "Ścieżka rowerowa przy Łazienkach"),
]
RUSSIAN = [
    ("Сергей", "Иванов", "Рога и копыта", "sergey@example.ru", "Встреча в Москве"),
    ("Анна", "Петрова", "", "anna@example.ru", "Любит чай с лимоном"),
    ("Юрий", "Щербаков", "Ёлка", "yuri@example.ru", "Позвонить в пятницу"),
]
GREEK = [
    ("Γιώργος", "Παπαδόπουλος", "Ελληνική Εταιρεία", "giorgos@example.gr", "Συνάντηση στην Αθήνα"),
    ("Ελένη", "Κωνσταντίνου", "", "eleni@example.gr", "Καλημέρα από τη Θεσσαλονίκη"),
]
TURKISH = [
    ("Şükrü", "Yılmaz", "Güneş Ticaret", "sukru@example.com.tr", "İstanbul'da buluşma"),
    ("Ayşe", "Öztürk", "", "ayse@example.com.tr", "Çarşamba günü arayın"),
    ("İsmail", "Çelik", "Doğan Şirketi", "ismail@example.com.tr", "Ağustos'ta izinde"),
]

MAC_CARDS = [
    ("Blümchen", "Günther", "Spaßlund GmbH", "guenther@spasslund.example", "Königstraße 12"),
    ("Købmand", "Renée", "Crème Brûlée SARL", "renee@example.fr", "Rue de l'Église 4"),
    ("Muñoz", "José", "Peña y Asociados", "jose@example.es", "Calle Ñandú 7"),
]


def mac_vcard(cards: list[tuple[str, str, str, str, str]]) -> str:
    """Mac OS X Address Book's vCard 3.0 export (File > Export vCard) with "Western" text
    encoding chosen in its vCard preferences: no CHARSET, CRLF, item groups."""
    out = []
    for family, given, org, email, street in cards:
        out += [
            "BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given};;;", f"FN:{given} {family}",
            f"ORG:{org};", f"item1.EMAIL;type=INTERNET;type=pref:{email}",
            f"item2.ADR;type=WORK;type=pref:;;{street};;;;", "item2.X-ABADR:de",
            "X-ABUID:5A3C1E2F-0000-4000-8000-00000000000A\\:ABPerson", "END:VCARD",
        ]  # fmt: skip
    return "\r\n".join(out) + "\r\n"


def mac_vcard_short() -> str:
    """Two cards with a name only, as Mac OS X Address Book 6 exports them ("Western"
    encoding): the old detection read this as cp775, "Günther" as "G³nther"."""
    out = []
    for family, given in (("Blümchen", "Günther"), ("Müller", "Jürgen")):
        out += [
            "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//Address Book 6.1//EN",
            f"N:{family};{given};;;", f"FN:{given} {family}", "END:VCARD",
        ]  # fmt: skip
    return "\r\n".join(out) + "\r\n"


EXCEL_SHORT = [
    "Vorname;Nachname;E-Mail",
    "Günther;Blümchen;guenther@example.de",
    "Jürgen;Müller;juergen@example.de",
]


def _qp(text: str, codec: str) -> str:
    return quopri.encodestring(text.encode(codec)).decode("ascii").replace("=\n", "=\r\n")


def the_bat_vcard() -> str:
    """The Bat!'s address book exports vCard 2.1 with ENCODING=QUOTED-PRINTABLE and no
    CHARSET: the bytes are the Windows code page of the machine (here Polish, cp1250)."""
    people = [
        ("Zieliński", "Łukasz", "Spółka Żółć", "Jestem z Poznania, dzwonić po 17:00", "lz"),
        ("Wiśniewska", "Małgorzata", "Gdańsk Łódź", "Świetna współpraca", "mw"),
    ]
    out = []
    for family, given, org, note, email in people:
        out += [
            "BEGIN:VCARD", "VERSION:2.1",
            f"N;ENCODING=QUOTED-PRINTABLE:{_qp(family, 'cp1250')};{_qp(given, 'cp1250')}",
            f"FN;ENCODING=QUOTED-PRINTABLE:{_qp(f'{given} {family}', 'cp1250')}",
            f"ORG;ENCODING=QUOTED-PRINTABLE:{_qp(org, 'cp1250')}",
            f"NOTE;ENCODING=QUOTED-PRINTABLE:{_qp(note, 'cp1250')}",
            f"EMAIL;PREF;INTERNET:{email}@example.pl", "END:VCARD",
        ]  # fmt: skip
    return "\r\n".join(out) + "\r\n"


FILES = {
    "csv/crafted_outlook_german_cp1252.csv": (
        "\r\n".join([OUTLOOK_DE_HEADER, *OUTLOOK_DE_ROWS]) + "\r\n",
        "cp1252",
    ),
    "csv/crafted_excel_semicolon_cp1252.csv": ("\r\n".join(EXCEL_ROWS) + "\r\n", "cp1252"),
    "csv/crafted_excel_short_cp1252.csv": ("\r\n".join(EXCEL_SHORT) + "\r\n", "cp1252"),
    "vcard/crafted_mac_addressbook_short_latin1.vcf": (mac_vcard_short(), "latin_1"),
    "csv/crafted_outlook_polish_cp1250.csv": (outlook_en(POLISH), "cp1250"),
    "csv/crafted_outlook_russian_cp1251.csv": (outlook_en(RUSSIAN), "cp1251"),
    "csv/crafted_outlook_greek_cp1253.csv": (outlook_en(GREEK), "cp1253"),
    "csv/crafted_outlook_turkish_cp1254.csv": (outlook_en(TURKISH), "cp1254"),
    "vcard/crafted_mac_addressbook_latin1.vcf": (mac_vcard(MAC_CARDS), "latin_1"),
    "vcard/crafted_mac_addressbook_macroman.vcf": (mac_vcard(MAC_CARDS), "mac_roman"),
    "vcard/crafted_thebat_qp_no_charset.vcf": (the_bat_vcard(), "ascii"),
}

if __name__ == "__main__":
    for name, (text, codec) in FILES.items():
        (HERE / name).write_bytes(text.encode(codec))
