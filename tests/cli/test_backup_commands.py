"""``colearn backup``, ``colearn backups`` and ``colearn restore`` from the outside."""

from __future__ import annotations

import json
import sqlite3

import pytest

from colearn_desktop.cli import main
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.faults.damage import garbage_header
from tests.faults.snapshots import table_rows
from tests.helpers import sha256

# Backups: commits wait for the disk as the app's do (tests/conftest.py).
pytestmark = pytest.mark.durable_journal


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def data(tmp_path, capsys):
    folder = tmp_path / "d"
    code, _, _ = run(capsys, "--data-dir", str(folder), "demo-data", "--contacts", "12")
    assert code == 0
    return folder


def test_backup_then_list(data, capsys):
    code, out, err = run(capsys, "--data-dir", str(data), "backup")
    assert (code, err) == (0, "")
    backups = list((data / "backups").glob("journal-*-manual.sqlite3"))
    assert len(backups) == 1
    assert f"to {backups[0]}" in out
    assert "12 contacts, 120 conversations" in out
    assert table_rows(backups[0]) == table_rows(data / JOURNAL_FILE_NAME)

    code, out, _ = run(capsys, "--data-dir", str(data), "backups")
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0] == f"Backups of {data / JOURNAL_FILE_NAME}, newest first, in {data / 'backups'}:"
    )
    assert "contacts" in lines[1]
    assert "conversations" in lines[1]
    assert "manual" in lines[2]
    assert " 12 " in lines[2]
    assert " 120 " in lines[2]
    assert " KB" in lines[2]

    code, out, _ = run(capsys, "--data-dir", str(data), "backups", "--json")
    listed = json.loads(out)
    assert listed[0]["contacts"] == 12
    assert listed[0]["reason"] == "manual"
    assert listed[0]["size"] == backups[0].stat().st_size


def test_backup_to_a_file_never_overwrites(data, tmp_path, capsys):
    target = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--data-dir", str(data), "backup", "--to", str(target))
    assert code == 0
    assert str(target) in out
    before = sha256(target)
    code, _, err = run(capsys, "--data-dir", str(data), "backup", "--to", str(target))
    assert code == 1
    assert "already exists" in err
    assert sha256(target) == before


def test_no_backups_yet_says_how_to_make_one(tmp_path, capsys):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "backups")
    assert code == 0
    assert "No backups yet" in out
    assert "colearn backup" in out
    assert not (tmp_path / JOURNAL_FILE_NAME).exists()  # listing opens nothing


def test_restore_backs_up_the_current_journal_first(data, capsys):
    run(capsys, "--data-dir", str(data), "backup")
    backup = next((data / "backups").glob("*.sqlite3"))
    wanted = table_rows(backup)
    connection = sqlite3.connect(data / JOURNAL_FILE_NAME)
    with connection:
        connection.execute("PRAGMA user_version = 77")  # as the app does on every change
        connection.execute("DELETE FROM purchase")
    connection.close()
    current = table_rows(data / JOURNAL_FILE_NAME)

    code, out, err = run(capsys, "--data-dir", str(data), "restore", backup.name)
    assert (code, err) == (0, "")
    assert table_rows(data / JOURNAL_FILE_NAME) == wanted
    assert "Restored the backup from" in out
    kept = next((data / "backups").glob("*before-restore*"))
    assert f"backed up at {kept}" in out
    assert table_rows(kept) == current
    code, out, _ = run(capsys, "--data-dir", str(data), "check")
    assert (code, out) == (0, "ok\n")


def test_corrupted_journal_is_detected_then_recovered_keeping_the_damaged_file(data, capsys):
    run(capsys, "--data-dir", str(data), "backup")
    backup = next((data / "backups").glob("*.sqlite3"))
    journal = data / JOURNAL_FILE_NAME
    garbage_header(journal)
    damaged = sha256(journal)

    code, _, err = run(capsys, "--data-dir", str(data), "check")
    assert code == 1
    assert "colearn restore --latest" in err

    code, out, _ = run(capsys, "--data-dir", str(data), "restore", "--latest")
    assert code == 0
    kept = next(data.glob("journal-damaged-*.sqlite3"))
    assert sha256(kept) == damaged
    assert f"kept unchanged at {kept}" in out
    assert table_rows(journal) == table_rows(backup)
    assert run(capsys, "--data-dir", str(data), "check")[:2] == (0, "ok\n")


def test_restore_refuses_a_newer_journal_and_bad_backups(data, tmp_path, capsys):
    run(capsys, "--data-dir", str(data), "backup")
    journal = data / JOURNAL_FILE_NAME
    connection = sqlite3.connect(journal)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = sha256(journal)
    code, _, err = run(capsys, "--data-dir", str(data), "restore", "--latest")
    assert code == 1
    assert "newer version of CoLearn" in err
    assert sha256(journal) == before

    text = tmp_path / "notes.txt"
    text.write_text("hello")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "other"), "restore", str(text))
    assert code == 1
    assert "not a CoLearn journal" in err


def test_restore_latest_without_backups_fails_clearly(tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "restore", "--latest")
    assert code == 1
    assert "There is no backup" in err
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "restore"])  # FILE or --latest is required
