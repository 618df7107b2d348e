"""Exchanging through the sync folder survives what sync tools do (issue #18): files late,
out of order, twice, half written or damaged, a copied or restored device, a newer schema."""

from __future__ import annotations

import copy
import os
import stat

import pytest

from colearn_desktop.core.sync.exchange import exchange
from colearn_desktop.core.sync.folder.store import SYNC_DIR
from tests.core.sync.fakes import Device, NotRenewable


def batch_file(device: Device, seq: int):
    return device.folder.base / device.side.device / f"{seq:012d}.batch"


def send(device: Device, *rows: str):
    """Write one row per name and exchange, so each call makes one batch."""
    for row in rows:
        device.side.write("contact", row, name=row)
        device.sync()


def test_a_change_on_one_device_reaches_the_other_and_the_report_says_so(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    laptop.side.write("contact", "c1", name="Ana")
    laptop.side.write("conversation", "v1", note="Coffee")
    sent = laptop.sync()
    assert (sent.sent, sent.sent_batches, sent.received) == (2, 1, {})
    got = desktop.sync()
    assert got.received == {"laptop": 2}
    assert desktop.side.values() == laptop.side.values()
    assert got.name_of("laptop") == "Laptop"
    assert [(d.device, d.name, d.newest, d.this) for d in got.devices] == [
        ("desktop", "Desktop", 0, True),
        ("laptop", "Laptop", 1, False),
    ]
    again = desktop.sync()
    assert (again.received, again.problems) == ({}, [])


def test_files_are_private_whole_and_only_the_devices_own(devices, folder):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana")
    desktop.sync()
    for path in folder.base.rglob("*"):
        if path.is_file() and path.name != "folder.json":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
            assert path.parent.name in ("laptop", "desktop")
    names = sorted(p.name for p in (folder.base / "laptop").iterdir())
    assert names == ["000000000001.batch", "device.json"]  # no temporary file left


def test_a_missing_number_stops_that_device_until_it_arrives(devices, tmp_path):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana", "Bo", "Cy")
    late = tmp_path / "late"
    os.replace(batch_file(laptop, 2), late)
    report = desktop.sync()
    assert report.received == {"laptop": 1}
    assert desktop.side.read_up_to("laptop") == 1
    assert report.problems == []
    os.replace(late, batch_file(laptop, 2))
    assert desktop.sync().received == {"laptop": 2}
    assert desktop.side.values() == laptop.side.values()
    assert desktop.side.applied_batches == [("laptop", 1), ("laptop", 2), ("laptop", 3)]


def test_a_batch_read_twice_changes_nothing(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana", "Bo")
    desktop.sync()
    before = desktop.side.values()
    desktop.side.marks["laptop"] = 0  # as after a crash before the mark was kept
    report = desktop.sync()
    assert report.received == {"laptop": 0}
    assert desktop.side.values() == before


def test_a_file_cut_short_is_reported_not_applied_and_read_when_whole(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana", "Bo")
    whole = batch_file(laptop, 1).read_bytes()
    batch_file(laptop, 1).write_bytes(whole[: len(whole) // 2])
    report = desktop.sync()
    assert report.received == {}
    assert desktop.side.values() == {}
    [problem] = report.problems
    assert str(batch_file(laptop, 1)) in problem
    assert "cut short or damaged" in problem
    assert "nothing of it was applied. The device Laptop (laptop) is read again" in problem
    batch_file(laptop, 1).write_bytes(whole)
    assert desktop.sync().received == {"laptop": 2}


def test_a_damaged_batch_that_is_valid_json_is_reported(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana")
    batch_file(laptop, 1).write_text('{"format": 1, "batch": {"device": "laptop"}}')
    [problem] = desktop.sync().problems
    assert "01.batch: The change batch is damaged: the batch has no valid “seq”" in problem
    assert desktop.side.values() == {}


def test_the_sync_tools_own_temporary_and_conflict_files_are_ignored(devices, folder):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana")
    own = folder.base / "laptop"
    for name in (
        ".syncthing.000000000002.batch.tmp",
        "000000000002.sync-conflict-20260101-120000-ABCDEF1.batch",
        "000000000002 (Ana's conflicted copy 2026-01-01).batch",
        ".~lock.000000000002.batch#",
        "000000000002-DESKTOP-AB12CD.batch",
        ".000000000002.batch.1a2b3c4d.colearn-tmp",
    ):
        (own / name).write_text("garbage")
    (folder.base / ".stversions").mkdir()
    report = desktop.sync()
    assert (report.received, report.problems) == ({"laptop": 1}, [])
    assert [d.device for d in report.devices] == ["desktop", "laptop"]


def test_a_copied_data_folder_gets_a_new_device_id_and_nothing_is_lost(folder):
    original = Device(folder, "Laptop")
    send(original, "Ana")
    copied = Device(folder, "Laptop", "laptop")
    copied.this = copied.this.__class__("Laptop copy", "instance-of-the-copy")
    copied.side = copy.deepcopy(original.side)
    copied.side.write("contact", "Bo", name="Bo")
    report = copied.sync()
    assert report.device == "laptop-renewed"
    [note] = report.notes
    assert "Another computer writes to the sync folder as this device (laptop, Laptop)" in note
    assert "now writes as the new device laptop-renewed" in note
    # the original keeps its id and receives what the copy wrote
    back = original.sync()
    assert (back.device, back.notes, back.problems) == ("laptop", [], [])
    assert original.side.values() == copied.side.values()


def test_a_copy_whose_journal_cannot_change_id_sends_nothing_and_says_why(folder):
    original = Device(folder, "Laptop")
    send(original, "Ana")
    copied = Device(folder, "Laptop copy", "laptop")
    copied.side = NotRenewable("laptop")
    copied.side.write("contact", "Bo", name="Bo")
    report = copied.sync()
    assert report.sent == 0
    [problem] = report.problems
    assert "this journal was copied from it" in problem
    assert "Nothing was sent" in problem
    assert folder.batch_numbers("laptop") == [1]


def test_a_device_restored_from_a_backup_gets_a_new_id_and_its_lost_changes_back(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana")
    backup = copy.deepcopy(laptop.side)
    send(laptop, "Bo", "Cy")
    desktop.sync()
    laptop.side = backup  # restored: it hands out number 2 again
    laptop.side.write("contact", "Dee", name="Dee")
    report = laptop.sync()
    [note] = report.notes
    assert "batch numbers went back (it hands out 2, the folder already has up to 3)" in note
    assert report.device == "laptop-renewed"
    assert [(d.device, d.this, d.retired_for) for d in report.devices if "lap" in d.device] == [
        ("laptop", False, "laptop-renewed"),
        ("laptop-renewed", True, ""),
    ]
    assert set(laptop.side.values()) == {("contact", n) for n in ("Ana", "Bo", "Cy", "Dee")}
    desktop.sync()
    assert desktop.side.values() == laptop.side.values()
    # the retired id's old read marks no longer hold up the desktop's compaction
    desktop.side.write("contact", "Eve", name="Eve")
    desktop.sync()
    laptop.sync()
    assert desktop.sync(compact_every=1).compacted == 1


def test_changes_from_a_newer_schema_are_kept_until_this_device_is_upgraded(devices, folder):
    laptop, desktop = devices("Laptop", "Desktop")
    laptop.side.schema = "0016"
    send(laptop, "Ana")
    report = desktop.sync(schema="0014")
    [problem] = report.problems
    assert "The device Laptop (laptop) writes changes for a newer version" in problem
    assert "schema 0016, this one has 0014" in problem
    assert desktop.side.values() == {}
    assert folder.batch_numbers("laptop") == [1]
    assert desktop.sync(schema="0016").received == {"laptop": 1}


def test_compaction_folds_batches_everyone_read_and_a_new_device_joins_from_the_snapshot(
    devices, folder
):
    laptop, desktop = devices("Laptop", "Desktop")
    for n in range(30):
        laptop.side.write("contact", f"c{n % 10}", name=f"Name {n}")
        laptop.sync()
    desktop.sync()  # desktop has read 1..30
    compacted = []
    for n in range(3):
        laptop.side.write("contact", f"late{n}", name="Late")
        compacted.append(laptop.sync(compact_every=10).compacted)
    assert compacted == [30, 0, 0]  # the next compaction waits for 10 more read batches
    assert folder.batch_numbers("laptop") == [31, 32, 33]  # desktop has not read these yet
    assert folder.batch_numbers("laptop", snapshot=True) == [31]
    joiner = Device(folder, "Tablet")
    told = []
    joined = exchange(
        joiner.side, folder, joiner.this, schema="0014", progress=lambda *a: told.append(a)
    )
    # the snapshot's one part, then 32 and 33
    assert told == [("laptop", 1, 3), ("laptop", 2, 3), ("laptop", 3, 3)]
    assert joined.problems == []
    assert joiner.side.values() == laptop.side.values()
    assert joiner.side.applied_batches[0] == ("laptop", 31)  # started from the snapshot
    desktop.sync()
    assert desktop.side.values() == laptop.side.values()


def test_an_old_batch_a_sync_tool_brings_back_after_compaction_does_not_stop_a_joiner(
    devices, folder
):
    laptop, desktop = devices("Laptop", "Desktop")
    send(laptop, "Ana", "Bo", "Cy")
    first = batch_file(laptop, 1).read_bytes()
    desktop.sync()
    laptop.side.write("contact", "Dee", name="Dee")
    assert laptop.sync(compact_every=3).compacted == 3
    batch_file(laptop, 1).write_bytes(first)  # e.g. a USB stick copied back over the folder
    joiner = Device(folder, "Tablet")
    assert joiner.sync().problems == []
    assert joiner.side.values() == laptop.side.values()


def test_what_a_journal_held_before_sync_reaches_the_others_through_its_first_snapshot(
    devices, folder
):
    laptop, desktop = devices("Laptop", "Desktop")
    laptop.side.had_before_sync("c1", name="Years of notes")
    laptop.side.write("contact", "c2", name="Ana")
    laptop.sync()
    assert folder.batch_numbers("laptop", snapshot=True) == [2]  # covers batch 2 as well
    assert folder.batch_numbers("laptop") == [2]
    got = desktop.sync()
    assert got.problems == []
    assert desktop.side.values() == laptop.side.values()
    assert desktop.side.applied_batches == [("laptop", 2)]  # batch 1 was never a file
    laptop.side.write("contact", "c3", name="Bo")
    laptop.sync()
    assert folder.batch_numbers("laptop", snapshot=True) == [2]  # at the first exchange only
    assert folder.batch_numbers("desktop", snapshot=True) == []  # nothing before sync there


def test_the_folder_stays_small_after_compaction(devices, folder):
    laptop, desktop = devices("Laptop", "Desktop")
    for n in range(200):
        laptop.side.write("contact", f"c{n % 20}", name=f"Name {n}", note="x" * 200)
        laptop.sync()
        desktop.sync()
    laptop.sync(compact_every=50)
    one_export = len(str(laptop.side.values()))
    assert folder.size() < 2 * one_export + 4096


def test_the_sync_folder_is_in_its_own_subfolder(folder, tmp_path):
    assert folder.base == tmp_path / "Sync" / SYNC_DIR


def test_a_crash_between_writing_a_batch_and_noting_it_loses_and_repeats_nothing(devices):
    laptop, desktop = devices("Laptop", "Desktop")
    laptop.side.write("contact", "Ana", name="Ana")
    noted = laptop.side.handed_out

    def killed(seq):
        raise KeyboardInterrupt  # the process dies right after the file was renamed into place

    laptop.side.handed_out = killed
    with pytest.raises(KeyboardInterrupt):
        laptop.sync()
    laptop.side.handed_out = noted
    report = laptop.sync()  # the same batch 1 again: not taken for a restored journal
    assert (report.notes, report.problems, report.sent_batches) == ([], [], 1)
    desktop.sync()
    assert desktop.side.values() == laptop.side.values()
    assert desktop.side.applied_batches == [("laptop", 1)]


def test_a_write_that_fails_halfway_leaves_no_file_under_the_real_name(folder, monkeypatch):
    laptop = Device(folder, "Laptop")
    laptop.side.write("contact", "Ana", name="Ana")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        laptop.sync()
    assert list((folder.base / "laptop").iterdir()) == []  # neither the batch nor a temporary
