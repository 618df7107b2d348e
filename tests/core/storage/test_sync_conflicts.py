"""Conflict copies beside the journal and synced folders are found by name only; CoLearn's own
files beside the journal are never mistaken for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from colearn_desktop.core.storage.files.sync_conflicts import conflict_copies, find, sync_service

CONFLICTS = [
    "journal.sync-conflict-20260101-120000-ABCDEF1.sqlite3",  # Syncthing
    "journal.sync-conflict-20260101-120000-ABCDEF1.sqlite3-wal",
    "journal (Ana's conflicted copy 2026-01-01).sqlite3",  # Dropbox
    "journal (conflicted copy 2026-01-01 120000).sqlite3",  # Nextcloud
    "journal_conflict-20260101-120000.sqlite3",  # older ownCloud
]
OURS_AND_OTHERS = [
    "journal.sqlite3",
    "journal.sqlite3-wal",
    "journal.sqlite3-shm",
    "journal.sqlite3.open",
    "journal-damaged-20261122-093000.sqlite3",
    "journal-moved-20261122-093000.sqlite3",
    "journal (1).sqlite3",  # Google Drive, or a copy by hand: too ambiguous
    "journal-DESKTOP-AB12CD.sqlite3",  # OneDrive's name, but this is not a OneDrive folder
    "notes.sync-conflict-20260101-120000-ABCDEF1.txt",
    "local-settings.json",
]


def _files(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")


def test_conflict_copies_of_every_tool_are_found_and_nothing_else(tmp_path):
    _files(tmp_path, CONFLICTS + OURS_AND_OTHERS)
    found = conflict_copies(tmp_path / "journal.sqlite3")
    assert sorted(p.name for p in found) == sorted(CONFLICTS)


def test_onedrive_copies_are_only_recognised_inside_onedrive(tmp_path):
    folder = tmp_path / "OneDrive - Studio" / "CoLearn"
    _files(folder, ["journal.sqlite3", "journal-DESKTOP-AB12CD.sqlite3", "journal-moved-x.sqlite3"])
    findings = find(folder / "journal.sqlite3")
    assert findings.service == "OneDrive"
    assert [p.name for p in findings.conflicts] == ["journal-DESKTOP-AB12CD.sqlite3"]


@pytest.mark.parametrize(
    ("marker", "service"),
    [(".stfolder", "Syncthing"), (".dropbox", "Dropbox"), (".nextcloudsync.log", "Nextcloud")],
)
def test_a_sync_tools_marker_in_a_parent_folder_is_found(tmp_path, marker, service):
    top = tmp_path / "shared"
    (top / "deep" / "CoLearn").mkdir(parents=True)
    (top / marker).mkdir() if marker.startswith(".st") else (top / marker).write_text("")
    assert sync_service(top / "deep" / "CoLearn") == (service, top)


@pytest.mark.parametrize(
    ("parts", "service"),
    [
        (("Dropbox", "Apps"), "Dropbox"),
        (("Nextcloud",), "Nextcloud"),
        (("Library", "Mobile Documents", "com~apple~CloudDocs"), "iCloud"),
    ],
)
def test_folders_only_sync_tools_use_are_recognised(tmp_path, parts, service):
    folder = tmp_path.joinpath(*parts, "CoLearn")
    folder.mkdir(parents=True)
    assert sync_service(folder)[0] == service


def test_a_plain_folder_with_only_our_files_gives_no_warning(tmp_path):
    _files(tmp_path / "data", OURS_AND_OTHERS)
    findings = find(tmp_path / "data" / "journal.sqlite3")
    assert (findings.service, findings.conflicts, findings.warnings()) == (None, (), [])


def test_the_warnings_name_the_copies_the_tool_and_what_to_do(tmp_path):
    folder = tmp_path / "Dropbox" / "CoLearn"
    _files(folder, ["journal.sqlite3", CONFLICTS[2]])
    conflicts, synced = find(folder / "journal.sqlite3").warnings()
    assert CONFLICTS[2] in conflicts
    assert "Do not delete a copy before you have looked at it" in conflicts
    assert f"Dropbox synchronises ({tmp_path / 'Dropbox'})" in synced
    assert "Move my journal" in synced


def test_colearn_check_warns_about_conflict_copies_without_calling_them_damage(tmp_path, capsys):
    from colearn_desktop.cli import main

    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--contacts", "3"]) == 0
    (data / CONFLICTS[0]).write_bytes(b"")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "check"]) == 0
    out, err = capsys.readouterr()
    assert out == "ok\n"
    assert err.startswith("colearn: warning: Conflict copies of your journal are in")
    assert CONFLICTS[0] in err
