"""Figures that write or read whole files: exporting contacts, finding duplicates over the
whole journal, importing a CSV (one run per process, so its peak memory is the import's) and
the demo journal's rows inserted raw."""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.perf import baseline, baseline_files
from tests.perf.csvgen import write_contacts_csv
from tests.perf.figures import both, figure, open_app_journal, pairs, stamp
from tests.perf.journals import settled_copy
from tests.perf.measure import peak_rss_bytes, timed

# -- (6) export --------------------------------------------------------------------------------


@figure("export")
def export_figure(args: argparse.Namespace) -> dict[str, Any]:
    journal = open_app_journal(args.journal)
    connection = baseline.connect(args.journal)
    app_file, base_file = args.work / "export-app.csv", args.work / "export-raw.csv"
    written: dict[str, int] = {}

    def app_export(_i: int) -> None:
        written["app"] = journal.interchange.export_contacts(app_file, "csv")

    def base_export(_i: int) -> None:
        connection.execute("BEGIN")
        written["baseline"] = baseline_files.export_csv(connection, base_file)
        connection.execute("COMMIT")

    a, b = pairs(args.repeat, app_export, base_export)
    journal.close()
    return both(
        a,
        b,
        rows=written["app"],
        baseline_rows=written["baseline"],
        bytes=app_file.stat().st_size,
        baseline_bytes=base_file.stat().st_size,
    )


# -- (10) duplicates ----------------------------------------------------------------------------


@figure("duplicates")
def duplicates_figure(args: argparse.Namespace) -> dict[str, Any]:
    """``journal.duplicates.groups()`` (every group) against the raw baseline of
    ``tests/perf/duplicates_baseline.py``; the app runs first, so the peak memory after its
    first sample is its own (the baseline holds less)."""
    from tests.perf.duplicates_baseline import shared_keys

    journal = open_app_journal(args.journal)
    connection = baseline.connect(args.journal)
    found: dict[str, Any] = {}

    def app(_i: int) -> None:
        groups = journal.duplicates.groups()
        found["groups"] = len(groups)
        found["in_groups"] = sum(len(g.members) for g in groups)
        found.setdefault("app_peak_rss", peak_rss_bytes())

    def base(_i: int) -> None:
        found["baseline_keys"] = shared_keys(connection)

    a, b = pairs(args.repeat, app, base)
    journal.close()
    return both(a, b, **found)


# -- (7) import (one run per process: its peak memory is the import's) -----------------------


def _fresh_copy(template: Path, folder: Path) -> Path:
    return settled_copy(template, folder / "journal.sqlite3")


@figure("import-app")
def import_app_figure(args: argparse.Namespace) -> dict[str, Any]:
    path = _fresh_copy(args.template, args.work / "import-app")
    journal = open_app_journal(path)
    interchange = journal.interchange
    # Read and check a three-row file first (nothing written), so that the code the import
    # loads on first use is not counted as memory the rows took.
    warm = write_contacts_csv(args.work / "warm.csv", 3)
    interchange.plan(interchange.inspect(warm))
    before = peak_rss_bytes()
    inspect_s, source = timed(lambda: interchange.inspect(args.csv))
    plan_s, plan = timed(lambda: interchange.plan(source))
    apply_s, report = timed(lambda: interchange.apply(plan))
    peak = peak_rss_bytes()
    journal.close()
    shutil.rmtree(path.parent, ignore_errors=True)
    return {
        "seconds": inspect_s + plan_s + apply_s,
        "steps": {"inspect": inspect_s, "plan": plan_s, "apply": apply_s},
        "new": report.new,
        "errors": report.errors,
        "rss_before": before,
        "rss_peak": peak,
    }


@figure("import-raw")
def import_raw_figure(args: argparse.Namespace) -> dict[str, Any]:
    path = _fresh_copy(args.template, args.work / "import-raw")
    connection = baseline.connect(path)
    connection.execute("SELECT count(*) FROM contact").fetchone()
    before = peak_rss_bytes()
    now = stamp(datetime.utcnow())
    seconds, count = timed(lambda: baseline_files.import_csv(connection, args.csv, now))
    peak = peak_rss_bytes()
    connection.close()
    shutil.rmtree(path.parent, ignore_errors=True)
    return {"seconds": seconds, "new": count, "rss_before": before, "rss_peak": peak}


# -- (9) the demo journal's rows, inserted raw -------------------------------------------------


def _copy_order(connection: sqlite3.Connection, tables: list[str]) -> list[str]:
    """``tables`` with every table after the tables its foreign keys point at."""
    wanted = set(tables)
    needs = {
        t: {row[2] for row in connection.execute(f"PRAGMA foreign_key_list({t})")} & wanted - {t}
        for t in tables
    }
    ordered: list[str] = []
    while needs:
        ready = sorted(t for t, deps in needs.items() if deps <= set(ordered))
        if not ready:
            raise RuntimeError(f"foreign keys form a cycle among {sorted(needs)}")
        ordered += ready
        for t in ready:
            del needs[t]
    return ordered


@figure("demo-raw")
def demo_raw_figure(args: argparse.Namespace) -> dict[str, Any]:
    """The rows of the journal ``demo-data`` built (read into memory first, not timed), written
    into an empty journal of the same schema: triggers dropped, ``executemany`` per table in one
    transaction, then the full-text index filled from the rows and the triggers put back."""
    from colearn_desktop.core.storage import search_schema

    path = _fresh_copy(args.template, args.work / "demo-raw")
    target = baseline.connect(path)
    source = sqlite3.connect(args.journal)
    names = [
        row[0]
        for row in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if not search_schema.is_index_table(row[0])
    ]
    tables = [
        t
        for t in names
        if target.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0
        and source.execute(f"SELECT count(*) FROM {t}").fetchone()[0] > 0
    ]
    data: dict[str, tuple[str, list[tuple[Any, ...]]]] = {}
    row_count = 0
    for table in _copy_order(target, tables):
        cursor = source.execute(f"SELECT * FROM {table} ORDER BY rowid")
        rows = cursor.fetchall()
        columns = [d[0] for d in cursor.description]
        marks = ", ".join("?" * len(columns))
        data[table] = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        row_count += len(rows)
    source.close()
    triggers = target.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall()
    started = time.perf_counter()
    target.execute("BEGIN IMMEDIATE")
    for name, _sql in triggers:
        target.execute(f"DROP TRIGGER {name}")
    for sql, rows in data.values():
        target.executemany(sql, rows)
    rows_done = time.perf_counter()
    for kind in search_schema.KINDS:
        target.execute(kind.insert_from_source("1"))
    for _name, sql in triggers:
        target.execute(sql)
    target.execute("COMMIT")
    finished = time.perf_counter()
    target.close()
    shutil.rmtree(path.parent, ignore_errors=True)
    return {
        "seconds": finished - started,
        "rows_seconds": rows_done - started,
        "index_seconds": finished - rows_done,
        "rows": row_count,
        "tables": {t: len(rows) for t, (_sql, rows) in data.items()},
    }
