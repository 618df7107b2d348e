"""(7b) Importing the contacts of a JSON journal export into a journal that has contacts: its
peak memory (issue #15: 100,000 contacts peaked at 217 MB), one run per process.

The export is written by the app in its own process first (``export-json``), so that its
memory is not counted; the app's run then imports a one-contact file to load its code before
it measures, as the CSV import does.  The baseline reads the file as anyone would, with
``json.load``, and inserts the contacts with their e-mails and phones with ``executemany``
in one transaction (new ids, no referrers, no matching, no undo record): it holds the whole
document, which is what the app must not do."""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from tests.perf import baseline
from tests.perf.figures import figure, open_app_journal
from tests.perf.journals import settled_copy
from tests.perf.measure import peak_rss_bytes, timed


@figure("export-json")
def export_json_figure(args: argparse.Namespace) -> dict[str, Any]:
    journal = open_app_journal(args.journal)
    target = args.work / "journal.json"
    counts = journal.interchange.export_journal(target)
    journal.close()
    return {"path": str(target), "bytes": target.stat().st_size, "contacts": counts["contact"]}


def _journal_with_a_contact(template: Path, folder: Path):  # type: ignore[no-untyped-def]
    """A copy of the empty journal with one contact: a JSON export then brings its contacts
    only (into an empty journal it would be a restore of every table)."""
    from colearn_desktop.core.contact_fields import ContactInput

    path = settled_copy(template, folder / "journal.sqlite3")
    journal = open_app_journal(path)
    journal.contacts.create(ContactInput(name="Already here"))
    return journal


@figure("import-json-app")
def import_json_app_figure(args: argparse.Namespace) -> dict[str, Any]:
    warm_journal = _journal_with_a_contact(args.template, args.work / "warm")
    warm = args.work / "warm.json"
    warm_journal.interchange.export_journal(warm)
    warm_journal.close()
    journal = _journal_with_a_contact(args.template, args.work / "import-json-app")
    journal.interchange.import_file(warm)  # loads the import's code: not the rows' memory
    before = peak_rss_bytes()
    seconds, report = timed(lambda: journal.interchange.import_file(args.json))
    peak = peak_rss_bytes()
    journal.close()
    shutil.rmtree(args.work, ignore_errors=True)
    return {
        "seconds": seconds,
        "new": report.new,
        "rss_before": before,
        "rss_peak": peak,
    }


def _insert_contacts(connection: sqlite3.Connection, tables: dict[str, list[dict[str, Any]]]):  # type: ignore[no-untyped-def]
    columns = [row[1] for row in connection.execute("PRAGMA table_info(contact)")]
    kept = [c for c in columns if c not in {"id", "referred_by_id"}]
    first = connection.execute("SELECT COALESCE(max(id), 0) + 1 FROM contact").fetchone()[0]
    new_id = {row["id"]: first + n for n, row in enumerate(tables["contact"])}
    marks = ", ".join("?" * (len(kept) + 1))
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        f"INSERT INTO contact (id, {', '.join(kept)}) VALUES ({marks})",
        ([new_id[row["id"]], *(row.get(c) for c in kept)] for row in tables["contact"]),
    )
    for table, values in (
        ("contact_email", ("label", "address", "address_key", "position")),
        ("contact_phone", ("label", "number", "number_key", "position")),
    ):
        connection.executemany(
            f"INSERT INTO {table} (contact_id, {', '.join(values)}) VALUES (?,?,?,?,?)",
            ([new_id[row["contact_id"]], *(row[v] for v in values)] for row in tables[table]),
        )
    connection.execute("COMMIT")
    return len(new_id)


@figure("import-json-raw")
def import_json_raw_figure(args: argparse.Namespace) -> dict[str, Any]:
    journal = _journal_with_a_contact(args.template, args.work / "import-json-raw")
    path = journal.db.path
    journal.close()
    connection = baseline.connect(path)
    connection.execute("SELECT count(*) FROM contact").fetchone()
    before = peak_rss_bytes()

    def load_and_insert() -> int:
        with args.json.open(encoding="utf-8") as handle:
            document = json.load(handle)
        return _insert_contacts(connection, document["tables"])

    seconds, count = timed(load_and_insert)
    peak = peak_rss_bytes()
    connection.close()
    shutil.rmtree(args.work, ignore_errors=True)
    return {"seconds": seconds, "new": count, "rss_before": before, "rss_peak": peak}
