"""Figures ``sync-apply`` and ``sync-join``: the sync folder's costs (issue #18 "Benchmark").

``sync-apply``: 10,000 remote changes (new contacts from another device, in batches of 1,000
as its outbox would hand them out; ten per contact on a journal under 1,000) applied with
``JournalSync.apply`` into a copy of the size's journal with sync enabled.  The rows are the
journal's own contacts under new uids (no ``referred_by``: a reference to a contact the batch
does not carry would be a problem).
Baseline: the same rows inserted with raw ``executemany`` in one transaction on another copy.

``sync-join``: a computer joining, through the real exchanges — a copy of the journal has its
first exchange (its snapshot is written to a sync folder, a part at a time), then an empty
journal has its first (the snapshot is checked, then applied a part per transaction).  The app
time is both; the notes split it and give the peak memory (VmHWM) of each, the join's counted
from the moment it starts.  Baseline: a raw ``VACUUM INTO`` copy of the journal (what copying
the file would cost).  The folder after compaction is that one snapshot file: its size is set
against a JSON export of the journal.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from tests.perf import baseline
from tests.perf.figures import both, figure, open_app_journal, pairs
from tests.perf.journals import settled_copy
from tests.perf.measure import peak_rss_bytes, reset_peak_rss, summary, timed

REMOTE_CHANGES = 10_000  # fewer on a small journal: ten per contact (the test's 300: 3,000)
BATCH = 1_000  # changes per remote batch


def _copy(journal: Path, folder: Path) -> Path:
    return settled_copy(journal, folder / journal.name)


def _contact_rows(journal: Path) -> list[dict[str, Any]]:
    """The journal's contacts as a snapshot carries them (references dropped)."""
    from colearn_desktop.core.sync.journal_side.service import JournalSync

    source = open_app_journal(journal)
    sync = JournalSync.of(source)
    sync.enable()
    rows = [
        {**change.fields, "referred_by": None}
        for change in sync.snapshot().changes
        if change.table == "contact"
    ]
    source.close()
    return rows


def _remote_batches(rows: list[dict[str, Any]], count: int) -> list[Any]:
    """``count`` new contacts from a new device, cycling through ``rows``."""
    from colearn_desktop.core.storage.migrate import HEAD_REVISION
    from colearn_desktop.core.sync.journal_side.hlc import Hlc
    from colearn_desktop.core.sync.records import ChangeBatch, RowChange

    device, wall = str(uuid.uuid4()), int(time.time() * 1000)
    changes = [
        RowChange(
            "contact", str(uuid.uuid4()), "upsert", rows[i % len(rows)], Hlc(wall, i, device).text()
        )
        for i in range(count)
    ]
    return [
        ChangeBatch(device, n + 1, HEAD_REVISION, tuple(changes[start : start + BATCH]))
        for n, start in enumerate(range(0, len(changes), BATCH))
    ]


