"""Nothing half-written is left behind: a backup or a draft that fails half-way removes its
temporary files, and what a killed one left is removed by the next backup or start (only
files named like ours, only once nothing can still be writing them)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.core.storage import drafts as drafts_module
from colearn_desktop.core.storage.backups import verified_copy as backup_module
from colearn_desktop.core.storage.backups.verified_copy import BackupError
from colearn_desktop.core.storage.drafts import Draft, DraftStore
from tests.helpers import add_contact

KIND = "conversation"


def _age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


def _finished_process() -> int:
    """The id of a process that has ended (what a killed backup's file names carry)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_a_backup_failing_half_way_leaves_no_temporary_file(journal, monkeypatch):
    add_contact(journal)
    real_connect = sqlite3.connect

    def fails_after_writing(target, *args, **kwargs):
        connection = real_connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            connection.execute("PRAGMA max_page_count = 3")  # the disk fills up half-way
        return connection

    monkeypatch.setattr(backup_module.sqlite3, "connect", fails_after_writing)
    with pytest.raises(BackupError):
        journal.backups.make("manual")
    assert not [p.name for p in journal.backups_dir.iterdir() if "partial" in p.name]


def test_what_killed_backups_left_is_removed_by_the_next_backup(journal):
    folder = journal.backups_dir
    folder.mkdir(parents=True, exist_ok=True)
    gone, here = _finished_process(), os.getpid()
    names = {
        "killed": f"journal-20261101-100000-daily.sqlite3.{gone}.partial",
        "killed_journal": f"journal-20261101-100000-daily.sqlite3.{gone}.partial-journal",
        "ancient": f"journal-20261001-100000-daily.sqlite3.{here}.partial-journal",
        "just_written": f"journal-20261122-093000-daily.sqlite3.{gone}.partial",
        "running": f"journal-20261122-092000-daily.sqlite3.{here}.partial",
        "not_ours": f"notes.sqlite3.{gone}.partial-journal",
    }
    for name in names.values():
        (folder / name).write_bytes(b"half a backup")
    for key in ("killed", "killed_journal", "not_ours"):
        _age(folder / names[key], 120)
    _age(folder / names["running"], 600)
    _age(folder / names["ancient"], 7200)

    add_contact(journal)
    journal.backups.make("daily")

    left = {key for key, name in names.items() if (folder / name).exists()}
    assert left == {"just_written", "running", "not_ours"}


def _draft(text: str, when: datetime) -> Draft:
    return Draft("d1", KIND, when, {"notes": text})


def test_a_draft_save_failing_half_way_keeps_the_previous_draft_and_no_temporary(
    tmp_path, monkeypatch
):
    store = DraftStore(tmp_path / "drafts", tmp_path / "journal.sqlite3")
    store.save(_draft("first words", datetime(2026, 11, 22, 9, 0)))

    def disk_full(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(drafts_module.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.save(_draft("more words", datetime(2026, 11, 22, 9, 1)))
    monkeypatch.undo()
    assert [p.name for p in store.folder.iterdir()] == ["d1.draft.json"]
    assert [d.fields["notes"] for d in store.pending(KIND)] == ["first words"]


def test_leftovers_of_killed_draft_saves_are_dealt_with_at_start(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    store = DraftStore(tmp_path / "drafts", journal)
    store.save(_draft("older words", datetime(2026, 11, 22, 9, 0)))
    folder = store.folder
    # A full disk left an empty temporary file; a kill left a complete, newer one of d1.
    empty = folder / "d2.draft.json.tmp"
    empty.write_bytes(b"")
    newer = folder / "d1.draft.json.tmp"
    payload = {
        "journal": str(journal.resolve()),
        "kind": KIND,
        "saved_at": "2026-11-22T09:05:00",
        "fields": {"notes": "last words"},
    }
    newer.write_text(json.dumps(payload), encoding="utf-8")
    being_written = folder / "d3.draft.json.tmp"
    being_written.write_bytes(b"")
    _age(empty, 120)
    _age(newer, 120)

    pending = store.pending(KIND)

    assert [d.fields["notes"] for d in pending] == ["last words"]
    assert sorted(p.name for p in folder.iterdir()) == ["d1.draft.json", "d3.draft.json.tmp"]
