"""A backup taken while another process writes is a consistent snapshot, and restores to
exactly what it holds."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.backups.verified_copy import check_backup
from tests.faults.snapshots import table_rows

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the writer is forked")


def _snapshot_is_consistent(backup: Path) -> int:
    """Every contact the writer made before the snapshot, none half-made: contacts W0..Wn
    with both e-mail addresses each, and a conversation for all but possibly the newest (the
    writer commits the contact, then its conversation).  Returns n + 1."""
    connection = sqlite3.connect(backup)
    try:
        rows = connection.execute(
            "SELECT c.display_name, "
            "(SELECT count(*) FROM contact_email e WHERE e.contact_id = c.id), "
            "(SELECT count(*) FROM conversation_contact cc WHERE cc.contact_id = c.id) "
            "FROM contact c ORDER BY c.id"
        ).fetchall()
    finally:
        connection.close()
    numbers = [int(re.sub(r"\D", "", name)) for name, _, _ in rows]
    assert numbers == list(range(len(rows)))
    assert all(emails == 2 for _, emails, _ in rows)
    assert all(talks == 1 for _, _, talks in rows[:-1])
    return len(rows)


@pytest.mark.slow
def test_backups_taken_during_writes_are_consistent_and_restorable(tmp_path, clock):
    journal_path = tmp_path / "journal.sqlite3"
    open_journal(journal_path).close()
    writers = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.writer_child", str(journal_path), "W"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writers.stdin is not None
    assert writers.stdout is not None
    journal = open_journal(journal_path, clock=clock)  # the app, while the writer writes
    sizes: list[int] = []
    backups: list[Path] = []
    try:
        assert writers.stdout.readline().strip() == "ready"
        writers.stdin.write("run 0\n")
        writers.stdin.flush()
        writer_pid = int(writers.stdout.readline().split()[1])
        committed = 0
        for line in writers.stdout:
            committed = int(line.split()[1]) + 1
            if committed % 15 == 0:
                clock.advance(minutes=1)
                outcome = journal.backups.make("manual", force=True)
                backups.append(outcome.path)
            if len(backups) == 5:
                break
        os.kill(writer_pid, signal.SIGKILL)
    finally:
        writers.kill()
        writers.communicate(timeout=30)
    for backup in backups:
        assert check_backup(backup, full=True).ok
        sizes.append(_snapshot_is_consistent(backup))
    assert sizes == sorted(sizes)
    assert sizes[0] >= 15

    # Restorable: into the journal the writer was writing to, content equal to the backup.
    middle = backups[2]
    outcome = journal.backups.restore(middle)
    assert table_rows(journal_path) == table_rows(middle)
    assert outcome.counts.contacts == sizes[2]
    assert journal.check() == []
    journal.close()
