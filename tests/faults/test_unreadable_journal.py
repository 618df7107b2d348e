"""A journal file that is empty (cut to 0 bytes) or holds bytes that cannot be decoded is damage:
it is never taken for a new journal or crashes the way back; it is moved aside and the newest
good backup offered, and ``check`` / ``restore --latest`` say so in one sentence."""

from __future__ import annotations

import pytest

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.recovery import Outcome, open_at_startup
from tests.faults.damage import checkpoint, invalid_text_in_schema, truncate
from tests.faults.snapshots import table_rows
from tests.faults.test_corruption import in_this_process, told_damaged
from tests.helpers import sha256


@pytest.fixture
def data(tmp_path, clock):
    """A data folder with a journal of some history and one backup of it."""
    folder = tmp_path / "data"
    journal = open_journal(folder / "journal.sqlite3", backups_dir=folder / "backups", clock=clock)
    generate_demo(journal, contacts=8, conversations_per_contact=2)
    journal.backups.make("manual")
    journal.close()
    checkpoint(folder / "journal.sqlite3")
    return folder


@pytest.mark.parametrize("damage", [truncate, invalid_text_in_schema])
def test_check_calls_it_damage_and_changes_nothing(data, damage):
    journal = data / "journal.sqlite3"
    damage(journal)
    before = sha256(journal)

    told_damaged(in_this_process(data, "check"))
    assert sha256(journal) == before  # no schema written into the empty file


def test_an_empty_journal_is_moved_aside_and_the_backup_offered(data, clock):
    journal = data / "journal.sqlite3"
    truncate(journal)

    startup = open_at_startup(journal, data / "backups", clock)

    assert startup.outcome is Outcome.DAMAGED
    assert "empty (0 bytes)" in startup.message
    assert startup.candidate is not None
    assert startup.candidate.counts.contacts == 8
    assert startup.damaged_kept.stat().st_size == 0
    assert not journal.exists()


def test_undecodable_schema_text_is_moved_aside_and_restore_latest_works(data, clock):
    journal = data / "journal.sqlite3"
    [backup] = (data / "backups").glob("*.sqlite3")
    invalid_text_in_schema(journal)
    damaged = sha256(journal)

    startup = open_at_startup(journal, data / "backups", clock)
    assert startup.outcome is Outcome.DAMAGED
    assert "not valid text" in startup.message
    assert startup.candidate is not None
    startup.damaged_kept.rename(journal)  # put it back, for the command line

    restore = in_this_process(data, "restore", "--latest")

    assert restore.returncode == 0, restore.stderr
    [kept] = data.glob("journal-damaged-*.sqlite3")
    assert sha256(kept) == damaged
    assert table_rows(journal) == table_rows(backup)
    assert in_this_process(data, "check").stdout == "ok\n"


def test_a_backup_with_undecodable_text_is_passed_over_for_the_next_good_one(data, clock):
    [good] = (data / "backups").glob("*.sqlite3")
    newest = data / "backups" / "journal-20991231-235959-manual.sqlite3"
    newest.write_bytes(good.read_bytes())
    invalid_text_in_schema(newest)
    truncate(data / "journal.sqlite3")

    startup = open_at_startup(data / "journal.sqlite3", data / "backups", clock)
    assert startup.candidate.path == good
    startup.damaged_kept.rename(data / "journal.sqlite3")

    listing = in_this_process(data, "backups")
    restore = in_this_process(data, "restore", "--latest")

    assert listing.returncode == 0, listing.stderr
    assert "(unreadable)" in listing.stdout
    assert restore.returncode == 0, restore.stderr
    assert str(good) in restore.stdout
    assert table_rows(data / "journal.sqlite3") == table_rows(good)
