"""Contacts as vCard 4.0 (RFC 6350), or 3.0 (RFC 2426) for older programs.

Lines are folded at 75 octets without splitting a UTF-8 character and end with CRLF; text is
escaped (backslash, comma, semicolon, newline).  What vCard has no property for (stage,
keep-in-touch cadence, how we met, who referred them) travels in ``X-COLEARN-*`` properties,
which other programs ignore and our importer reads, so a round trip keeps every field.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from typing import IO

from colearn_desktop.core.contact_fields import FIELDS, TEXT_FIELDS, ContactField, Kind
from colearn_desktop.core.interchange.targets import REFERRER_UID_PROPERTY
from colearn_desktop.core.interchange.writers.export_query import ExportRow

# A parameter value that needs no quotes (RFC 6350's iana-token / x-name).
_TOKEN = re.compile(r"[a-z0-9-]+")


def _n_parts() -> tuple[str, ...]:
    """The field behind each component of N, from the contact field list ("N.3": the
    fourth); the middle name has no field, its component stays empty."""
    parts = [""] * 5
    for field in TEXT_FIELDS:
        if field.vcard.startswith("N."):
            parts[int(field.vcard[2:])] = field.name
    return tuple(parts)


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold at 75 octets (continuation lines start with one space)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    pieces = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74
        current += ch
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces) + "\r\n"


def _type(label: str) -> str:
    """A label as TYPE: its words as a list of values ("home fax" -> ``TYPE=home,fax``, as
    RFC 6350 writes several types; our reader joins them back), "mobile" as vCard's "cell".
    A label with a word that is no parameter token ("Büro", "old (2019)") stays one quoted
    value, which every reader takes whole."""
    words = ["cell" if word == "mobile" else word for word in label.casefold().split()]
    if not words:
        return ""
    if all(_TOKEN.fullmatch(word) for word in words):
        return ";TYPE=" + ",".join(words)
    return ';TYPE="' + " ".join(words).replace('"', "'") + '"'


def _rev(updated_at: str | None) -> list[str]:
    """REV: when the contact last changed (stored in UTC), so an address book that imports
    the file again updates the card it has instead of keeping the older one."""
    digits = "".join(ch for ch in (updated_at or "")[:19] if ch.isdigit())
    return [f"REV:{digits[:8]}T{digits[8:14]}Z"] if len(digits) == 14 else []


_N_PARTS = _n_parts()
# vCard's URI properties: their values are written as they are, not escaped as text.
_URI_PROPERTIES = {"URL", "X-SOCIALPROFILE"}


def _labelled_lines(field: ContactField, row: ExportRow, v4: bool) -> list[str]:
    """One property per value of a labelled list, its label as the TYPE."""
    lines = []
    for item in row.labelled(field.name):
        if field.vcard == "TEL":
            value_type = ";VALUE=text" if v4 else ""
            lines.append(f"TEL{value_type}{_type(item.label)}:{escape(item.value)}")
        else:
            lines.append(f"{field.vcard}{_type(item.label)}:{item.value}")
    return lines


def _birthday_lines(row: ExportRow, v4: bool) -> list[str]:
    if not (row.birthday_month and row.birthday_day):
        return []
    month_day = f"{row.birthday_month:02d}{row.birthday_day:02d}"
    if row.birthday_year:
        year = f"{row.birthday_year:04d}"
        return [f"BDAY:{year}{month_day}" if v4 else f"BDAY:{year}-{month_day[:2]}-{month_day[2:]}"]
    if v4:
        return [f"BDAY:--{month_day}"]
    return [f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month_day[:2]}-{month_day[2:]}"]


def _adr_parts() -> tuple[tuple[str, ...], str, str]:
    """The field behind each of ADR's seven components ("ADR.2": the street), the field of
    its TYPE ("ADR.TYPE"), and the first ADR field of the list (where the line is written)."""
    parts = [""] * 7
    label = ""
    first = ""
    for field in TEXT_FIELDS:
        if not field.vcard.startswith("ADR."):
            continue
        first = first or field.vcard
        component = field.vcard[4:]
        if component.isdigit():
            parts[int(component)] = field.name
        else:
            label = field.name
    return tuple(parts), label, first


_ADR_PARTS, _ADR_LABEL, _ADR_FIRST = _adr_parts()


def _adr_lines(row: ExportRow) -> list[str]:
    """The postal address as one ADR, its parts in their components, its label the TYPE."""
    values = [escape(getattr(row, name)) if name else "" for name in _ADR_PARTS]
    if not any(values):
        return []
    return [f"ADR{_type(getattr(row, _ADR_LABEL) if _ADR_LABEL else '')}:" + ";".join(values)]


def _text_lines(field: ContactField, row: ExportRow) -> list[str]:
    """A text field with a property of its own (ORG, TITLE, URL, NOTE, X-COLEARN-HOW-MET...)
    as one line; the names (N's components, FN) are written before the fields."""
    if field.vcard.startswith("ADR."):
        return _adr_lines(row) if field.vcard == _ADR_FIRST else []
    value = getattr(row, field.name)
    if not value or field.vcard.startswith("N.") or field.vcard == "FN":
        return []
    shown = value if field.vcard in _URI_PROPERTIES else escape(value)
    return [f"{field.vcard}:{shown}"]


def _field_lines(field: ContactField, row: ExportRow, v4: bool) -> list[str]:
    """The lines of one field of the contact field list, in the property it names."""
    if not field.vcard:
        return []
    if field.column:
        return _text_lines(field, row)
    if field.children is not None:
        return _labelled_lines(field, row, v4)
    if field.kind is Kind.BIRTHDAY:
        return _birthday_lines(row, v4)
    if field.kind is Kind.TAGS:
        return ["CATEGORIES:" + ",".join(escape(t) for t in row.tags)] if row.tags else []
    if field.kind is Kind.STAGE:
        return [f"{field.vcard}:{row.stage}"]
    if field.kind is Kind.CADENCE:
        return [] if row.cadence_days is None else [f"{field.vcard}:{row.cadence_days}"]
    if field.kind is Kind.REFERRER and row.referred_by:
        return [
            f"{field.vcard}:{escape(row.referred_by)}",
            f"{REFERRER_UID_PROPERTY}:urn:uuid:{row.referred_by_uid}",
        ]
    return []


def card(row: ExportRow, version: str = "4.0") -> str:
    """One contact as a vCard: its names, then every field of the contact field list in the
    list's order (``ContactField.vcard`` names the property), then the photo."""
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", "PRODID:-//CoLearn//CoLearn Desktop//EN"]
    lines.append(f"FN:{escape(row.display_name)}")
    lines.append("N:" + ";".join(escape(getattr(row, n)) if n else "" for n in _N_PARTS))
    for field in FIELDS:
        lines.extend(_field_lines(field, row, v4))
    if row.photo:
        data = base64.b64encode(row.photo).decode("ascii")
        mime = row.photo_mime or "image/jpeg"
        if v4:
            lines.append(f"PHOTO:data:{mime};base64,{data}")
        else:
            lines.append(f"PHOTO;ENCODING=b;TYPE={mime.split('/')[-1].upper()}:{data}")
    lines.extend(_rev(row.updated_at))
    lines.append(f"UID:urn:uuid:{row.uid}")
    lines.append("END:VCARD")
    return "".join(fold_line(line) for line in lines)


def write_vcards(
    handle: IO[str],
    rows: Iterator[ExportRow],
    version: str = "4.0",
    tick: Callable[[int], None] | None = None,
) -> int:
    written = 0
    for row in rows:
        handle.write(card(row, version))
        written += 1
        if tick is not None and written % 1000 == 0:
            tick(written)
    return written
