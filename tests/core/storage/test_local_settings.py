"""This computer's settings (the backup mirror) live in the per-user config folder, keyed by
the data folder: never in the data folder, which may be copied, synced or restored elsewhere."""

from __future__ import annotations

import json
import os
import shutil

from colearn_desktop.core.storage.local_settings import LEGACY_FILE_NAME, LocalSettings


def test_the_mirror_choice_is_kept_outside_the_data_folder_per_journal(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    LocalSettings(first).set_mirror_dir(tmp_path / "usb")

    assert LocalSettings(first).mirror_dir == tmp_path / "usb"
    assert LocalSettings(second).mirror_dir is None
    assert list(first.iterdir()) == []  # nothing beside the journal
    stored = LocalSettings(first).path
    assert stored.is_relative_to(os.environ["XDG_CONFIG_HOME"])  # isolated by conftest.py
    assert json.loads(stored.read_text("utf-8"))["data_dir"] == str(first.resolve())


def test_a_copied_data_folder_does_not_carry_the_mirror(tmp_path):
    original = tmp_path / "original"
    original.mkdir()
    (original / "journal.sqlite3").write_bytes(b"")
    LocalSettings(original).set_mirror_dir(tmp_path / "usb")
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    assert LocalSettings(copy).mirror_dir is None


def test_the_file_beside_the_journal_is_read_once_then_removed(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    legacy = data / LEGACY_FILE_NAME
    legacy.write_text(json.dumps({"backup_mirror_dir": str(tmp_path / "usb")}), "utf-8")

    assert LocalSettings(data).mirror_dir == tmp_path / "usb"
    assert not legacy.exists()
    assert LocalSettings(data).mirror_dir == tmp_path / "usb"  # now from the config folder


def test_an_unreadable_old_file_is_left_for_a_person_to_look_at(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / LEGACY_FILE_NAME).write_text("{half a fi", "utf-8")
    assert LocalSettings(data).mirror_dir is None
    assert (data / LEGACY_FILE_NAME).exists()
