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

from colearn_desktop.core.contact_fields import LABELLED_FIELDS, TEXT_FIELDS
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
# The labelled lists besides e-mails and phones (profile links), one property per value.
_OTHER_LISTS = [f for f in LABELLED_FIELDS if f.vcard not in {"EMAIL", "TEL"}]


def card(row: ExportRow, version: str = "4.0") -> str:
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", "PRODID:-//CoLearn//CoLearn Desktop//EN"]
    lines.append(f"FN:{escape(row.display_name)}")
    lines.append("N:" + ";".join(escape(getattr(row, n)) if n else "" for n in _N_PARTS))
    if row.company:
        lines.append(f"ORG:{escape(row.company)}")
    if row.job_title:
        lines.append(f"TITLE:{escape(row.job_title)}")
    for email in row.emails:
        lines.append(f"EMAIL{_type(email.label)}:{email.value}")
    for phone in row.phones:
        value_type = ";VALUE=text" if v4 else ""
        lines.append(f"TEL{value_type}{_type(phone.label)}:{escape(phone.value)}")
    if row.address:
        lines.append(f"ADR:;;{escape(row.address)};;;;")
    if row.website:
        lines.append(f"URL:{row.website}")
    for listed in _OTHER_LISTS:
        for item in row.labelled(listed.name):
            lines.append(f"{listed.vcard}{_type(item.label)}:{item.value}")
    if row.birthday_month and row.birthday_day:
        month_day = f"{row.birthday_month:02d}{row.birthday_day:02d}"
        if row.birthday_year:
            year = f"{row.birthday_year:04d}"
            lines.append(
                f"BDAY:{year}{month_day}" if v4 else f"BDAY:{year}-{month_day[:2]}-{month_day[2:]}"
            )
        elif v4:
            lines.append(f"BDAY:--{month_day}")
        else:
            lines.append(f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month_day[:2]}-{month_day[2:]}")
    if row.notes:
        lines.append(f"NOTE:{escape(row.notes)}")
    if row.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in row.tags))
    lines.append(f"X-COLEARN-STAGE:{row.stage}")
    if row.cadence_days is not None:
        lines.append(f"X-COLEARN-CADENCE:{row.cadence_days}")
    if row.how_met:
        lines.append(f"X-COLEARN-HOW-MET:{escape(row.how_met)}")
    if row.referred_by:
        lines.append(f"X-COLEARN-REFERRED-BY:{escape(row.referred_by)}")
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
