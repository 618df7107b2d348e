"""Contacts as vCard 4.0 (RFC 6350), or 3.0 (RFC 2426) for older programs.

Lines are folded at 75 octets without splitting a UTF-8 character and end with CRLF; text is
escaped (backslash, comma, semicolon, newline).  What vCard has no property for (stage,
keep-in-touch cadence, how we met, who referred them) travels in ``X-COLEARN-*`` properties,
which other programs ignore and our importer reads, so a round trip keeps every field.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import IO

from colearn_desktop.core.contact_fields import FIELDS, TEXT_FIELDS, ContactField, Kind
from colearn_desktop.core.interchange.writers.export_query import ExportRow

_KNOWN_TYPES = {"work", "home", "cell", "mobile", "fax", "pager", "voice", "text", "video", "main"}


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
    label = label.casefold().strip()
    if not label:
        return ""
    if label == "mobile":
        label = "cell"
    if label in _KNOWN_TYPES and " " not in label:
        return f";TYPE={label}"
    return ';TYPE="' + label.replace('"', "'") + '"'


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


def _text_lines(field: ContactField, row: ExportRow) -> list[str]:
    """A text field with a property of its own (ORG, TITLE, URL, NOTE, X-COLEARN-HOW-MET...)
    as one line; the names (N's components, FN) are written before the fields."""
    value = getattr(row, field.name)
    if not value or field.vcard.startswith("N.") or field.vcard == "FN":
        return []
    if field.vcard == "ADR":  # the whole address in the street component
        return [f"ADR:;;{escape(value)};;;;"]
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
    if field.kind is Kind.REFERRER:
        return [f"{field.vcard}:{escape(row.referred_by)}"] if row.referred_by else []
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
