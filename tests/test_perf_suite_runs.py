"""The benchmark suite (tests/perf, not collected here) still runs: its smallest mode on a
300-contact journal, through the real ``colearn demo-data``, the app started to a painted
window (``COLEARN_EXIT_AFTER_PAINT``) and the workers, fills every row it was asked for.
Timings are not checked: only that each figure was measured next to its baseline."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_benchmark_suite_measures_every_figure_it_is_asked_for(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    command = [
        sys.executable, "-m", "tests.perf.run", "--sizes", "300", "--repeat", "1",
        "--only", "startup,today,search,log,export,import-json,duplicates,actions,bulk,sync",
        "--cache", str(tmp_path / "cache"),
        "--json", str(results),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(results.read_text())

    assert report["errors"] == []
    assert report["machine"]["sqlite"] == sqlite3.sqlite_version
    assert report["machine"]["cores"] >= 1
    assert report["machine"]["qt"]
    rows = {row["what"]: row for row in report["rows"]}
    assert set(rows) >= {
        "open and paint the main window (offscreen)",
        "peak memory of the GUI (ru_maxrss)",
        "compute Today, every item: reminders.due(0)",
        "search, 50 terms (median)",
        "log one conversation, durable (p95)",
        "export contacts to CSV",
        "find duplicate contacts (all groups)",
        "Today: D (mark done), key to repaint",
        "quick log: Enter saves, key to repaint",
        "Ctrl+Z undoes the last change, key to repaint",
        "tag every contact matching a filter",
        "import a JSON export's contacts: peak memory (ru_maxrss)",
        "sync: apply 3,000 remote changes",
        "sync: join from a snapshot (write, read, apply)",
        "sync: folder size after compaction",
    }
    for row in rows.values():
        assert row["size"] == 300
        assert row["app"] > 0, row
        assert row["baseline"] > 0, row
        assert row["ratio"] == pytest.approx(row["app"] / row["baseline"])
    # The same people came out of both exports, and both Todays found the same items.
    export = report["figures"]["300"]["export"]
    assert export["rows"] == export["baseline_rows"] > 0
    today = report["figures"]["300"]["today"]["all"]
    assert today["items"] == today["baseline_items"]
    # The actions were done: the last key press undid the conversation logged before it.
    actions = report["figures"]["300"]["actions"]
    assert actions["today_done"]["last_step"].startswith("Done:")
    assert actions["quick_log"]["last_step"].startswith("Log conversation with")
    assert actions["undo"]["redo_waiting"] is True
    # Both taggings tagged the same contacts, and the journal was sound after them.
    bulk = report["figures"]["300"]["bulk"]
    assert bulk["tagged"] == bulk["baseline_tagged"] > 0
    assert bulk["check"] == []
    # Both JSON imports brought every contact of the export into the journal.
    imported = report["figures"]["300"]["import_json"]
    assert imported["app"][0]["new"] == imported["baseline"][0]["new"] == 300
    # Every remote change was applied, and the joining journal got every contact.
    synced = report["figures"]["300"]
    assert synced["sync-apply"]["applied"] == 3_000
    assert synced["sync-apply"]["problems"] == []
    assert synced["sync-apply"]["check"] == []
    assert synced["sync-join"]["joined_contacts"] == 300
    assert synced["sync-join"]["applied"] == synced["sync-join"]["changes"]
    assert synced["sync-join"]["problems"] == []
    assert synced["sync-join"]["progress_calls"] >= synced["sync-join"]["parts"] >= 1
    # The printed table has the row of every figure.
    assert "open and paint the main window" in done.stdout
    assert "export contacts to CSV" in done.stdout


def test_the_generated_contacts_file_has_the_header_our_export_writes(tmp_path: Path) -> None:
    """The import benchmark reads a file in our own CSV format: the same columns as
    ``colearn export contacts``, so a new field cannot make it an unknown format."""
    import csv

    from colearn_desktop.core.interchange.csv_profiles import OURS_HEADER
    from tests.perf.csvgen import write_contacts_csv

    path = write_contacts_csv(tmp_path / "contacts.csv", 3)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = csv.reader(handle)
    assert tuple(header) == OURS_HEADER
    assert len(rows) == 3
