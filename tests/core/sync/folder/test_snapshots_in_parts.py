"""A snapshot is written and read a part at a time (issue #18: joining with bounded memory):
it reads back whole, plain or encrypted; a file cut short, damaged, or with its parts moved
is refused before anything of it is applied; a join cut off halfway resumes; the folders and
snapshots of the version before are still read."""

from __future__ import annotations

import json
import struct

import pytest

from colearn_desktop.core.sync.exchange import exchange
from colearn_desktop.core.sync.folder import crypto, snapshot_file
from colearn_desktop.core.sync.folder.store import DamagedFileError, SyncFolder
from colearn_desktop.core.sync.records import RowChange
from tests.core.sync.fakes import Device, killed_at_part


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(snapshot_file, "PART_CHANGES", 3)  # 10 rows: 4 parts
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def _changes(count: int = 10) -> list[RowChange]:
    return [
        RowChange("contact", f"c{n}", "upsert", {"name": f"Ana {n}", "n": n}, f"{n:012d}@laptop")
        for n in range(count)
    ]


def _laptop_with_snapshot(folder: SyncFolder, rows: int = 10) -> Device:
    """A device whose first exchange writes a snapshot of ``rows`` rows it held before sync."""
    laptop = Device(folder, "Laptop")
    for n in range(rows):
        laptop.side.had_before_sync(f"c{n}", name=f"Ana {n}")
    laptop.sync()
    assert folder.batch_numbers("laptop", snapshot=True) == [1]
    return laptop


def _path(folder: SyncFolder, seq: int = 1):
    return folder.base / "laptop" / f"snapshot-{seq:012d}.batch"


def _records(data: bytes) -> list[bytes]:
    """The records of a snapshot file, each with its length prefix."""
    found, at = [], len(snapshot_file.MAGIC)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        found.append(data[at : at + 4 + length])
        at += 4 + length
    return found


@pytest.mark.parametrize("passphrase", [None, "correct horse battery staple"])
def test_a_snapshot_in_parts_reads_back_whole(tmp_path, passphrase):
    folder = SyncFolder.setup(tmp_path / "Sync", passphrase)
    changes = _changes()
    folder.write_snapshot("laptop", 7, "0015", iter(changes), {"desktop": 3})
    found = folder.open_snapshot("laptop", 7)
    assert (found.parts, found.changes, found.schema, found.covers) == (
        4,
        10,
        "0015",
        {"desktop": 3},
    )
    parts = list(found.batches())
    assert [(part.number, part.count, part.last) for part, _ in parts] == [
        (1, 4, False), (2, 4, False), (3, 4, False), (4, 4, True),
    ]  # fmt: skip
    assert [c for _, batch in parts for c in batch.changes] == changes
    assert {(batch.device, batch.seq) for _, batch in parts} == {("laptop", 7)}
    assert [c for _, batch in found.batches(start=3) for c in batch.changes] == changes[6:]
    whole, covers = folder.read_batch("laptop", 7, snapshot=True)
    assert whole.changes == tuple(changes)
    assert covers == {"desktop": 3}
    data = _path(folder, 7).read_bytes()
    assert data.startswith(snapshot_file.MAGIC)
    assert (b"Ana" in data) is (passphrase is None)


def test_an_empty_snapshot_still_has_the_part_that_marks_it_read(folder):
    folder.write_snapshot("laptop", 1, "0015", iter(()), {})
    found = folder.open_snapshot("laptop", 1)
    assert (found.parts, found.changes) == (1, 0)
    assert [(part.last, batch.changes) for part, batch in found.batches()] == [(True, ())]


def test_a_joining_device_applies_the_snapshot_a_part_at_a_time_and_says_how_far(folder):
    laptop = _laptop_with_snapshot(folder)
    laptop.side.write("contact", "later", name="After the snapshot")
    laptop.sync()
    tablet = Device(folder, "Tablet")
    told = []
    report = exchange(
        tablet.side, folder, tablet.this, schema="0014", progress=lambda *said: told.append(said)
    )
    assert report.problems == []
    assert told == [("laptop", n, 5) for n in range(1, 6)]  # 4 parts, then batch 2
    assert tablet.side.applied_batches == [("laptop", 1)] * 4 + [("laptop", 2)]
    assert tablet.side.values() == laptop.side.values()
    assert tablet.side.read_up_to("laptop") == 2
    assert tablet.side.parts == {}  # the notes of parts applied go with the last part


