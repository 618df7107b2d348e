"""kill -9 in the middle of a stream of writes, again and again: the journal always passes
``integrity_check`` and holds every write the child reported as committed.

Three lanes run side by side, each on its own journal, killing a writer ten times (30 kills).
Each lane reuses its journal, so every run also proves that nothing committed in an earlier
run was lost by a later crash.  Writers are forked from a process that imported everything
once (``writer_child.py``), so the runs cost writes, not start-up time.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from colearn_desktop.core.opening import open_journal

RUNS_PER_LANE = 10
LANES = 3
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _one_run(writers: subprocess.Popen, start: int, rng: random.Random) -> list[int]:
    """Let a forked writer commit a random number of writes, then SIGKILL it (usually in the
    middle of the next transaction); return the numbers it reported as committed."""
    assert writers.stdin is not None
    assert writers.stdout is not None
    writers.stdin.write(f"run {start}\n")
    writers.stdin.flush()
    first = writers.stdout.readline().split()
    assert first[0] == "pid", first
    kill_after, committed, killed = rng.randint(1, 12), [], False
    for line in writers.stdout:
        if line.startswith("ended"):
            break
        committed.append(int(line.split()[1]))
        if len(committed) >= kill_after and not killed:
            os.kill(int(first[1]), signal.SIGKILL)
            killed = True
    assert killed, "the writer stopped by itself"
    return committed


def _integrity(journal: Path) -> list[str]:
    connection = sqlite3.connect(journal)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def _names(journal: Path, prefix: str) -> set[str]:
    connection = sqlite3.connect(journal)
    try:
        rows = connection.execute(
            "SELECT c.display_name FROM contact c "
            "JOIN conversation_contact cc ON cc.contact_id = c.id "
            "JOIN conversation cv ON cv.id = cc.conversation_id "
            "WHERE cv.notes = 'note ' || c.display_name AND c.display_name LIKE ? "
            "AND (SELECT count(*) FROM contact_email e WHERE e.contact_id = c.id) = 2",
            (f"{prefix}%",),
        )
        return {row[0] for row in rows}
    finally:
        connection.close()


def _lane(journal: Path, lane: int) -> list[str]:
    writers = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.writer_child", str(journal), "W"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    rng = random.Random(lane)
    reported: set[int] = set()
    failures: list[str] = []
    try:
        assert writers.stdout is not None
        assert writers.stdout.readline().strip() == "ready"
        for run in range(RUNS_PER_LANE):
            # A fresh range of names each run: a name the killed writer half-wrote is not
            # reported, and must not be mistaken for a later one.
            committed = _one_run(writers, run * 10_000, rng)
            reported.update(committed)
            integrity = _integrity(journal)
            if integrity != ["ok"]:
                failures.append(f"lane {lane} run {run}: integrity {integrity[:3]}")
            missing = {f"W{n}" for n in reported} - _names(journal, "W")
            if missing:
                failures.append(f"lane {lane} run {run}: lost committed writes {sorted(missing)}")
    finally:
        writers.kill()
        writers.communicate(timeout=30)
    if len(reported) < RUNS_PER_LANE:
        failures.append(f"lane {lane}: only {len(reported)} writes were reported")
    return failures


@pytest.mark.slow
def test_kill_9_during_writes_loses_nothing_committed(tmp_path):
    journals = [tmp_path / f"lane{lane}" / "journal.sqlite3" for lane in range(LANES)]
    for journal in journals:  # created here: migrations are not for running in threads
        open_journal(journal).close()
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        results = list(pool.map(_lane, journals, range(LANES)))
    assert [failure for lane in results for failure in lane] == []
    for journal in journals:  # and the app opens each and finds it consistent
        opened = open_journal(journal)
        try:
            assert opened.check(full=True) == []
        finally:
            opened.close()
