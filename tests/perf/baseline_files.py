"""The baselines that write and read whole files (see :mod:`tests.perf.baseline` for what a
baseline is): the contacts exported to CSV with one query, and a CSV imported with
``executemany`` in one transaction."""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

# -- export ----------------------------------------------------------------------------------

EXPORT_SQL = """
SELECT c.given_name, c.family_name, c.name, c.display_name, c.company, c.job_title,
       COALESCE(em.items, ''), COALESCE(tel.items, ''), c.address, c.website,
       c.birthday_year, c.birthday_month, c.birthday_day, c.stage, c.cadence_days,
       COALESCE(tg.tags, ''), c.how_met, COALESCE(r.display_name, ''), c.notes,
       c.last_contact_at, c.created_at
FROM contact c
LEFT JOIN contact r ON r.id = c.referred_by_id
LEFT JOIN (SELECT contact_id, group_concat(address || ' (' || label || ')', '; ') AS items
           FROM (SELECT contact_id, address, label FROM contact_email
                 ORDER BY contact_id, position) GROUP BY contact_id) em ON em.contact_id = c.id
LEFT JOIN (SELECT contact_id, group_concat(number || ' (' || label || ')', '; ') AS items
           FROM (SELECT contact_id, number, label FROM contact_phone
                 ORDER BY contact_id, position) GROUP BY contact_id) tel ON tel.contact_id = c.id
LEFT JOIN (SELECT ct.contact_id, group_concat(t.name, ', ') AS tags
           FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id GROUP BY ct.contact_id) tg
       ON tg.contact_id = c.id
WHERE c.archived_at IS NULL
ORDER BY c.sort_name, c.id
"""

EXPORT_HEADER = (
    "given_name", "family_name", "name", "display_name", "company", "job_title", "emails",
    "phones", "address", "website", "birthday_year", "birthday_month", "birthday_day", "stage",
    "cadence_days", "tags", "how_met", "referred_by", "notes", "last_contact", "added",
)  # fmt: skip


def export_csv(connection: sqlite3.Connection, path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_HEADER)
        cursor = connection.execute(EXPORT_SQL)
        count = 0
        while rows := cursor.fetchmany(1000):
            writer.writerows(rows)
            count += len(rows)
    return count


# -- import ----------------------------------------------------------------------------------

_LABELLED = re.compile(r"^(.*?)(?: \(([^()]*)\))?$")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: str) -> str:
    """Undo the export's spreadsheet safety (a leading apostrophe before =, +, -, @ ...)."""
    if value.startswith("'") and value[1:2] in _TRIGGERS:
        return value[1:]
    return value


def _labelled(cell: str) -> list[tuple[str, str]]:
    found = []
    for part in _cell(cell).split("; "):
        if part:
            match = _LABELLED.match(part)
            assert match is not None
            found.append((match.group(1), match.group(2) or ""))
    return found


def import_csv(connection: sqlite3.Connection, path: Path, stamp: str) -> int:
    """Read our own CSV (as the app exports it) and insert every row as a new contact with its
    e-mails, phones and tags: ``executemany`` in one transaction, into the journal's schema (so
    its triggers fire as they do for the app).  No duplicate matching, no merge, no undo
    record, no validation beyond what the schema checks."""
    first_id = (connection.execute("SELECT COALESCE(max(id), 0) FROM contact").fetchone()[0]) + 1
    contacts, emails, phones, tagged = [], [], [], []
    tag_names: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for offset, row in enumerate(reader):
            contact_id = first_id + offset
            shown = row[col["Display name"]]
            cadence = row[col["Keep in touch every (days)"]]
            contacts.append(
                (
                    contact_id,
                    row[col["Given name"]],
                    row[col["Family name"]],
                    row[col["Name"]],
                    shown,
                    shown.casefold(),
                    _cell(row[col["Company"]]),
                    _cell(row[col["Job title"]]),
                    _cell(row[col["Address"]]),
                    _cell(row[col["Website"]]),
                    row[col["Stage"]] or "network",
                    int(cadence) if cadence else None,
                    _cell(row[col["How we met"]]),
                    _cell(row[col["Notes"]]),
                    stamp,
                    stamp,
                )
            )
            for position, (address, label) in enumerate(_labelled(row[col["E-mails"]])):
                emails.append((contact_id, label, address, address.casefold(), position))
            for position, (number, label) in enumerate(_labelled(row[col["Phones"]])):
                key = ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
                phones.append((contact_id, label, number, key, position))
            for tag in filter(None, (t.strip() for t in row[col["Tags"]].split(","))):
                tag_names.setdefault(tag.casefold(), tag)
                tagged.append((contact_id, tag.casefold()))
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.executemany(
            "INSERT INTO tag (name, name_key, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT(name_key) DO NOTHING",
            [(name, key, stamp) for key, name in tag_names.items()],
        )
        tag_ids = dict(connection.execute("SELECT name_key, id FROM tag"))
        connection.executemany(
            "INSERT INTO contact (id, given_name, family_name, name, display_name, sort_name, "
            "company, job_title, address, website, stage, cadence_days, how_met, notes, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            contacts,
        )
        connection.executemany(
            "INSERT INTO contact_email (contact_id, label, address, address_key, position) "
            "VALUES (?,?,?,?,?)",
            emails,
        )
        connection.executemany(
            "INSERT INTO contact_phone (contact_id, label, number, number_key, position) "
            "VALUES (?,?,?,?,?)",
            phones,
        )
        connection.executemany(
            "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
            [(contact_id, tag_ids[key]) for contact_id, key in tagged],
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(contacts)
