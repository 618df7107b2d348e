from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.files.relocate import move_journal
from colearn_desktop.paths import read_location, resolve_data_dir, write_location
from tests.helpers import add_contact

NOW = datetime(2026, 11, 22, 10, 0)


def test_move_copies_journal_backups_and_drafts_and_keeps_the_old_file(
    tmp_path, clock, new_journal_file
):
    old = tmp_path / "old"
    journal = open_journal(new_journal_file(old / "journal.sqlite3"), clock=clock)
    add_contact(journal, "Zoë")
    journal.backups.make("manual")
    journal.close()
    (old / "drafts").mkdir()
    (old / "drafts" / "x.draft.json").write_text("{}")
    moved = move_journal(old, tmp_path / "new", "journal.sqlite3", NOW)
    assert moved.new_journal == (tmp_path / "new" / "journal.sqlite3").resolve()
    assert moved.backups_copied >= 1
    assert not (old / "journal.sqlite3").exists()
    assert moved.old_journal_kept_as.exists()
    assert (tmp_path / "new" / "drafts" / "x.draft.json").exists()
    reopened = open_journal(moved.new_journal, clock=clock)
    assert [r.display_name for r in reopened.contact_list.rows()] == ["Zoë García"]
    assert reopened.check() == []
    reopened.close()


def test_move_refuses_a_folder_with_a_journal_or_inside_the_data_folder(
    tmp_path, clock, new_journal_file
):
    old = tmp_path / "old"
    open_journal(new_journal_file(old / "journal.sqlite3"), clock=clock).close()
    busy = tmp_path / "busy"
    open_journal(new_journal_file(busy / "journal.sqlite3"), clock=clock).close()
    with pytest.raises(ValidationError, match="already holds a journal"):
        move_journal(old, busy, "journal.sqlite3", NOW)
    with pytest.raises(ValidationError, match="outside"):
        move_journal(old, old / "inner", "journal.sqlite3", NOW)
    assert (old / "journal.sqlite3").exists()


def test_the_moved_to_folder_is_remembered_after_option_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("COLEARN_DATA_DIR", raising=False)
    assert read_location() is None
    write_location(tmp_path / "moved")
    assert resolve_data_dir(None, {}) == tmp_path / "moved"
    assert resolve_data_dir(None, {"COLEARN_DATA_DIR": str(tmp_path / "env")}) == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "opt", {}) == tmp_path / "opt"
    write_location(None)
    assert read_location() is None


def test_the_backup_mirror_follows_the_moved_journal(tmp_path, clock, new_journal_file):
    """Settings that belong to this computer are keyed by the data folder: a move that left
    them behind silently switched the backup mirror off."""
    from colearn_desktop.core.storage.local_settings import LocalSettings

    old, new, mirror = tmp_path / "old", tmp_path / "new" / "deeper", tmp_path / "usb"
    open_journal(new_journal_file(old / "journal.sqlite3"), clock=clock).close()
    LocalSettings(old).set_mirror_dir(mirror)
    move_journal(old, new, "journal.sqlite3", NOW)
    assert LocalSettings(new).mirror_dir == mirror.resolve()
    assert LocalSettings(old).mirror_dir is None
    assert (new.parent.stat().st_mode & 0o777) == 0o700  # a folder the move made is private
