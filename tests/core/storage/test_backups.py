"""Automatic backups: verified, skipped when nothing changed (across processes), thinned,
mirrored, owner-only, and a failed backup never touches the earlier ones."""

from __future__ import annotations

import os
import stat
import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.backups import verified_copy as backup_module
from colearn_desktop.core.storage.backups.verified_copy import (
    BackupCheck,
    BackupError,
    check_backup,
)
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact, sha256

# Backups: commits wait for the disk as the app's do (tests/conftest.py).
pytestmark = pytest.mark.durable_journal

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def test_a_fresh_journal_has_nothing_to_back_up(journal):
    assert not journal.backups.has_changes()
    journal.contact_list.rows()  # reading changes nothing
    assert not journal.backups.has_changes()
    add_contact(journal)
    assert journal.backups.has_changes()


def test_backup_is_verified_holds_the_content_and_is_skipped_when_nothing_changed(journal, clock):
    add_contact(journal, "Zoë", "Ørsted")
    first = journal.backups.make("manual")
    assert first.made
    assert first.path.parent == journal.backups_dir
    assert first.path.name == "journal-20261122-093000-manual.sqlite3"
    assert check_backup(first.path).ok
    assert table_rows(first.path) == table_rows(journal.path)

    clock.advance(hours=1)
    again = journal.backups.make("on-close")
    assert not again.made
    assert again.path == first.path  # the newest backup already holds this state
    assert len(journal.backups.list()) == 1

    add_contact(journal, "Ana")
    third = journal.backups.make("on-close")
    assert third.made
    assert [b.reason for b in journal.backups.list()] == ["on-close", "manual"]
    assert journal.backups.list()[0].counts.contacts == 2


def test_failed_or_rolled_back_writes_do_not_count_as_changes(journal):
    add_contact(journal)
    journal.backups.make("manual")
    with pytest.raises(ValidationError):
        journal.contacts.create(ContactInput())  # no name: rejected, nothing written

    def delete_then_fail() -> None:
        with journal.db.write() as session:
            session.execute(text("DELETE FROM contact"))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        delete_then_fail()
    assert not journal.backups.has_changes()


def test_changes_made_by_another_process_are_seen(journal, journal_path, clock):
    add_contact(journal)
    journal.backups.make("manual")
    # A second, independent engine on the same file: exactly what another process has.
    other = open_journal(journal_path, clock=clock)
    try:
        add_contact(other, "From", "Elsewhere")
    finally:
        other.close()
    assert journal.backups.has_changes()
    assert journal.backups.make("on-close").made


def test_forced_backup_is_made_even_without_changes(journal):
    add_contact(journal)
    journal.backups.make("manual")
    assert journal.backups.make("manual", force=True).made
    assert len(journal.backups.list()) == 2


def test_daily_backup_is_due_once_a_day_and_only_after_changes(journal, clock):
    assert not journal.backups.due()  # nothing to back up yet
    add_contact(journal)
    assert journal.backups.due()  # changes and no backup
    journal.backups.make("daily")
    add_contact(journal, "Ben")
    clock.advance(hours=23)
    assert not journal.backups.due()
    clock.advance(hours=1)
    assert journal.backups.due()
    journal.backups.make("daily")
    clock.advance(days=3)
    assert not journal.backups.due()  # nothing changed since


def test_failed_backup_never_touches_earlier_ones(journal, monkeypatch):
    add_contact(journal)
    earlier = journal.backups.make("manual").path
    before = sha256(earlier)
    add_contact(journal, "Ben")

    def failing_check(path, *, full=False):
        return BackupCheck(path, ok=False, revision=None, problem="injected")

    monkeypatch.setattr(backup_module, "check_backup", failing_check)
    with pytest.raises(BackupError, match="failed its check: injected"):
        journal.backups.make("manual")
    assert sha256(earlier) == before
    assert [p.name for p in journal.backups_dir.iterdir() if p.suffix != ".json"] == [earlier.name]


def test_backups_are_thinned_by_the_journal_retention(journal, clock):
    journal.settings.update(backup_keep_daily=3, backup_keep_weekly=0, backup_keep_monthly=0)
    for day in range(10):
        add_contact(journal, f"Day{day}")
        journal.backups.make("daily")
        clock.advance(days=1)
    kept = [b.taken_at.date() for b in journal.backups.list()]
    # The last two days are kept whole; the third newest day fills the three days.
    today = clock.today() - timedelta(days=1)
    assert kept == [today, today - timedelta(days=1), today - timedelta(days=2)]


