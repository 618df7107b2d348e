"""A device that joins late starts from a snapshot; screens hear about applied changes."""

from __future__ import annotations

from datetime import datetime

from colearn_desktop.core.events import Topic
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.sync.records import batch_from_json, batch_to_json
from tests.core.sync.conftest import Folder, converged, settle


def test_a_device_that_joins_late_starts_from_a_snapshot_then_reads_what_follows(devices):
    laptop = devices("laptop")
    ana_id, ana = laptop.add("Ana García", tags=("client",))
    laptop.journal.conversations.log(
        ConversationInput((ana_id,), datetime(2026, 11, 2, 9), notes="Before the desktop came")
    )
    folder = Folder()
    folder.publish(laptop)
    desktop = devices("desktop")
    snapshot = batch_from_json(batch_to_json(laptop.sync.snapshot()))  # through the folder
    assert snapshot.seq == 2  # 1: what the journal held before sync; 2: the batch published
    desktop.sync.apply(snapshot)
    assert desktop.sync.read_up_to(laptop.sync.device_id()) == 2
    laptop.journal.conversations.log(
        ConversationInput((ana_id,), datetime(2026, 11, 3, 9), notes="After")
    )
    settle(folder, [laptop, desktop])
    notes = {c.data.notes for c in desktop.journal.conversations.for_contact(desktop.contact(ana))}
    assert notes == {"Before the desktop came", "After"}
    converged([laptop, desktop])


def test_a_journal_made_before_sync_was_switched_on_joins_through_its_snapshot(
    devices, tmp_path, new_journal_file, clock
):
    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.core.records import ContactInput
    from colearn_desktop.core.sync.journal_side.service import JournalSync
    from tests.core.sync.conftest import Device

    journal = open_journal(new_journal_file(tmp_path / "old" / "journal.sqlite3"), clock=clock)
    try:
        journal.contacts.create(ContactInput(name="Made before sync"))
        old = Device("old", journal, JournalSync.of(journal))
        old.sync.enable()
        assert old.sync.outgoing() is None  # nothing was captured before
        desktop = devices("desktop")
        desktop.sync.apply(old.sync.snapshot())
        assert [c.display_name for c in desktop.journal.contact_list.rows()] == ["Made before sync"]
        converged([old, desktop])
    finally:
        journal.close()


def test_screens_are_told_when_another_devices_changes_are_applied(devices):
    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.add("Ana García")
    heard = []
    desktop.journal.subscribe(heard.append)
    batch = laptop.sync.outgoing()
    assert batch is not None
    desktop.sync.apply(batch)
    assert [change.topic for change in heard] == [Topic.JOURNAL]
    desktop.sync.apply(batch)  # already applied: nothing changed, nobody is told
    assert len(heard) == 1


def test_a_journal_restored_from_a_backup_numbers_its_next_batch_after_the_folders(devices):
    laptop = devices("laptop")
    laptop.add("Ana García")
    made = laptop.sync.outgoing()  # made, not yet in the folder
    assert made is not None
    assert made.seq == 2  # 1 stands for what the journal held before sync (its settings)
    laptop.sync.continue_after(7)  # the folder already holds batches 1..7 of this device
    again = laptop.sync.outgoing()
    assert again is not None
    assert again.seq == 8
    assert {c.fields.get("name") for c in again.changes} >= {"Ana García"}


def test_a_snapshot_before_any_batch_reads_back_through_json(devices):
    laptop = devices("laptop")
    snapshot = laptop.sync.snapshot()
    assert snapshot.seq == 1  # what the journal held before sync: a number the others can mark
    assert batch_from_json(batch_to_json(snapshot)) == snapshot
