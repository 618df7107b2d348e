"""What each vCard property means for a contact (2.1, 3.0 and 4.0 alike).

Apple and Google put a label on a property through its group (``item2.TEL`` +
``item2.X-ABLabel:_$!<HomePage>!$_``), sometimes with the label lines after all properties:
labels are collected first.  Instant-messaging handles, related names, anniversaries, gender,
time zone, location and language have no field of their own in the journal and are kept in
the notes (the last four named in the report); properties that only matter to
the program that wrote them (PRODID, REV, X-ABUID ...) are dropped silently; anything else
unknown is named in a warning, so nothing disappears without a word.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Generator
from dataclasses import replace
from datetime import date
from pathlib import Path

from colearn_desktop.core.contact_fields import FIELDS, LABELLED_FIELDS, TEXT_FIELDS, ContactInput
from colearn_desktop.core.interchange.builder import build_record
from colearn_desktop.core.interchange.encoding import (
    Encoding,
    decode_error_message,
    guess_encoding,
    open_text,
)
from colearn_desktop.core.interchange.readers.vcard_lines import (
    Card,
    Property,
    components,
    read_cards,
    unescape,
)
from colearn_desktop.core.interchange.record import ImportFileError, ImportRecord, Photo
from colearn_desktop.core.interchange.targets import (
    REFERRER_UID_PROPERTY,
    Cells,
    Field,
    Target,
    field_for,
    field_of,
)
from colearn_desktop.core.interchange.values import clean_label
from colearn_desktop.core.text import without_unwanted

MAX_PHOTO_BYTES = 2 * 1024 * 1024
# Enough quoted-printable text to tell its encoding, read from the first cards only (the
# file's inspection must stay quick for a file of 100,000 cards).
QUOTED_SAMPLE_BYTES = 64 * 1024
QUOTED_SAMPLE_CARDS = 2000

_SILENT = {
    "PRODID", "REV", "LABEL", "KIND", "SOURCE", "CLIENTPIDMAP", "X-ABUID", "X-ABADR",
    "X-ABLABEL", "X-EVOLUTION-FILE-AS", "X-MS-OL-DESIGN", "X-MS-OL-DEFAULT-POSTAL-ADDRESS",
    "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME", "X-PHONETIC-MIDDLE-NAME", "SORT-STRING",
    "X-ABSHOWAS", "X-MOZILLA-HTML", "X-COUCHDB-APPLICATION-ANNOTATIONS", "X-COUCHDB-UUID",
    "NAME", "PROFILE", "MAILER", "CLASS",
}  # fmt: skip
# Properties the journal has no field for but a person may want: kept in the notes, and the
# import's report names them.
_NOTED = {
    "GENDER": "Gender", "X-GENDER": "Gender", "TZ": "Time zone", "GEO": "Location",
    "LANG": "Language",
}  # fmt: skip
_IM = {
    "X-AIM": "AIM", "X-ICQ": "ICQ", "X-MSN": "MSN", "X-YAHOO": "Yahoo", "X-JABBER": "Jabber",
    "X-SKYPE": "Skype", "X-SKYPE-USERNAME": "Skype", "X-GTALK": "Google Talk", "X-QQ": "QQ",
    "X-MS-IMADDRESS": "IM", "X-GADUGADU": "Gadu-Gadu",
}  # fmt: skip
_RELATED = {
    "X-EVOLUTION-SPOUSE": "Spouse", "X-EVOLUTION-MANAGER": "Manager",
    "X-EVOLUTION-ASSISTANT": "Assistant", "X-MS-SPOUSE": "Spouse", "X-MS-MANAGER": "Manager",
    "X-MS-ASSISTANT": "Assistant", "X-ASSISTANT": "Assistant", "X-MANAGER": "Manager",
    "X-SPOUSE": "Spouse", "X-ABRELATEDNAMES": "Related", "RELATED": "Related",
}  # fmt: skip
_DATES = {
    "ANNIVERSARY": "Anniversary", "X-ANNIVERSARY": "Anniversary",
    "X-EVOLUTION-ANNIVERSARY": "Anniversary", "X-MS-ANNIVERSARY": "Anniversary",
    "X-ABDATE": "Date",
}  # fmt: skip
_NOT_LABELS = {"internet", "pref", "voice", "x400", "x-internet", "text"}
_SYSTEM_GROUPS = {"my contacts", "starred in android"}
_MIME = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


def _label(prop: Property, labels: dict[str, str]) -> str:
    if prop.group and prop.group.casefold() in labels:
        return labels[prop.group.casefold()]
    kinds = [t for t in prop.types if t not in _NOT_LABELS]
    return " ".join("mobile" if t == "cell" else t for t in kinds)


def _photo(prop: Property, record: ImportRecord) -> Photo | None:
    if prop.too_long:
        megabytes = prop.too_long * 3 / 4 / 1_000_000
        record.warn("photo", f"the photo (about {megabytes:.1f} MB) is too large; it was skipped")
        return None
    value = prop.value.strip()
    mime = ""
    if value.startswith("data:"):
        header, _, value = value.partition(",")
        mime = header[5:].split(";")[0]
    elif prop.param("VALUE").casefold() == "uri" or value.startswith(("http:", "https:")):
        record.warn("photo", "the photo is a link to the internet; it was not downloaded")
        return None
    try:
        data = base64.b64decode("".join(value.split()), validate=False)
    except (binascii.Error, ValueError):
        record.warn("photo", "the photo's data is damaged; it was skipped")
        return None
    if not data:
        return None
    if len(data) > MAX_PHOTO_BYTES:
        record.warn(
            "photo",
            f"the photo ({len(data) / 1_000_000:.1f} MB) is larger than the "
            f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB limit; it was skipped",
        )
        return None
    kind = next((t for t in prop.types if t in _MIME), "")
    mime = mime or _MIME.get(kind, "") or _sniff_image(data)
    return Photo(mime, data)


def _sniff_image(data: bytes) -> str:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    return "application/octet-stream"


# ADR's seven components (RFC 6350 6.3.1) and where each goes; the PO box and the extended
# address ("Building 3") join the street lines.
_ADR_PARTS = (
    Field.PO_BOX, Field.STREET, Field.STREET, Field.CITY, Field.REGION, Field.POSTCODE,
    Field.COUNTRY,
)  # fmt: skip


def _adr_value(prop: Property) -> str:
    """ADR's value without debris of a broken ``LABEL=`` parameter: a label with an unquoted
    colon ends the property's head early, and the rest of the label ("…^nBerlin:") lands in
    the first component, the PO box."""
    text = prop.text()
    first, sep, rest = text.partition(";")
    if sep and ":" in first and "LABEL" in prop.params:
        return ";" + rest
    return text


def _address(prop: Property, label: str, position: int) -> Cells:
    group = f"adr{position}"
    parts = [*components(_adr_value(prop)), *[""] * 7][:7]
    # PO box, extended, street: in the street lines as a letter puts them (street first).
    order = (2, 1, 0, 3, 4, 5, 6)
    cells = [(Target(_ADR_PARTS[i], group, label), parts[i].strip()) for i in order]
    if not any(value for _, value in cells):
        # vCard 4's formatted address, when the parts are all empty (RFC 6868 decoded).
        cells = [(Target(Field.ADDRESS, group, label), prop.param("LABEL"))]
    return cells


def _labels_only(card: Card, labels: dict[str, str]) -> Cells:
    """vCard 3's LABEL properties of a card that has no ADR (Evolution writes some): the
    formatted address is all there is, so it is the address."""
    if any(p.name == "ADR" for p in card.properties):
        return []
    return [
        (Target(Field.ADDRESS, f"label{n}", _label(p, labels)), unescape(p.text()))
        for n, p in enumerate(card.properties)
        if p.name == "LABEL"
    ]


# The properties that hold one field of the contact field list as they are (FN, TITLE, URL,
# NOTE, EMAIL, TEL, X-COLEARN-*...); N's components, ORG, ADR and CATEGORIES are read below.
_STRUCTURED = {"N", "ORG", "ADR", "CATEGORIES"}
_SIMPLE: dict[str, Field | str] = {
    f.vcard: field_for(f) for f in FIELDS if f.vcard and "." not in f.vcard
}
for _name in _STRUCTURED:
    _SIMPLE.pop(_name, None)
# Our stable id when it is a UUID (see core/people/contact_ids.parse_uid), else nobody's here.
_SIMPLE["UID"] = Field.UID
# The referrer's stable id (vcard_export writes it next to X-COLEARN-REFERRED-BY's name).
_SIMPLE[REFERRER_UID_PROPERTY] = Field.REFERRED_BY_UID
# Which field ORG's first component is (its other components are the department).
_ORG = next(field_for(f) for f in FIELDS if f.vcard == "ORG")
_LABELLED = {"URL", *(f.vcard for f in LABELLED_FIELDS)}
# The components of N that are fields of the contact field list ("N.3": the fourth).
_N_FIELDS = [f for f in TEXT_FIELDS if f.vcard.startswith("N.")]


def _label_for(name: str, label: str) -> str:
    return label if name in _LABELLED else ""


def _simple(name: str, text: str) -> str:
    value = unescape(text)
    if name in _LABELLED:
        value = value.strip()
    return value.removeprefix("tel:") if name == "TEL" else value


def _structured(prop: Property, text: str, label: str, position: int) -> Cells:
    if prop.name == "N":
        parts = [*components(text), "", "", "", "", ""]
        # The middle names (the third component) have no field: the builder adds them to
        # the given name.
        named = [(Target(field_of(f.key)), parts[int(f.vcard[2:])]) for f in _N_FIELDS]
        return [*named, (Target(Field.MIDDLE), parts[2].replace(",", " "))]
    if prop.name == "ORG":
        company, *units = [c.strip() for c in components(text)]
        return [
            (Target(_ORG), company),
            (Target(Field.DEPARTMENT), ", ".join(u for u in units if u)),
        ]
    return _address(prop, label, position)


def _report_leftovers(record: ImportRecord, noted: list[str], unknown: list[str]) -> None:
    """Name what went to the notes for want of a field, and what was not imported."""
    if noted:
        record.warn(
            "",
            "kept in the notes, as a contact has no field for them: "
            + ", ".join(sorted(set(noted))),
        )
    if unknown:
        names = without_unwanted(", ".join(sorted(set(unknown))))
        record.warn("", f"not imported (no matching field): {names}")


def _cells(card: Card, record: ImportRecord) -> Cells:
    labels = {
        p.group.casefold(): clean_label(unescape(p.text()))
        for p in card.properties
        if p.name == "X-ABLABEL" and p.group
    }
    cells: Cells = []
    unknown: list[str] = []
    noted: list[str] = []
    seen_notes: set[str] = set()

    def note(label: str, value: str) -> None:
        line = f"{label}: {value}"
        if value and line not in seen_notes:
            seen_notes.add(line)
            cells.append((Target(Field.NOTE_LINE), line))

    for prop in card.properties:
        name = prop.name
        if name == "PHOTO" or name in _SILENT:
            continue
        if prop.too_long:
            record.warn(name.lower(), f"the value is too long ({prop.too_long:,} characters)")
            continue
        text = prop.text()
        label = _label(prop, labels)
        if name in _SIMPLE:
            cells.append(
                (Target(_SIMPLE[name], label=_label_for(name, label)), _simple(name, text))
            )
        elif name in {"N", "ORG", "ADR"}:
            cells.extend(_structured(prop, text, label, len(cells)))
        elif name == "ROLE":
            note("Role", unescape(text))
        elif name == "CATEGORIES":
            groups = [g for g in components(text.replace(",", ";")) if g.strip()]
            kept = [g for g in groups if g.strip().casefold() not in _SYSTEM_GROUPS]
            cells.append((Target(Field.TAGS), ", ".join(kept)))
        elif name == "NICKNAME":
            note("Nickname", unescape(text))
        elif name == "IMPP" or name in _IM:
            service = prop.param("X-SERVICE-TYPE") or label or _IM.get(name, "")
            note(f"IM ({service})" if service else "IM", unescape(text).strip())
        elif name in _RELATED:
            note(label.title() if label else _RELATED[name], unescape(text))
        elif name in _DATES:
            note(label.title() if label else _DATES[name], unescape(text))
        elif name.startswith("X-CUSTOM"):
            note(f"Custom {name[8:]}", unescape(text))
        elif name in _NOTED and text.strip():
            parts = [p.strip() for p in components(text) if p.strip()]
            note(_NOTED[name], " ".join(parts))
            noted.append(name)
        elif text.strip():
            unknown.append(name)
    cells.extend(_labels_only(card, labels))
    _report_leftovers(record, noted, unknown)
    return cells


def card_to_record(card: Card, today: date) -> ImportRecord:
    record = ImportRecord(card.number, ContactInput())
    photo = None
    for prop in card.properties:
        if prop.name == "PHOTO" and photo is None:
            photo = _photo(prop, record)
    cells = _cells(card, record)
    built = build_record(card.number, cells, today, photo)
    built.problems[:0] = record.problems
    if card.unterminated:
        built.error(
            "",
            "this card has no END:VCARD line: the file is cut short or damaged, so the card "
            "may be incomplete",
        )
    return built


def _quoted_sample(path: Path, encoding: Encoding) -> bytes:
    """The bytes of the first quoted-printable values that name no CHARSET."""
    sample = bytearray()
    text, _ = open_text(path, encoding)
    with text:
        try:
            for card in read_cards(text):
                for prop in card.properties:
                    if prop.quoted_printable and not prop.param("CHARSET"):
                        sample += prop.quoted_bytes() + b"\n"
                if len(sample) > QUOTED_SAMPLE_BYTES or card.number >= QUOTED_SAMPLE_CARDS:
                    break
        except UnicodeDecodeError:
            pass  # the plan says the file cannot be read
    return bytes(sample)


def quoted_printable_encoding(path: Path, encoding: Encoding) -> Encoding:
    """``encoding`` with what the quoted-printable values without a CHARSET are in: UTF-8
    when they are valid UTF-8 (phones), else the file's encoding when it is an 8-bit one
    that reads them, else the code page they read best in (The Bat! writes "=F1" for "ń" in
    Windows-1250 into a file that is otherwise plain ASCII)."""
    if encoding.chosen:
        return encoding
    sample = _quoted_sample(path, encoding)
    if sample.isascii():
        return encoding
    for codec in ("utf-8", encoding.name):
        try:
            sample.decode(codec)
        except UnicodeDecodeError:
            continue
        return encoding if codec == encoding.name else replace(encoding, quoted=codec)
    found = guess_encoding(sample)
    return replace(encoding, quoted=found.name, sure=encoding.sure and found.sure)


def read_vcards(
    path: Path, encoding: Encoding, today: date, progress: Callable[[int], None] | None = None
) -> Generator[ImportRecord, None, None]:
    text, counter = open_text(path, encoding)
    with text:
        try:
            for card in read_cards(text, encoding.quoted or encoding.name):
                if progress is not None and card.number % 200 == 0:
                    progress(counter.position)
                yield card_to_record(card, today)
        except UnicodeDecodeError as error:
            raise ImportFileError(decode_error_message(path, encoding, error)) from error
        if progress is not None:
            progress(counter.position)