@pytest.mark.parametrize(
    "damage",
    ["cut short", "cut at a part's end", "a byte changed", "parts swapped", "end dropped"],
)
@pytest.mark.parametrize("passphrase", [None, "secret"])
def test_a_damaged_snapshot_is_refused_before_any_of_it_is_applied(tmp_path, damage, passphrase):
    folder = SyncFolder.setup(tmp_path / "Sync", passphrase)
    laptop = _laptop_with_snapshot(folder)
    path = _path(folder)
    whole = path.read_bytes()
    records = _records(whole)
    assert len(records) == 6  # head, 4 parts, end
    damaged = {
        "cut short": whole[: len(whole) - 40],
        "cut at a part's end": snapshot_file.MAGIC + b"".join(records[:3]),
        "a byte changed": whole[:-300] + bytes([whole[-300] ^ 1]) + whole[-299:],
        "parts swapped": snapshot_file.MAGIC
        + b"".join([records[0], records[2], records[1], *records[3:]]),
        "end dropped": snapshot_file.MAGIC + b"".join(records[:-1]),
    }[damage]
    path.write_bytes(damaged)
    tablet = Device(folder, "Tablet")
    problem = tablet.sync().problems[0]
    assert f"The snapshot {path} cannot be applied: " in problem
    assert "nothing of it was applied" in problem
    assert "is read again from that file at the next exchange" in problem
    assert tablet.side.applied_batches == []
    assert tablet.side.rows == {}
    path.write_bytes(whole)  # the sync tool brings it whole
    assert tablet.sync().problems == []
    assert tablet.side.values() == laptop.side.values()


def test_a_part_from_another_snapshot_does_not_open_in_an_encrypted_folder(tmp_path):
    folder = SyncFolder.setup(tmp_path / "Sync", "secret")
    folder.write_snapshot("laptop", 1, "0015", iter(_changes()), {})
    first = _records(_path(folder).read_bytes())
    folder.write_snapshot("laptop", 1, "0015", iter(_changes()), {})
    found = folder.open_snapshot("laptop", 1)
    second = _records(_path(folder).read_bytes())
    # the second file, its part 2 taken from the first: read after the check (a sync tool
    # brought a file while it was being read), the part does not open in its place
    _path(folder).write_bytes(
        snapshot_file.MAGIC + b"".join([second[0], second[1], first[2], *second[3:]])
    )
    with pytest.raises(snapshot_file.SnapshotDamagedError, match="out of place"):
        list(found.batches())


def test_a_join_cut_off_halfway_resumes_after_the_last_part_applied(folder, monkeypatch):
    laptop = _laptop_with_snapshot(folder)
    tablet = Device(folder, "Tablet")
    apply = killed_at_part(monkeypatch, tablet.side, 3)
    with pytest.raises(KeyboardInterrupt):
        tablet.sync()
    assert tablet.side.read_up_to("laptop") == 0  # not read: the snapshot is not whole here
    assert len(tablet.side.rows) == 6  # parts 1 and 2, each applied whole
    monkeypatch.setattr(tablet.side, "apply", apply)
    told = []
    report = exchange(
        tablet.side, folder, tablet.this, schema="0014", progress=lambda *said: told.append(said)
    )
    assert report.problems == []
    assert told == [("laptop", 3, 4), ("laptop", 4, 4)]  # on from part 3
    assert tablet.side.applied_batches == [("laptop", 1)] * 4
    assert tablet.side.values() == laptop.side.values()
    assert tablet.side.read_up_to("laptop") == 1


def test_a_snapshot_written_again_meanwhile_is_applied_from_its_start(folder, monkeypatch):
    laptop = _laptop_with_snapshot(folder)
    tablet = Device(folder, "Tablet")
    apply = killed_at_part(monkeypatch, tablet.side, 2)
    with pytest.raises(KeyboardInterrupt):
        tablet.sync()
    monkeypatch.setattr(tablet.side, "apply", apply)
    with laptop.side.open_snapshot() as again:  # another file under the same number
        folder.write_snapshot("laptop", 1, again.schema, again.changes, {})
    told = []
    exchange(
        tablet.side, folder, tablet.this, schema="0014", progress=lambda *said: told.append(said)
    )
    assert [done for _, done, _ in told] == [1, 2, 3, 4]
    assert tablet.side.values() == laptop.side.values()


