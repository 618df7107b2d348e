"""Only folders the app creates are made private; folders the user already has keep their
mode (a shared 2775 folder keeps its setgid bit, a 0500 folder stays read-only) whether the
app starts, imports or restores."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.paths import DataPaths
from tests.helpers import add_contact

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@posix_only
def test_new_folders_and_their_missing_parents_are_made_private(tmp_path, umask_022):
    os.chmod(tmp_path, 0o755)
    made = make_private_dirs(tmp_path / "a" / "b" / "c")
    assert made == [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"]
    assert [_mode(folder) for folder in made] == [0o700, 0o700, 0o700]
    assert _mode(tmp_path) == 0o755  # there before: not the app's to change
    assert make_private_dirs(tmp_path / "a") == []


@posix_only
@pytest.mark.parametrize("mode", [0o2775, 0o755])
def test_starting_keeps_a_shared_data_folder_as_it_is(tmp_path, mode, umask_022):
    root = tmp_path / "shared"
    root.mkdir()
    os.chmod(root, mode)
    paths = DataPaths(root)
    paths.ensure()
    assert _mode(root) == mode
    for folder in (paths.backups, paths.drafts, paths.logs):
        assert _mode(folder) == 0o700  # made by the app: private


@posix_only
def test_starting_keeps_a_read_only_data_folder_read_only(tmp_path, clock):
    root = tmp_path / "locked"
    open_journal(DataPaths(root).journal, clock=clock).close()
    os.chmod(root, 0o500)
    try:
        DataPaths(root).ensure()  # the journal is there: nothing to refuse
        assert _mode(root) == 0o500
    finally:
        os.chmod(root, 0o700)


@posix_only
@pytest.mark.parametrize("command", ["import", "restore"])
def test_import_and_restore_keep_the_data_folder_mode(tmp_path, clock, capsys, command):
    root = tmp_path / "shared"
    journal = open_journal(DataPaths(root).journal, clock=clock)
    add_contact(journal, "Ana")
    backup = journal.backups.make("manual").path
    journal.close()
    os.chmod(root, 0o2775)
    if command == "import":
        contacts = tmp_path / "contacts.csv"
        contacts.write_text("Name,E-mail\nBea Ruiz,bea@example.com\n", encoding="utf-8")
        argv = ["--data-dir", str(root), "import", str(contacts)]
    else:  # into a missing journal: the restore makes the data folder's files itself
        (root / "journal.sqlite3").unlink()
        argv = ["--data-dir", str(root), "restore", str(backup)]
    assert main(argv) == 0, capsys.readouterr()
    assert _mode(root) == 0o2775
