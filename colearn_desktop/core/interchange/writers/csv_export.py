"""Contacts as CSV: ours (every field), Google Contacts (current header), Outlook (desktop).

RFC 4180: comma-separated, CRLF between records, a cell quoted when it holds a comma, quote
or line break, quotes doubled.  UTF-8 with a byte-order mark by default, so Excel reads
accents right.  Excel-safe by default: in our CSV a cell starting with ``=``, ``+``, ``-``,
``@``, tab, CR or LF gets a leading apostrophe (OWASP's advice against CSV injection); our
importer takes it off again.  Google and Outlook keep such an apostrophe as part of the value,
so their files get one only before what could run as a formula: a phone number "+44 ..." or a
year-less birthday "--05-21" stays as it is.  Notes are written whole, however long.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO

from colearn_desktop.core.contact_fields import (
    BY_NAME,
    FIELDS,
    LABELLED_FIELDS,
    TEXT_FIELDS,
    ContactField,
    Kind,
)
from colearn_desktop.core.interchange.csv_profiles import (
    OURS_HEADER,
    REFERRER_UID_COLUMN,
    UID_COLUMN,
)
from colearn_desktop.core.interchange.readers.noted_values import noted_line
from colearn_desktop.core.interchange.values import (
    FORMULA_TRIGGERS,
    format_labelled,
    neutralise,
    neutralise_formula,
)
from colearn_desktop.core.interchange.writers.export_query import ExportRow
from colearn_desktop.core.postal_address import address_of, format_address

_TRIGGER_START = set(FORMULA_TRIGGERS) | {"'"}


@dataclass(frozen=True)
class CsvOptions:
    excel_safe: bool = True
    bom: bool = True


def birthday_text(row: ExportRow, *, us: bool = False) -> str:
    if row.birthday_month is None or row.birthday_day is None:
        return ""
    if us:
        return (
            f"{row.birthday_month}/{row.birthday_day}/{row.birthday_year}"
            if row.birthday_year
            else ""
        )
    if row.birthday_year is None:
        return f"--{row.birthday_month:02d}-{row.birthday_day:02d}"
    return f"{row.birthday_year:04d}-{row.birthday_month:02d}-{row.birthday_day:02d}"


def _field_cell(field: ContactField, row: ExportRow) -> object:
    kind = field.kind
    if field.children is not None:
        return format_labelled(row.labelled(field.name))
    if kind is Kind.BIRTHDAY:
        return birthday_text(row)
    if kind is Kind.CADENCE:
        return row.cadence_days if row.cadence_days is not None else ""
    if kind is Kind.TAGS:
        return ", ".join(row.tags)
    if kind is Kind.REFERRER:
        return row.referred_by or ""
    return getattr(row, field.name)


def _ours(row: ExportRow) -> list[object]:
    """The cells of OURS_HEADER (ours_csv.py writes the same from SQL)."""
    cells: list[object] = []
    for field in FIELDS:
        cells.append(_field_cell(field, row))
        if field.name == "name":
            cells.append(row.display_name)
    return [
        *cells,
        (row.last_contact_at or "")[:16],
        row.next_due or "",
        row.added_on,
        (row.archived_at or "")[:10],
        row.uid,
        row.referred_by_uid or "",
    ]


def _google_slots() -> dict[str, int]:
    """Google's numbered columns a text field takes ("Website 1" for the website): its
    labelled list continues after it."""
    slots: dict[str, int] = {}
    for field in TEXT_FIELDS:
        if field.google_csv and (first := re.fullmatch(r"(.+) 1 - Value", field.google_csv[0])):
            slots[first[1]] = 1
    return slots


_GOOGLE_TAKEN = _google_slots()
_GOOGLE_LISTS = [f for f in LABELLED_FIELDS if f.google_csv]


def google_header(counts: dict[str, int]) -> list[str]:
    """Google's columns, with as many numbered ones (e-mails, phones, websites) as the most
    any contact has."""
    header = [
        "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
        "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
        "Organization Name", "Organization Title", "Organization Department", "Birthday",
        "Notes", "Photo", "Labels",
    ]  # fmt: skip
    numbered = dict(_GOOGLE_TAKEN)
    for field in _GOOGLE_LISTS:
        group = field.google_csv[0]
        numbered[group] = numbered.get(group, 0) + counts.get(field.name, 0)
    for group, count in numbered.items():
        for n in range(1, max(count, 1) + 1):
            header += [f"{group} {n} - Label", f"{group} {n} - Value"]
    return [*header, *GOOGLE_ADDRESS]


# Google's address columns, in its order (the PO box and extended address stay empty: the
# street lines hold them).
GOOGLE_ADDRESS = [
    f"Address 1 - {part}"
    for part in (
        "Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country",
        "Extended Address",
    )
]  # fmt: skip


def _listed_cells(program: str, row: ExportRow) -> dict[str, object]:
    """The columns the contact field list gives its text fields in ``program``."""
    return {
        getattr(f, f"{program}_csv")[0]: getattr(row, f.name)
        for f in TEXT_FIELDS
        if getattr(f, f"{program}_csv")
    }


def _google(row: ExportRow, header: list[str]) -> list[object]:
    cells: dict[str, object] = {
        **_listed_cells("google", row),
        "First Name": row.given_name or (row.name if not row.family_name else ""),
        "Last Name": row.family_name,
        "File As": row.display_name,
        "Birthday": birthday_text(row),
        "Notes": row.notes,
        "Labels": " ::: ".join([*row.tags, "* myContacts"]),
        "Address 1 - Label": row.address_label.title(),
        "Address 1 - Formatted": format_address(address_of(row)),
    }
    taken = dict(_GOOGLE_TAKEN)
    for field in _GOOGLE_LISTS:
        group = field.google_csv[0]
        items = row.labelled(field.name)
        for n, item in enumerate(items, start=taken.get(group, 0) + 1):
            cells[f"{group} {n} - Label"] = item.label.title()
            cells[f"{group} {n} - Value"] = item.value
        taken[group] = taken.get(group, 0) + len(items)
    return [cells.get(name, "") for name in header]


OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
    "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage",
    "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority",
    "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2",
    "User 3", "User 4", "Web Page",
    # Not Outlook's: the contact's and its referrer's stable ids, which Outlook ignores and our
    # importer matches by (a name may be two people).
    UID_COLUMN, REFERRER_UID_COLUMN,
]  # fmt: skip
_OUTLOOK_INDEX = {name: i for i, name in enumerate(OUTLOOK_HEADER)}
_PHONE_SLOTS = {
    "mobile": ("Mobile Phone",),
    "cell": ("Mobile Phone",),
    "home": ("Home Phone", "Home Phone 2"),
    "work": ("Business Phone", "Business Phone 2"),
    "fax": ("Business Fax", "Home Fax", "Other Fax"),
    "pager": ("Pager",),
}
_SPARE_PHONES = ("Other Phone", "Primary Phone", "Business Phone 2", "Home Phone 2", "Car Phone")


# Outlook's three addresses, by the label of ours (no label: the business address, where
# this app has always written it).
_OUTLOOK_ADDRESS = {"home": "Home", "private": "Home", "other": "Other", "postal": "Other"}


def _put_address(row: ExportRow, put: Callable[[str, object], None]) -> None:
    address = address_of(row)
    if address.empty:
        return
    prefix = _OUTLOOK_ADDRESS.get(address.label.casefold(), "Business")
    put(f"{prefix} Street", address.street)
    put(f"{prefix} City", address.city)
    put(f"{prefix} State", address.region)
    put(f"{prefix} Postal Code", address.postal_code)
    put(f"{prefix} Country/Region", address.country)


def _outlook(row: ExportRow) -> list[object]:
    cells: list[object] = [""] * len(OUTLOOK_HEADER)

    def put(name: str, value: object) -> None:
        cells[_OUTLOOK_INDEX[name]] = value

    for name, value in _listed_cells("outlook", row).items():
        put(name, value)
    put("First Name", row.given_name or (row.name if not row.family_name else ""))
    put("Last Name", row.family_name)
    _put_address(row, put)
    extra: list[str] = []
    for n, email in enumerate(row.emails):
        if n < 3:
            prefix = "E-mail" if n == 0 else f"E-mail {n + 1}"
            put(f"{prefix} Address", email.value)
            put(f"{prefix} Type", "SMTP")
            put(f"{prefix} Display Name", f"{row.display_name} ({email.value})")
        else:
            extra.append(noted_line(BY_NAME["emails"], email))
    for phone in row.phones:
        slots = _PHONE_SLOTS.get(phone.label.casefold(), ()) + _SPARE_PHONES
        free = next((s for s in slots if not cells[_OUTLOOK_INDEX[s]]), None)
        if free:
            put(free, phone.value)
        else:
            extra.append(noted_line(BY_NAME["phones"], phone))
    # The lists Outlook has no columns for (profile links) go to the notes.
    for listed in LABELLED_FIELDS:
        if not listed.outlook_csv:
            extra.extend(noted_line(listed, item) for item in row.labelled(listed.name))
    birthday = birthday_text(row, us=True)
    if row.birthday_month and not birthday:
        extra.append(f"Birthday: {birthday_text(row)}")
    put("Birthday", birthday)
    put("Notes", "\n".join(filter(None, [row.notes, *extra])))
    put("Categories", ";".join(row.tags))
    put("Referred By", row.referred_by or "")
    put(UID_COLUMN, row.uid)
    put(REFERRER_UID_COLUMN, row.referred_by_uid or "")
    put("Private", "False")
    put("Sensitivity", "Normal")
    put("Priority", "Normal")
    return cells


def _safe(cells: Iterable[object]) -> list[object]:
    return [
        neutralise(c) if isinstance(c, str) and c and c[0] in _TRIGGER_START else c for c in cells
    ]


def _formula_safe(cells: Iterable[object]) -> list[object]:
    """For Google and Outlook, which keep an apostrophe as part of the value: only what could
    run as a formula gets one (see :func:`neutralise_formula`)."""
    return [
        neutralise_formula(c) if isinstance(c, str) and c and c[0] in _TRIGGER_START else c
        for c in cells
    ]


def write_csv(
    handle: IO[str],
    fmt: str,
    rows: Iterator[ExportRow],
    options: CsvOptions,
    counts: dict[str, int] | None = None,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` in ``fmt`` ("csv", "google-csv", "outlook-csv"); returns how many.
    ``counts``: the most values a contact has in each labelled list (Google numbers them)."""
    writer = csv.writer(handle, lineterminator="\r\n")
    if fmt == "csv":
        header, convert = list(OURS_HEADER), _ours
    elif fmt == "google-csv":
        header = google_header(counts or {})
        convert = partial(_google, header=header)
    else:
        header, convert = OUTLOOK_HEADER, _outlook
    writer.writerow(header)
    written = 0
    safe = (_safe if fmt == "csv" else _formula_safe) if options.excel_safe else list
    for row in rows:
        writer.writerow(safe(convert(row)))
        written += 1
        if tick is not None and written % 1000 == 0:
            tick(written)
    return written
