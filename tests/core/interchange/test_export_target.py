"""check_export_target (which files an export may write) and replacing (how it writes them),
without a journal open: the rule is about paths."""

from __future__ import annotations

import os
import stat

import pytest

from colearn_desktop.core.interchange.writers.export_target import (
    ExportTargetError,
    check_export_target,
    replacing,
)
from colearn_desktop.core.storage.local_settings import LocalSettings


@pytest.fixture
def journal(tmp_path):
    data = tmp_path / "data"
    for folder in ("backups", "drafts", "logs"):
        (data / folder).mkdir(parents=True)
    path = data / "journal.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(100))
    return path


def reason(chosen, journal, backups_dir=None) -> str:
    with pytest.raises(ExportTargetError) as caught:
        check_export_target(chosen, journal, backups_dir)
    return str(caught.value)


def test_folders_and_files_colearn_keeps_are_refused(journal, tmp_path, monkeypatch):
    data = journal.parent
    assert "keeps for its drafts of unsaved notes" in reason(data / "drafts" / "d.json", journal)
    assert "keeps for its logs" in reason(data / "logs" / "x.csv", journal)
    assert "CoLearn's settings file" in reason(data / "local-settings.json", journal)
    other_backups = tmp_path / "elsewhere"
    other_backups.mkdir()
    assert "keeps for its backups" in reason(other_backups / "x.csv", journal, other_backups)
    # Relative names and links into those folders are resolved first.
    monkeypatch.chdir(data)
    assert "keeps for its backups" in reason("backups/../backups/x.csv", journal)
    link = tmp_path / "shortcut"
    link.symlink_to(data / "backups")
    assert "keeps for its backups" in reason(link / "x.csv", journal)
    # The data folder itself is an ordinary place to put a file.
    assert check_export_target(data / "contacts.csv", journal).exists is False


def test_the_backup_mirror_is_refused(journal, tmp_path):
    mirror = tmp_path / "usb"
    mirror.mkdir()
    LocalSettings(journal.parent).set_mirror_dir(mirror)
    assert "backup copies (the mirror folder)" in reason(mirror / "x.json", journal)


def test_what_the_caller_learns_about_an_allowed_file(journal, tmp_path):
    target = tmp_path / "link.csv"
    real = tmp_path / "real.csv"
    real.write_text("old")
    target.symlink_to(real)
    found = check_export_target(str(target), journal)
    assert (found.path, found.exists) == (real, True)
    assert check_export_target(tmp_path / "new.csv", journal).exists is False


def test_replacing_writes_owner_only_and_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o644)

    def fail_halfway() -> None:
        with replacing(target) as out:
            out.write("half")
            raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        fail_halfway()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    old_umask = os.umask(0)
    try:
        with replacing(target, encoding=None) as out:
            out.write(b"new")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