def test_retention_settings_are_validated(journal):
    with pytest.raises(ValidationError) as caught:
        journal.settings.update(backup_keep_daily=0, backup_keep_monthly=-1)
    assert {p.field for p in caught.value.problems} == {"backup_keep_daily", "backup_keep_monthly"}
    assert journal.settings.get().backup_keep_daily == 7


def test_thinning_never_touches_files_it_did_not_make(journal, clock):
    journal.settings.update(backup_keep_daily=1, backup_keep_weekly=0, backup_keep_monthly=0)
    journal.backups_dir.mkdir(parents=True, exist_ok=True)
    mine = journal.backups_dir / "my-copy.sqlite3"
    mine.write_bytes(b"keep me")
    for day in range(4):
        add_contact(journal, f"D{day}")
        journal.backups.make("daily")
        clock.advance(days=1)
    assert mine.read_bytes() == b"keep me"


def test_verified_backups_are_mirrored_and_thinned_there_too(journal, clock, tmp_path):
    mirror = tmp_path / "usb"
    mirror.mkdir()
    (mirror / "holiday.jpg").write_bytes(b"not ours")
    journal.backups.set_mirror_dir(mirror)
    journal.settings.update(backup_keep_daily=1, backup_keep_weekly=0, backup_keep_monthly=0)
    for day in range(4):
        add_contact(journal, f"D{day}")
        outcome = journal.backups.make("daily")
        assert outcome.problems == ()
        copy = mirror / outcome.path.name
        assert sha256(copy) == sha256(outcome.path)
        clock.advance(days=1)
    assert sorted(p.name for p in mirror.iterdir() if p.suffix == ".sqlite3") == sorted(
        b.path.name for b in journal.backups.list()
    )
    assert (mirror / "holiday.jpg").read_bytes() == b"not ours"
    assert not list(mirror.glob("*.partial"))


def test_a_missing_mirror_folder_is_reported_and_the_backup_still_made(journal, tmp_path):
    journal.backups.set_mirror_dir(tmp_path / "unplugged")
    add_contact(journal)
    outcome = journal.backups.make("manual")
    assert outcome.made
    assert check_backup(outcome.path).ok
    assert "not available" in outcome.problems[0]
    assert str(tmp_path / "unplugged") in outcome.problems[0]


def test_the_mirror_folder_belongs_to_this_computer_not_the_journal(journal, tmp_path):
    journal.backups.set_mirror_dir(tmp_path / "usb")
    assert not journal.backups.local.path.is_relative_to(journal.path.parent)
    assert journal.backups.local.mirror_dir == tmp_path / "usb"
    backup = journal.backups.make("manual", force=True).path
    assert "usb" not in str(table_rows(backup)["setting"])
    journal.backups.set_mirror_dir(None)
    assert journal.backups.local.mirror_dir is None


@posix_only
def test_journal_backups_and_data_folder_are_owner_only(tmp_path, clock):
    from colearn_desktop.paths import DataPaths

    old = os.umask(0o022)
    try:
        paths = DataPaths(tmp_path / "data")
        paths.ensure()
        journal = open_journal(paths.journal, backups_dir=paths.backups, clock=clock)
        add_contact(journal)
        made = journal.backups.make("manual").path
        files = [paths.journal, made, *paths.root.glob("journal.sqlite3-*")]
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
        journal.close()
    finally:
        os.umask(old)
    assert set(modes.values()) == {0o600}, modes
    for folder in (paths.root, paths.backups):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
def test_an_existing_journal_readable_by_others_is_made_owner_only(journal_path, clock):
    open_journal(journal_path, clock=clock).close()
    os.chmod(journal_path, 0o644)
    open_journal(journal_path, clock=clock).close()
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600


def test_a_backup_killed_half_way_leaves_its_temporary_file_only_for_a_while(journal):
    journal.backups_dir.mkdir(parents=True, exist_ok=True)
    stale = journal.backups_dir / "journal-20261101-100000-daily.sqlite3.4242.partial"
    running = journal.backups_dir / "journal-20261122-093000-daily.sqlite3.4343.partial"
    for partial in (stale, running):
        partial.write_bytes(b"half a backup")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    add_contact(journal)
    journal.backups.make("daily")
    assert not stale.exists()
    assert running.exists()  # perhaps another process is writing it right now
