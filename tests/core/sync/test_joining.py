"""A device that joins late starts from a snapshot; screens hear about applied changes."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.events import Topic
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.sync.records import batch_from_json, batch_to_json
from tests.core.sync.conftest import Folder, converged, settle
from tests.core.sync.fakes import killed_at_part


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


def test_a_value_from_the_snapshot_replaced_later_is_not_a_change_made_in_1970(
    devices, tmp_path, new_journal_file, clock
):
    """The snapshot's values carry the oldest stamp (nobody edited them since sync began).
    The first edit of one afterwards recorded the snapshot's value as replaced "on Old,
    1970-01-01" in the contact's sync history, which the contact page shows."""
    from dataclasses import replace

    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.core.records import ContactInput
    from colearn_desktop.core.sync.journal_side.service import JournalSync
    from tests.core.sync.conftest import Device

    journal = open_journal(new_journal_file(tmp_path / "old" / "journal.sqlite3"), clock=clock)
    try:
        ana = journal.contacts.create(ContactInput(name="Ana", company="Old Co"))
        old = Device("old", journal, JournalSync.of(journal))
        old.sync.enable()
        desktop = devices("desktop")
        desktop.sync.apply(old.sync.snapshot())
        journal.contacts.update(ana, replace(journal.contacts.get(ana).data, company="New Co"))
        folder = Folder()
        folder.publish(old)
        for batch in folder.pending_for(desktop):
            desktop.sync.apply(batch)

        uid = old.uid_of(ana)
        assert desktop.journal.contacts.get(desktop.contact(uid)).data.company == "New Co"
        assert [e for e in desktop.sync.history("contact", uid) if e["field"] == "company"] == []
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


def test_a_join_through_the_folder_in_small_parts_resumes_after_a_kill_and_converges(
    devices, tmp_path, monkeypatch
):
    """The snapshot in parts of four changes: a contact's referrer, conversations and tags
    land in other parts than the rows naming them; the join is killed at its third part and
    picks up from there."""
    from colearn_desktop.core.records import ContactInput
    from colearn_desktop.core.storage.migrate import HEAD_REVISION
    from colearn_desktop.core.sync.exchange import ThisDevice, exchange
    from colearn_desktop.core.sync.folder import snapshot_file
    from colearn_desktop.core.sync.folder.store import SyncFolder

    monkeypatch.setattr(snapshot_file, "PART_CHANGES", 4)
    laptop = devices("laptop")
    referrer = None
    for n in range(6):
        referrer = laptop.journal.contacts.create(
            ContactInput(name=f"Contact {n}", tags=("client",), referred_by_id=referrer)
        )
        laptop.journal.conversations.log(
            ConversationInput((referrer,), datetime(2026, 11, 2, 9), notes=f"Met {n}")
        )
    folder = SyncFolder.setup(tmp_path / "Sync", "secret")
    laptop_id = laptop.sync.device_id()
    assert (
        exchange(laptop.sync, folder, ThisDevice("Laptop", "l"), schema=HEAD_REVISION).problems
        == []
    )
    [seq] = folder.batch_numbers(laptop_id, snapshot=True)
    found = folder.open_snapshot(laptop_id, seq)
    assert found.parts > 4
    desktop = devices("desktop")
    apply = killed_at_part(monkeypatch, desktop.sync, 3)
    with pytest.raises(KeyboardInterrupt):
        exchange(desktop.sync, folder, ThisDevice("Desktop", "d"), schema=HEAD_REVISION)
    assert desktop.sync.read_up_to(laptop_id) == 0
    assert desktop.sync.parts_read(laptop_id, seq, found.id) == 2
    monkeypatch.setattr(desktop.sync, "apply", apply)
    told = []
    report = exchange(
        desktop.sync,
        folder,
        ThisDevice("Desktop", "d"),
        schema=HEAD_REVISION,
        progress=lambda *said: told.append(said),
    )
    assert report.problems == []
    assert [done for _, done, _ in told] == list(range(3, found.parts + 1))
    assert desktop.sync.read_up_to(laptop_id) == seq
    assert desktop.sync.parts_read(laptop_id, seq, found.id) == 0  # its notes are gone
    exchange(laptop.sync, folder, ThisDevice("Laptop", "l"), schema=HEAD_REVISION)
    converged([laptop, desktop])


def test_a_snapshot_applied_in_parts_is_read_with_its_last_part(devices):
    from colearn_desktop.core.sync.records import ChangeBatch, Part, RowChange

    laptop, desktop = devices("laptop"), devices("desktop")
    laptop.add("Ana García")
    laptop.add("Bea Ruiz")
    whole = laptop.sync.snapshot()
    device, half = whole.device, len(whole.changes) // 2
    first = ChangeBatch(device, whole.seq, whole.schema, whole.changes[:half])
    second = ChangeBatch(device, whole.seq, whole.schema, whole.changes[half:])
    assert desktop.sync.apply(first, Part("s1", 1, 2)).applied == half
    assert desktop.sync.read_up_to(device) == 0  # not read before its last part
    assert desktop.sync.parts_read(device, whole.seq, "s1") == 1
    assert desktop.sync.parts_read(device, whole.seq, "another file") == 0
    assert desktop.sync.apply(first, Part("s1", 1, 2)).applied == 0  # once only
    damaged = ChangeBatch(
        device, whole.seq, whole.schema, (RowChange("tag", "t", "upsert", {}, "?"),)
    )
    [problem] = desktop.sync.apply(damaged, Part("s1", 2, 2)).problems
    assert problem.startswith(f"Part 2 of 2 of snapshot {whole.seq} from device {device} could")
    assert desktop.sync.read_up_to(device) == 0
    desktop.sync.apply(second, Part("s1", 2, 2))
    assert desktop.sync.read_up_to(device) == whole.seq
    assert desktop.sync.parts_read(device, whole.seq, "s1") == 0  # its notes went with it
    converged([laptop, desktop])