def _resident_bytes() -> int:
    """This process's resident memory now (Linux ``VmRSS``; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@figure("sync-apply")
def sync_apply_figure(args: argparse.Namespace) -> dict[str, Any]:
    from colearn_desktop.core.sync.journal_side.capture import PRESENCE
    from colearn_desktop.core.sync.journal_side.service import JournalSync

    app_copy = _copy(args.journal, args.work / "apply-app")
    rows = _contact_rows(app_copy)
    journal = open_app_journal(app_copy)
    sync = JournalSync.of(journal)
    connection = baseline.connect(_copy(args.journal, args.work / "apply-raw"))
    columns = [name for name in rows[0] if name not in (PRESENCE, "referred_by")]  # None: no id
    insert = (
        f"INSERT INTO contact (uid, {', '.join(columns)}) "
        f"VALUES ({', '.join('?' * (len(columns) + 1))})"
    )
    count = min(REMOTE_CHANGES, 10 * len(rows))
    found: dict[str, Any] = {"applied": 0, "problems": [], "changes": count}

    def app(_: int) -> None:
        batches = _remote_batches(rows, count)
        started = time.perf_counter()
        for batch in batches:
            report = sync.apply(batch)
            found["applied"] += report.applied
            found["problems"] += list(report.problems)
        found.setdefault("apply_only", []).append(time.perf_counter() - started)

    def base(_: int) -> None:
        values = [
            (str(uuid.uuid4()), *(rows[i % len(rows)][c] for c in columns)) for i in range(count)
        ]
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(insert, values)
        connection.execute("COMMIT")

    app_times, base_times = pairs(args.repeat, app, base)
    found["check"] = journal.check(full=False)
    journal.close()
    connection.close()
    shutil.rmtree(args.work, ignore_errors=True)
    return both(app_times, base_times, batches=-(-count // BATCH), **found)


@figure("sync-join")
def sync_join_figure(args: argparse.Namespace) -> dict[str, Any]:
    from colearn_desktop.core.storage.migrate import HEAD_REVISION
    from colearn_desktop.core.sync.exchange import ThisDevice, exchange
    from colearn_desktop.core.sync.folder.store import SyncFolder
    from colearn_desktop.core.sync.journal_side.service import JournalSync

    source = open_app_journal(_copy(args.journal, args.work / "join-source"))
    export = args.work / "journal.json"
    source.interchange.export_journal(export)
    sync = JournalSync.of(source)
    sync.enable()
    folder = SyncFolder.setup(args.work / "folder", None)
    joined = open_app_journal(_copy(args.template, args.work / "join-target"))
    joining = JournalSync.of(joined)
    joining.enable()
    told: list[tuple[str, int, int]] = []

    def write() -> Any:
        return exchange(sync, folder, ThisDevice("Source", "source"), schema=HEAD_REVISION)

    def join() -> Any:
        return exchange(
            joining,
            folder,
            ThisDevice("Joiner", "joiner"),
            schema=HEAD_REVISION,
            progress=lambda *said: told.append(said),
        )

    reset_peak_rss()
    write_s, _written = timed(write)
    write_peak = peak_rss_bytes()
    snapshot = folder.open_snapshot(
        sync.device_id(), folder.batch_numbers(sync.device_id(), snapshot=True)[-1]
    )
    held_before_join = _resident_bytes()
    reset_peak_rss()
    join_s, report = timed(join)
    join_peak = peak_rss_bytes()
    with joined.db.read_raw() as connection:
        (contacts,) = connection.execute("SELECT count(*) FROM contact").fetchone()
    source.close()
    joined.close()
    raw = args.work / "vacuum-into.sqlite3"
    plain = sqlite3.connect(args.journal)
    base_s = timed(lambda: plain.execute("VACUUM INTO ?", (str(raw),)))[0]
    plain.close()
    result = {
        "app": summary([write_s + join_s]),
        "baseline": summary([base_s]),
        "write_seconds": write_s,
        "join_seconds": join_s,
        "changes": snapshot.changes,
        "parts": snapshot.parts,
        "progress_calls": len(told),
        "applied": sum(report.received.values()),
        "problems": list(report.problems),
        "joined_contacts": contacts,
        "write_peak_rss": write_peak,
        "join_peak_rss": join_peak,
        "held_before_join": held_before_join,
        "folder_bytes": folder.size(),
        "export_bytes": export.stat().st_size,
        "journal_bytes": args.journal.stat().st_size,
    }
    shutil.rmtree(args.work, ignore_errors=True)
    return result


def sync_rows(suite: Any, size: int, journal: Path) -> None:
    """Run both figures and add their three rows to the suite's table."""
    from tests.perf.table import mb

    applied = suite.worker("sync-apply", size, journal=journal, repeat=suite.plan.bulk)
    joined = suite.worker("sync-join", size, journal=journal, template=suite.empty_template())
    suite.keep(size, "sync-apply", applied)
    suite.keep(size, "sync-join", joined)
    app = applied["app"]["median"]
    suite.figure(
        f"sync: apply {applied['changes']:,} remote changes",
        size, app, applied["baseline"]["median"], "s", "≤ 5 s (10,000)", None,
        note=f"{applied['batches']} batches of {BATCH:,} new contacts; "
        f"baseline: raw executemany, one transaction",
        also=app <= 5 if applied["changes"] == REMOTE_CHANGES else None,
    )  # fmt: skip
    suite.figure(
        "sync: join from a snapshot (write, read, apply)",
        size, joined["app"]["median"], joined["baseline"]["median"], "s",
        "minutes, bounded memory", None,
        note=f"{joined['changes']:,} rows in {joined['parts']} parts; write "
        f"{joined['write_seconds']:.1f} s (peak {mb(joined['write_peak_rss'])}), join "
        f"{joined['join_seconds']:.1f} s (peak {mb(joined['join_peak_rss'])}, the process "
        f"held {mb(joined['held_before_join'])} before); "
        "baseline: VACUUM INTO copy",
        also=None,
    )  # fmt: skip
    suite.figure(
        "sync: folder size after compaction",
        size, joined["folder_bytes"], joined["export_bytes"], "bytes",
        "vs JSON export", None,
        note=f"one snapshot file; journal file {mb(joined['journal_bytes'])}",
        also=None,
    )  # fmt: skip
