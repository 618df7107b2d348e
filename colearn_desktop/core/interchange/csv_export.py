"""Contacts as CSV: ours (every field), Google Contacts (current header), Outlook (desktop).

RFC 4180: comma-separated, CRLF between records, a cell quoted when it holds a comma, quote
or line break, quotes doubled.  UTF-8 with a byte-order mark by default, so Excel reads
accents right.  Excel-safe by default: a cell starting with ``=``, ``+``, ``-``, ``@``, tab,
CR or LF gets a leading apostrophe (OWASP's advice against CSV injection); our importer takes
it off again.  Notes are written whole, however long.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO

from .csv_profiles import OURS_HEADER
from .export_query import ExportRow
from .noted_values import email_line, phone_line
from .values import FORMULA_TRIGGERS, format_labelled, neutralise

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


def _ours(row: ExportRow) -> list[object]:
    return [
        row.given_name,
        row.family_name,
        row.name,
        row.display_name,
        row.company,
        row.job_title,
        format_labelled(row.emails),
        format_labelled(row.phones),
        row.address,
        row.website,
        birthday_text(row),
        row.stage,
        row.cadence_days if row.cadence_days is not None else "",
        ", ".join(row.tags),
        row.how_met,
        row.referred_by or "",
        row.notes,
        (row.last_contact_at or "")[:16],
        row.next_due or "",
        row.added_on,
        (row.archived_at or "")[:10],
    ]


def google_header(emails: int, phones: int) -> list[str]:
    header = [
        "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
        "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
        "Organization Name", "Organization Title", "Organization Department", "Birthday",
        "Notes", "Photo", "Labels",
    ]  # fmt: skip
    for n in range(1, emails + 1):
        header += [f"E-mail {n} - Label", f"E-mail {n} - Value"]
    for n in range(1, phones + 1):
        header += [f"Phone {n} - Label", f"Phone {n} - Value"]
    header += [
        "Address 1 - Label",
        "Address 1 - Formatted",
        "Website 1 - Label",
        "Website 1 - Value",
    ]
    return header


def _google(row: ExportRow, emails: int, phones: int) -> list[object]:
    first = row.given_name or (row.name if not row.family_name else "")
    cells: list[object] = [
        first, "", row.family_name, "", "", "", "", "", "", row.display_name, row.company,
        row.job_title, "", birthday_text(row), row.notes, "",
        " ::: ".join([*row.tags, "* myContacts"]),
    ]  # fmt: skip
    for items, count in ((row.emails, emails), (row.phones, phones)):
        for n in range(count):
            cells += [items[n].label.title(), items[n].value] if n < len(items) else ["", ""]
    cells += ["Home" if row.address else "", row.address, "", row.website]
    return cells


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


def _outlook(row: ExportRow) -> list[object]:
    cells: list[object] = [""] * len(OUTLOOK_HEADER)

    def put(name: str, value: object) -> None:
        cells[_OUTLOOK_INDEX[name]] = value

    put("First Name", row.given_name or (row.name if not row.family_name else ""))
    put("Last Name", row.family_name)
    put("Company", row.company)
    put("Job Title", row.job_title)
    put("Business Street", row.address)
    extra: list[str] = []
    for n, email in enumerate(row.emails):
        if n < 3:
            prefix = "E-mail" if n == 0 else f"E-mail {n + 1}"
            put(f"{prefix} Address", email.value)
            put(f"{prefix} Type", "SMTP")
            put(f"{prefix} Display Name", f"{row.display_name} ({email.value})")
        else:
            extra.append(email_line(email))
    for phone in row.phones:
        slots = _PHONE_SLOTS.get(phone.label.casefold(), ()) + _SPARE_PHONES
        free = next((s for s in slots if not cells[_OUTLOOK_INDEX[s]]), None)
        if free:
            put(free, phone.value)
        else:
            extra.append(phone_line(phone))
    birthday = birthday_text(row, us=True)
    if row.birthday_month and not birthday:
        extra.append(f"Birthday: {birthday_text(row)}")
    put("Birthday", birthday)
    put("Notes", "\n".join(filter(None, [row.notes, *extra])))
    put("Categories", ";".join(row.tags))
    put("Referred By", row.referred_by or "")
    put("Web Page", row.website)
    put("Private", "False")
    put("Sensitivity", "Normal")
    put("Priority", "Normal")
    return cells


def _safe(cells: Iterable[object]) -> list[object]:
    return [
        neutralise(c) if isinstance(c, str) and c and c[0] in _TRIGGER_START else c for c in cells
    ]


def write_csv(
    handle: IO[str],
    fmt: str,
    rows: Iterator[ExportRow],
    options: CsvOptions,
    counts: tuple[int, int] = (1, 1),
    tick: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` in ``fmt`` ("csv", "google-csv", "outlook-csv"); returns how many."""
    writer = csv.writer(handle, lineterminator="\r\n")
    if fmt == "csv":
        header, convert = list(OURS_HEADER), _ours
    elif fmt == "google-csv":
        emails, phones = max(counts[0], 1), max(counts[1], 1)
        header = google_header(emails, phones)
        convert = partial(_google, emails=emails, phones=phones)
    else:
        header, convert = OUTLOOK_HEADER, _outlook
    writer.writerow(header)
    written = 0
    safe = options.excel_safe
    for row in rows:
        cells = convert(row)
        writer.writerow(_safe(cells) if safe else cells)
        written += 1
        if tick is not None and written % 1000 == 0:
            tick(written)
    return written
