"""Outlook's CSV column names in the languages of its user interface, by their English name.

Outlook writes the header of a contacts export in the language it runs in.  The names come
from Microsoft's own table of them (the Outlook CSV import of Exchange, one dictionary per
language; see tests/samples/SOURCES.tsv), German also in the newer spelling of Outlook 2016
and later ("Telefon (privat)").  Only the columns this journal reads are listed; any other
column is named in the import's plan as not imported.  Several languages keep some English
names (Spanish "Home Street", Italian "Notes"): those the English table already knows.

Keys are compared as ``csv_profiles`` compares a header (spaces collapsed, case folded), so
"Straße" and "STRASSE" meet on both sides.
"""

from __future__ import annotations

# Outlook's English names of the three addresses' parts, completed per address below.
_PARTS = ("street", "street 2", "street 3", "city", "state", "postal code", "country/region")


def _address(english: str, names: tuple[str, ...]) -> dict[str, str]:
    """One address's columns (street, street 2, street 3, city, region, postal code,
    country) in a language, by Outlook's English name ("business street")."""
    return {name: f"{english} {part}" for name, part in zip(names, _PARTS, strict=True) if name}


GERMAN = {
    "Anrede": "title",
    "Vorname": "first name",
    "Weitere Vornamen": "middle name",
    "Nachname": "last name",
    "Suffix": "suffix",
    "Firma": "company",
    "Abteilung": "department",
    "Position": "job title",
    **_address(
        "business",
        (
            "Straße geschäftlich", "Straße geschäftlich 2", "Straße geschäftlich 3",
            "Ort geschäftlich", "Region geschäftlich", "Postleitzahl geschäftlich",
            "Land/Region geschäftlich",
        ),
    ),
    **_address(
        "home",
        (
            "Straße privat", "Straße privat 2", "Straße privat 3", "Ort privat",
            "Bundesland/Kanton privat", "Postleitzahl privat", "Land/Region privat",
        ),
    ),
    **_address(
        "other",
        (
            "Weitere Straße", "Weitere Straße 2", "Weitere Straße 3", "Weiterer Ort",
            "Weiteres/r Bundesland/Kanton", "Weitere Postleitzahl", "Weiteres/e Land/Region",
        ),
    ),
    "Postfach geschäftlich": "business address po box",
    "Postfach privat": "home address po box",
    "Telefon Assistent": "assistant's phone",
    "Fax geschäftlich": "business fax",
    "Telefon geschäftlich": "business phone",
    "Telefon geschäftlich 2": "business phone 2",
    "Rückmeldung": "callback",
    "Autotelefon": "car phone",
    "Telefon Firma": "company main phone",
    "Fax privat": "home fax",
    "Telefon privat": "home phone",
    "Telefon privat 2": "home phone 2",
    "Telefon (privat)": "home phone",
    "Telefon (privat 2)": "home phone 2",
    "Mobiltelefon": "mobile phone",
    # Microsoft files it as the radio phone; German users keep their second mobile there.
    "Mobiltelefon 2": "mobile phone",
    "Weiteres Fax": "other fax",
    "Weiteres Telefon": "other phone",
    "Haupttelefon": "primary phone",
    "Pager": "pager",
    "E-Mail-Adresse": "e-mail address",
    "E-Mail 2: Adresse": "e-mail 2 address",
    "E-Mail 3: Adresse": "e-mail 3 address",
    "Webseite": "web page",
    "Geburtstag": "birthday",
    "Notizen": "notes",
    "Kategorien": "categories",
    "Partner": "spouse",
    "Name Assistent": "assistant's name",
    "Name des/der Vorgesetzten": "manager's name",
    "Empfohlen von": "referred by",
}  # fmt: skip

