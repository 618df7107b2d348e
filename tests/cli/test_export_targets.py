"""``colearn export contacts|journal|reminders -o FILE``: which files an export may write, and
how (owner-only, replacing an existing file only with ``--force``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact, sha256

KINDS = [
    ("contacts", ["--format", "csv"]),
    ("contacts", ["--format", "vcard"]),
    ("contacts", ["--format", "google-csv"]),
    ("journal", []),
    ("reminders", []),
]
NAMES = ["contacts-csv", "contacts-vcard", "contacts-google", "journal", "reminders"]


@pytest.fixture
def data_dir(tmp_path, new_journal_file) -> Path:
    """A journal with one contact and one backup in ``backups/``."""
    folder = tmp_path / "data"
    folder.mkdir()
    journal = open_journal(
        new_journal_file(folder / JOURNAL_FILE_NAME), backups_dir=folder / "backups"
    )
    try:
        add_contact(journal, "Ana", "García", birthday=None)
        journal.backups.make("test", force=True)
    finally:
        journal.close()
    return folder


def export(capsys, data_dir: Path, kind: str, extra: list[str], *output: str):
    code = main(["--data-dir", str(data_dir), "export", kind, *extra, *output])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def refused(capsys, data_dir, kind, extra, target: Path | str, *more: str) -> str:
    code, out, err = export(capsys, data_dir, kind, extra, "-o", str(target), *more)
    assert code == 1
    assert out == ""
    assert err.startswith("colearn: ")
    assert err.count("\n") == 1  # one line
    assert "Nothing was written" in err
    return err


@pytest.mark.parametrize(("kind", "extra"), KINDS, ids=NAMES)
def test_an_export_never_replaces_the_journal_its_side_files_or_a_backup(
    capsys, data_dir, tmp_path, kind, extra
):
    journal = data_dir / JOURNAL_FILE_NAME
    before = sha256(journal)
    (backup,) = (data_dir / "backups").glob("journal-*.sqlite3")
    backup_before = sha256(backup)
    err = refused(capsys, data_dir, kind, extra, journal, "--force")
    assert f"{journal} is your journal itself" in err
    link = tmp_path / "innocent.csv"
    link.symlink_to(journal)
    assert "is your journal itself" in refused(capsys, data_dir, kind, extra, link, "--force")
    assert link.is_symlink()
    hard = tmp_path / "hard.csv"
    os.link(journal, hard)
    assert "is your journal itself" in refused(capsys, data_dir, kind, extra, hard, "--force")
    for side in ("-wal", "-shm", "-journal"):
        err = refused(capsys, data_dir, kind, extra, f"{journal}{side}", "--force")
        assert f"your journal's SQLite {side} file" in err
    assert not Path(f"{journal}-journal").exists()
    err = refused(capsys, data_dir, kind, extra, backup, "--force")
    assert "the folder CoLearn keeps for its backups" in err
    err = refused(capsys, data_dir, kind, extra, data_dir / "backups" / "new.csv")
    assert "the folder CoLearn keeps for its backups" in err
    assert not (data_dir / "backups" / "new.csv").exists()
    # A journal (or backup) copied elsewhere is still a database, never an export's target.
    copy = tmp_path / "old-journal.sqlite3"
    copy.write_bytes(backup.read_bytes())
    err = refused(capsys, data_dir, kind, extra, copy, "--force")
    assert f"{copy} is an SQLite database" in err
    assert sha256(journal) == before
    assert sha256(backup) == backup_before
    assert sha256(copy) == backup_before


@pytest.mark.parametrize(("kind", "extra"), KINDS, ids=NAMES)
def test_an_export_only_writes_regular_files(capsys, data_dir, tmp_path, kind, extra):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    err = refused(capsys, data_dir, kind, extra, fifo, "--force")
    assert f"{fifo} is a named pipe (FIFO), not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    device = tmp_path / "null"
    device.symlink_to(os.devnull)
    err = refused(capsys, data_dir, kind, extra, device, "--force")
    assert f"{os.devnull} is a device, not a regular file" in err
    assert device.is_symlink()
    err = refused(capsys, data_dir, kind, extra, tmp_path, "--force")
    assert f"{tmp_path} is a folder" in err
    err = refused(capsys, data_dir, kind, extra, "")
    assert "No file name was given for the export." in err
    err = refused(capsys, data_dir, kind, extra, tmp_path / "missing" / "x.out")
    assert f"The folder {tmp_path / 'missing'} does not exist." in err


@pytest.mark.parametrize(("kind", "extra"), KINDS, ids=NAMES)
def test_an_existing_file_is_replaced_only_with_force_and_exports_are_owner_only(
    capsys, data_dir, tmp_path, kind, extra
):
    target = tmp_path / "export.out"
    target.write_text("an older export, kept unless told otherwise")
    target.chmod(0o644)
    err = refused(capsys, data_dir, kind, extra, target)
    assert f"{target} already exists. Nothing was written; add --force to replace it" in err
    assert target.read_text() == "an older export, kept unless told otherwise"
    old_umask = os.umask(0)
    try:
        code, out, _ = export(capsys, data_dir, kind, extra, "-o", str(target), "--force")
        assert code == 0
        assert f" to {target}" in out
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        fresh = tmp_path / "fresh.out"
        code, _, _ = export(capsys, data_dir, kind, extra, "-o", str(fresh))
        assert code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    finally:
        os.umask(old_umask)
    assert "older export" not in target.read_text("utf-8", errors="replace")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "export.out", "fresh.out"]