def test_compaction_writes_a_snapshot_in_parts_that_a_new_device_joins_from(tmp_path):
    folder = SyncFolder.setup(tmp_path / "Sync", "secret")
    laptop, desktop = Device(folder, "Laptop"), Device(folder, "Desktop")
    for n in range(12):
        laptop.side.write("contact", f"c{n}", name=f"Name {n}")
        laptop.sync()
    desktop.sync()
    laptop.side.write("contact", "late", name="Late")
    assert laptop.sync(compact_every=10).compacted == 12
    assert folder.batch_numbers("laptop", snapshot=True) == [13]
    assert folder.open_snapshot("laptop", 13).parts == 5  # 13 rows, 3 a part
    tablet = Device(folder, "Tablet")
    assert tablet.sync().problems == []
    assert tablet.side.values() == laptop.side.values()


def test_a_folder_and_snapshot_of_the_version_before_are_read(folder):
    described = folder.base / "folder.json"
    described.write_text(json.dumps({"format": 1, "encryption": None}))
    changes = _changes(4)
    old = {
        "format": 1,
        "batch": {
            "device": "laptop",
            "seq": 1,
            "schema": "0014",
            "changes": [
                {"table": c.table, "uid": c.uid, "op": c.op, "fields": dict(c.fields), "hlc": c.hlc}
                for c in changes
            ],
        },
        "covers": {"laptop": 1},
    }
    (folder.base / "laptop").mkdir()
    _path(folder).write_text(json.dumps(old))
    tablet = Device(folder, "Tablet")
    told = []
    report = exchange(
        tablet.side, folder, tablet.this, schema="0014", progress=lambda *said: told.append(said)
    )
    assert report.problems == []
    assert told == [("laptop", 1, 1)]
    assert tablet.side.values() == {("contact", c.uid): dict(c.fields) for c in changes}
    assert json.loads(described.read_text())["format"] == 1  # nothing written in parts yet
    phone = Device(folder, "Phone")
    phone.side.had_before_sync("p1", name="Phone's own")
    phone.sync()  # its first snapshot, in parts: older versions must now be updated
    assert json.loads(described.read_text()) == {"format": 2, "encryption": None}


def test_a_folder_of_a_newer_format_is_refused_with_a_sentence(folder):
    (folder.base / "folder.json").write_text(json.dumps({"format": 3}))
    with pytest.raises(Exception, match=r"another version of CoLearn \(format 3\).*Update"):
        SyncFolder.open(folder.root, None)


def test_a_snapshot_of_another_device_or_number_is_refused(folder):
    folder.write_snapshot("laptop", 4, "0015", iter(_changes()), {})
    (folder.base / "laptop" / "snapshot-000000000004.batch").rename(_path(folder, 5))
    with pytest.raises(DamagedFileError, match="holds snapshot 4 of device laptop; nothing"):
        folder.open_snapshot("laptop", 5)


def test_a_snapshot_replaced_while_it_is_applied_is_said_and_the_join_resumes(folder):
    laptop = _laptop_with_snapshot(folder)
    path = _path(folder)
    whole = path.read_bytes()
    records = _records(whole)
    with laptop.side.open_snapshot() as again:
        folder.write_snapshot("laptop", 1, again.schema, again.changes, {})
    other = _records(path.read_bytes())
    path.write_bytes(whole)
    real = snapshot_file.SnapshotFile.batches

    def replaced_once_checked(self, start=1):
        # the sync tool brings a copy whose part 3 is another snapshot's, after the check
        path.write_bytes(snapshot_file.MAGIC + b"".join([*records[:3], other[3], *records[4:]]))
        return real(self, start)

    tablet = Device(folder, "Tablet")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot_file.SnapshotFile, "batches", replaced_once_checked)
        report = tablet.sync()
    [problem] = report.problems
    assert problem.startswith(
        f"The snapshot {path} changed while it was read (part 3 of 4 is not in its place). "
    )
    assert "The parts before were applied; the rest is read at the next exchange" in problem
    assert tablet.side.read_up_to("laptop") == 0
    assert len(tablet.side.rows) == 6
    path.write_bytes(whole)
    told = []
    exchange(tablet.side, folder, tablet.this, schema="0014", progress=lambda *a: told.append(a))
    assert told == [("laptop", 3, 4), ("laptop", 4, 4)]
    assert tablet.side.values() == laptop.side.values()