FRENCH = {
    "Prénom": "first name",
    "Deuxième prénom": "middle name",
    "Nom": "last name",
    "Suffixe": "suffix",
    "Société": "company",
    "Service": "department",
    "Titre": "job title",
    **_address(
        "business",
        (
            "Rue (bureau)", "Rue (bureau) 2", "Rue (bureau) 3", "Ville (bureau)",
            "Dép/Région (bureau)", "Code postal (bureau)", "Pays/Région (bureau)",
        ),
    ),
    **_address(
        "home",
        (
            "Rue (domicile)", "Rue (domicile) 2", "Rue (domicile) 3", "Ville (domicile)",
            "Dép/Région (domicile)", "Code postal (domicile)", "Pays/Région (domicile)",
        ),
    ),
    **_address(
        "other",
        (
            "Rue (autre)", "Rue (autre) 2", "Rue (autre) 3", "Ville (autre)",
            "Dép/Région (autre)", "Code postal (autre)", "Pays/Région (autre)",
        ),
    ),
    "B.P. professionnelle": "business address po box",
    "Boîte postale du domicile": "home address po box",
    "Téléphone (bureau)": "business phone",
    "Téléphone 2 (bureau)": "business phone 2",
    "Téléphone (domicile)": "home phone",
    "Téléphone 2 (domicile)": "home phone 2",
    "Tél. mobile": "mobile phone",
    "Téléphone (autre)": "other phone",
    "Téléphone principal": "primary phone",
    "Téléphone société": "company main phone",
    "Téléphone (voiture)": "car phone",
    "Télécopie (bureau)": "business fax",
    "Télécopie (domicile)": "home fax",
    "Télécopie (autre)": "other fax",
    "Récepteur de radiomessagerie": "pager",
    "Adresse de messagerie": "e-mail address",
    "Adresse de messagerie 2": "e-mail 2 address",
    "Adresse de messagerie 3": "e-mail 3 address",
    "Page Web": "web page",
    "Anniversaire": "birthday",
    "Catégories": "categories",
    "Conjoint(e)": "spouse",
    "Responsable": "manager's name",
    "Nom de l'assistant(e)": "assistant's name",
}  # fmt: skip

SPANISH = {
    "Nombre": "first name",
    "Segundo nombre": "middle name",
    "Apellidos": "last name",
    "Organización": "company",
    "Puesto": "job title",
    **_address(
        "business",
        (
            "Calle del trabajo", "Calle del trabajo 2", "Calle del trabajo 3",
            "Ciudad de trabajo", "Provincia o estado de trabajo", "Código postal del trabajo",
            "País o región del trabajo",
        ),
    ),
    "País o región del domicilio": "home country/region",
    **_address(
        "other",
        (
            "Otra calle", "Otra calle 2", "Otra calle 3", "Otra ciudad",
            "Otra provincia o estado", "Otro código postal", "Otro país o región",
        ),
    ),
    "Apartado postal de la dirección del trabajo": "business address po box",
    "Apartado postal de la dirección personal": "home address po box",
    "Teléfono del trabajo": "business phone",
    "Particular": "home phone",
    "Otro teléfono": "other phone",
    "Teléfono principal": "primary phone",
    "Número de centralita de la organización": "company main phone",
    "Otro fax": "other fax",
    "Dirección de correo electrónico 2": "e-mail 2 address",
    "Dirección del correo electrónico 3": "e-mail 3 address",
    "Página web": "web page",
    "Categorías": "categories",
    "Nombre del director": "manager's name",
}  # fmt: skip

ITALIAN = {
    "Titolo": "title",
    "Nome": "first name",
    "Secondo nome": "middle name",
    "Cognome": "last name",
    "Titolo straniero": "suffix",
    "Società": "company",
    "Reparto": "department",
    **_address(
        "business",
        (
            "Via (uff.)", "Via (uff.) 2", "Via (uff.) 3", "Città (uff.)", "Provincia (uff.)",
            "CAP (uff.)", "Paese (uff.)",
        ),
    ),
    **_address(
        "home",
        (
            "Via (ab.)", "Via (ab.) 2", "Via (ab.) 3", "Città (ab.)", "Provincia (ab.)",
            "CAP (ab.)", "Paese (ab.)",
        ),
    ),
    **_address(
        "other",
        (
            "Altra via", "Altra via 2", "Altra via 3", "Altra città", "Altra provincia",
            "Altro CAP", "",
        ),
    ),
    "Indirizzo (uff.) - Casella postale": "business address po box",
    "Indirizzo (ab.) - Casella postale": "home address po box",
    "Ufficio": "business phone",
    "Ufficio 2": "business phone 2",
    "Abitazione": "home phone",
    "Abitazione 2": "home phone 2",
    "Cellulare": "mobile phone",
    "Altro telefono": "other phone",
    "Telefono principale": "primary phone",
    "Telefono principale società": "company main phone",
    "Telefono auto": "car phone",
    "Fax (uff.)": "business fax",
    "Fax (ab.)": "home fax",
    "Altro fax": "other fax",
    "Cercapersone": "pager",
    "Indirizzo posta elettronica": "e-mail address",
    "Indirizzo posta elettronica 2": "e-mail 2 address",
    "Indirizzo posta elettronica 3": "e-mail 3 address",
    "Pagina Web": "web page",
    "Compleanno": "birthday",
    "Categorie": "categories",
    "Nome coniuge": "spouse",
    "Nome manager": "manager's name",
    "Nome assistente": "assistant's name",
}  # fmt: skip

