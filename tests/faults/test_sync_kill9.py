"""kill -9 during a sync exchange, again and again: no change of another computer is lost or
applied twice, and once the exchange runs to its end both journals hold the same rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ContactInput, ConversationInput
from colearn_desktop.core.sync.journal_side import dump
from colearn_desktop.core.sync.setup import exchange_now, set_up
from colearn_desktop.paths import DataPaths

ROOT = Path(__file__).resolve().parents[2]
BATCHES = 12
KILLS = (1, 2, 4)  # killed after this many batches applied (then the next run goes on)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _laptop_with_batches(data: Path, shared: Path) -> None:
    """A laptop that logged a talk with a new person before each of its exchanges: one batch
    each, so the desktop has many to apply."""
    set_up(data, shared, "Laptop", None)
    journal = open_journal(DataPaths(data).journal)
    try:
        for n in range(BATCHES):
            person = journal.contacts.create(ContactInput(name=f"Person {n:02d}"))
            journal.conversations.log(
                ConversationInput((person,), datetime(2026, 11, 1 + n, 9), notes=f"Talk {n}")
            )
            assert exchange_now(journal).problems == []
    finally:
        journal.close()


def _exchange_killed_after(data: Path, applied: int) -> list[str]:
    """Run one exchange in a child and SIGKILL it once it said ``applied`` batches were in."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.sync_child", str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    said: list[str] = []
    for line in child.stdout:
        said.append(line.strip())
        if sum(s.startswith("applied") for s in said) >= applied:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=60)
    return said


def _content(data: Path) -> tuple[dict, list[str]]:
    journal = open_journal(DataPaths(data).journal)
    try:
        assert journal.check(full=True) == []
        with journal.db.read_raw() as connection:
            talks = [row[0] for row in connection.execute("SELECT notes FROM conversation")]
            return dump.canonical(connection), sorted(talks)
    finally:
        journal.close()


@pytest.mark.slow  # a dozen exchanges and three killed children
def test_an_exchange_killed_again_and_again_loses_and_repeats_nothing(tmp_path):
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    _laptop_with_batches(laptop, shared)
    set_up(desktop, shared, "Desktop", None)

    applied_before = 0
    for kill_after in KILLS:
        said = _exchange_killed_after(desktop, kill_after)
        assert "ended" not in said, "the exchange ended before it could be killed"
        _content_after_kill, talks = _content(desktop)
        assert len(talks) == len(set(talks))  # nothing applied twice
        assert len(talks) >= applied_before  # nothing committed was lost
        applied_before = len(talks)

    journal = open_journal(DataPaths(desktop).journal)
    try:
        assert exchange_now(journal).problems == []  # the rest, to the end
    finally:
        journal.close()
    for data in (laptop, desktop, laptop):  # each reads what the other sent
        journal = open_journal(DataPaths(data).journal)
        try:
            assert exchange_now(journal).problems == []
        finally:
            journal.close()
    there, talks = _content(desktop)
    assert talks == sorted(f"Talk {n}" for n in range(BATCHES))
    assert there == _content(laptop)[0]


@pytest.mark.slow  # a snapshot of many parts and two killed children
def test_a_join_killed_halfway_through_a_snapshot_resumes_after_the_parts_applied(
    tmp_path, monkeypatch
):
    from colearn_desktop.core.sync.folder import snapshot_file

    monkeypatch.setattr(snapshot_file, "PART_CHANGES", 5)  # the laptop's snapshot: many parts
    shared = tmp_path / "Sync"
    shared.mkdir()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    journal = open_journal(DataPaths(laptop).journal)
    try:
        for n in range(BATCHES):  # all before sync: they reach the desktop in the snapshot
            person = journal.contacts.create(ContactInput(name=f"Person {n:02d}"))
            journal.conversations.log(
                ConversationInput((person,), datetime(2026, 10, 1 + n, 9), notes=f"Early {n}")
            )
    finally:
        journal.close()
    _laptop_with_batches(laptop, shared)  # (and a dozen more, in batches after it)
    set_up(desktop, shared, "Desktop", None)

    first = _exchange_killed_after(desktop, 2)
    second = _exchange_killed_after(desktop, 2)
    assert all(" part " in line for line in first + second)
    before, after = ([int(line.split()[4]) for line in said] for said in (first, second))
    assert before == [1, 2]
    # The second run went on after the parts the first applied (the kill may land after one
    # more was committed), one at a time, none of them again.
    assert after[0] in (3, 4)
    assert after == [after[0], after[0] + 1]
    _content_after_kill, talks = _content(desktop)
    assert len(talks) == len(set(talks))

    journal = open_journal(DataPaths(desktop).journal)
    try:
        assert exchange_now(journal).problems == []
    finally:
        journal.close()
    there, talks = _content(desktop)
    assert talks == sorted(f"{what} {n}" for what in ("Early", "Talk") for n in range(BATCHES))
    assert there == _content(laptop)[0]