# Not in Microsoft's table (see SOURCES.tsv): the names Dutch Outlook 2016 writes.
DUTCH = {
    "Titel": "title",
    "Voornaam": "first name",
    "Middelste naam": "middle name",
    "Achternaam": "last name",
    "Achtervoegsel": "suffix",
    "Bedrijf": "company",
    "Afdeling": "department",
    "Functie": "job title",
    **_address(
        "business",
        (
            "Werkadres, straat", "Werkadres, straat 2", "Werkadres, straat 3",
            "Werkadres, plaats", "Werkadres, provincie", "Werkadres, postcode",
            "Werkadres, land/regio",
        ),
    ),
    **_address(
        "home",
        (
            "Huisadres, straat", "Huisadres, straat 2", "Huisadres, straat 3",
            "Huisadres, plaats", "Huisadres, provincie", "Huisadres, postcode",
            "Huisadres, land/regio",
        ),
    ),
    **_address(
        "other",
        (
            "Ander adres, straat", "Ander adres, straat 2", "Ander adres, straat 3",
            "Ander adres, plaats", "Ander adres, provincie", "Ander adres, postcode",
            "Ander adres, land/regio",
        ),
    ),
    "Telefoon op werk": "business phone",
    "Telefoon op werk 2": "business phone 2",
    "Telefoon thuis": "home phone",
    "Telefoon thuis 2": "home phone 2",
    "Mobiele telefoon": "mobile phone",
    "Andere telefoon": "other phone",
    "Fax op werk": "business fax",
    "Fax thuis": "home fax",
    "E-mailadres": "e-mail address",
    "E-mail 2: adres": "e-mail 2 address",
    "E-mail 3: adres": "e-mail 3 address",
    "Webpagina": "web page",
    "Verjaardag": "birthday",
    "Notities": "notes",
    "Categorieën": "categories",
}  # fmt: skip

JAPANESE = {
    "肩書き": "title",
    "名": "first name",
    "ミドル ネーム": "middle name",
    "姓": "last name",
    "敬称": "suffix",
    "会社名": "company",
    "部署": "department",
    "役職": "job title",
    **_address(
        "business",
        (
            "番地 (会社)", "住所 2 (会社)", "住所 3 (会社)", "市町村 (会社)", "都道府県 (会社)",
            "郵便番号 (会社)", "国 (会社)/地域",
        ),
    ),
    **_address(
        "home",
        (
            "番地 (自宅)", "住所 2 (自宅)", "住所 3 (自宅)", "市町村 (自宅)", "都道府県 (自宅)",
            "郵便番号 (自宅)", "国 (自宅)/地域",
        ),
    ),
    **_address(
        "other",
        (
            "番地 (その他)", "住所 2 (その他)", "住所 3 (その他)", "市町村 (その他)",
            "都道府県 (その他)", "郵便番号 (その他)", "国 (その他)/地域",
        ),
    ),
    "会社住所私書箱": "business address po box",
    "自宅住所私書箱": "home address po box",
    "電子メール アドレス": "e-mail address",
    "電子メール 2 アドレス": "e-mail 2 address",
    "電子メール 3 アドレス": "e-mail 3 address",
    "会社電話": "business phone",
    "会社電話 2": "business phone 2",
    "会社代表電話": "company main phone",
    "自宅電話": "home phone",
    "自宅電話 2": "home phone 2",
    "携帯電話": "mobile phone",
    "その他の電話": "other phone",
    "通常の電話": "primary phone",
    "自動車電話": "car phone",
    "会社 FAX": "business fax",
    "自宅 FAX": "home fax",
    "その他の FAX": "other fax",
    "ポケットベル": "pager",
    "Web ページ": "web page",
    "誕生日": "birthday",
    "メモ": "notes",
    "分類": "categories",
    "配偶者": "spouse",
    "マネージャー": "manager's name",
    "秘書の氏名": "assistant's name",
}  # fmt: skip

# The header languages that write a date day first ("28.12.1969", "28/12/1969").
DAY_FIRST = (GERMAN, FRENCH, SPANISH, ITALIAN, DUTCH)
LANGUAGES = (GERMAN, FRENCH, SPANISH, ITALIAN, DUTCH, JAPANESE)
