"""One exchange through the sync folder: write what this device changed, read what the others
changed, and fold old batches into a snapshot.

Every step survives what sync tools do (issue #18):

- a peer's batches are applied in order from where this journal stopped reading it; a missing
  number stops that peer until the file arrives, and so does a file that is cut short or
  damaged (skipping it would lose its changes for good: the next batch moves the mark past it);
  it is reported, never half applied, and read again at the next exchange;
- a batch read twice is harmless: the journal side applies idempotently;
- a snapshot (a joining device starts from one) is checked whole before anything of it is
  applied, then applied a part at a time; a join cut off halfway (the program killed, the file
  replaced) resumes after the last part applied, at the next exchange;
- a batch from a newer schema is kept in the folder, with a message, until this computer runs a
  CoLearn that knows it;
- a data folder copied to a second computer (our device id has a ``device.json`` another
  installation wrote) and a device restored from a backup (its batch numbers went back) would
  write files peers think they have read; such a device gets a new id first, and reads its old
  id as any other device (a restored device so gets back what it had sent before).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from colearn_desktop.core.sync.folder.snapshot_file import SnapshotDamagedError
from colearn_desktop.core.sync.folder.store import DamagedFileError, SyncFolder
from colearn_desktop.core.sync.records import ApplyReport, ChangeBatch, JournalSide, Part

COMPACT_EVERY = 50  # own batches every device has read before they are folded into a snapshot


Progress = Callable[[str, int, int], None]
"""Told (device, done, to do) after each batch of a device is applied, and each part of its
snapshot (a snapshot counts as its parts, a batch as one), so a joining computer can show how
far it is."""


class RenewableJournalSide(Protocol):
    """What the journal side offers beyond :class:`JournalSide` when it can: a new device id
    for a copied or restored device, its own changes handed out again under it.  Looked up
    with ``getattr`` so a journal side without it still exchanges (and says it cannot)."""

    def renew_device_id(self) -> str: ...


@dataclass(frozen=True)
class ThisDevice:
    """This installation: the device name people see, and a random token kept on this
    computer (not in the journal), so a copied journal is told apart from the original."""

    name: str
    instance: str


@dataclass(frozen=True)
class DeviceSeen:
    device: str
    name: str
    last_seen: str
    newest: int
    schema: str
    this: bool
    retired_for: str = ""  # a restored device's old id: the id it writes under now


@dataclass
class ExchangeReport:
    device: str
    sent: int = 0
    sent_batches: int = 0
    received: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    devices: list[DeviceSeen] = field(default_factory=list)
    compacted: int = 0

    def name_of(self, device: str) -> str:
        return next((d.name for d in self.devices if d.device == device and d.name), device)

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def exchange(
    side: JournalSide,
    folder: SyncFolder,
    this: ThisDevice,
    *,
    schema: str,
    now: datetime | None = None,
    compact_every: int = COMPACT_EVERY,
    progress: Progress | None = None,
) -> ExchangeReport:
    """One full exchange; ``schema`` is this journal's schema revision."""
    report = ExchangeReport(side.device_id())
    reader = _Reader(side, folder, schema, report, progress)
    if not _claim_device_id(side, folder, this, report):
        reader.read_peers()
        report.devices = devices_seen(folder, report.device)
        return report
    first_time = folder.device_info(report.device) is None
    newest = _send(side, folder, report)
    if first_time:
        newest = max(newest, _first_snapshot(side, folder, report.device))
    reader.read_peers()
    read = {peer: side.read_up_to(peer) for peer in folder.devices() if peer != report.device}
    folder.write_device_info(
        report.device,
        {
            "name": this.name,
            "instance": this.instance,
            "last_seen": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "newest": newest,
            "schema": schema,
            "read": read,
        },
    )
    report.compacted = _compact(side, folder, report.device, newest, read, compact_every)
    report.devices = devices_seen(folder, report.device)
    return report


def devices_seen(folder: SyncFolder, this_device: str) -> list[DeviceSeen]:
    """Every device with files in the folder, from its ``device.json``."""
    seen = []
    for device in folder.devices():
        info = folder.device_info(device) or {}
        seen.append(
            DeviceSeen(
                device,
                str(info.get("name") or ""),
                str(info.get("last_seen") or ""),
                _int(info.get("newest")),
                str(info.get("schema") or ""),
                device == this_device,
                str(info.get("retired_for") or ""),
            )
        )
    return seen


def _claim_device_id(
    side: JournalSide, folder: SyncFolder, this: ThisDevice, report: ExchangeReport
) -> bool:
    """Make sure nobody else writes under our device id; False when we must not write."""
    info = folder.device_info(report.device)
    if info is None:
        return True
    if info.get("instance") not in (None, this.instance):
        why = (
            f"Another computer writes to the sync folder as this device ({report.device}, "
            f"{info.get('name') or 'no name'}): this journal was copied from it."
        )
    else:
        pending = side.outgoing()
        if pending is None or pending.seq > _int(info.get("newest")):
            return True
        why = (
            f"This journal's batch numbers went back (it hands out {pending.seq}, the folder "
            f"already has up to {_int(info.get('newest'))}): it was restored from a backup."
        )
    renew = getattr(side, "renew_device_id", None)
    if not callable(renew):
        report.problems.append(
            f"{why} Nothing was sent, so peers do not mistake its changes for ones they have "
            "read; this version cannot give it a new device id, so update CoLearn."
        )
        return False
    old = report.device
    report.device = str(renew())
    if info.get("instance") == this.instance:
        # restored here: the old id is ours and nobody writes it any more, so its stale read
        # marks must not hold up the others' compaction
        folder.write_device_info(old, {**info, "retired_for": report.device})
    report.notes.append(
        f"{why} It now writes as the new device {report.device}, and reads what {old} wrote "
        "like any other device's changes, so nothing is lost."
    )
    return True


def _send(side: JournalSide, folder: SyncFolder, report: ExchangeReport) -> int:
    """Write every pending batch; returns this device's newest batch number."""
    info = folder.device_info(report.device) or {}
    newest = _int(info.get("newest"))
    batch = side.outgoing()
    while batch is not None and batch.seq > newest:
        folder.write_batch(batch)
        side.handed_out(batch.seq)
        newest = batch.seq
        report.sent += len(batch.changes)
        report.sent_batches += 1
        batch = side.outgoing()
    return max([newest, *folder.batch_numbers(report.device)[-1:]])


@dataclass
class _Reader:
    """Reads every other device's batches into the journal, for one exchange."""

    side: JournalSide
    folder: SyncFolder
    schema: str
    report: ExchangeReport
    progress: Progress | None

    def read_peers(self) -> None:
        for peer in self.folder.devices():
            if peer != self.report.device:
                self.read_peer(peer)

    def read_peer(self, peer: str) -> None:
        """Apply ``peer``'s batches after the last one read, in order, stopping at a gap."""
        done, told = self.side.read_up_to(peer), 0
        numbers = [n for n in self.folder.batch_numbers(peer) if n > done]
        snapshots = [n for n in self.folder.batch_numbers(peer, snapshot=True) if n > done]
        if snapshots and not set(numbers).issuperset(range(done + 1, snapshots[-1] + 1)):
            # Batches after ``done`` were folded into a snapshot (a joining device, or one
            # that was away through a compaction; an old batch a sync tool brings back does
            # not count): start from the newest snapshot.
            later = [n for n in numbers if n > snapshots[-1]]
            parts = self.apply_snapshot(peer, snapshots[-1], later=len(later))
            if parts is None:
                return
            told = parts
            done = snapshots[-1]
            numbers = later
        total = told + len(numbers)
        for count, seq in enumerate(numbers, start=told + 1):
            if seq != done + 1:
                return  # a missing number: it arrives later
            if not self.apply(peer, seq):
                return
            done = seq
            self.tell(peer, count, total)

    def tell(self, peer: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(peer, done, total)

    def apply(self, peer: str, seq: int) -> bool:
        try:
            batch, _covers = self.folder.read_batch(peer, seq)
        except FileNotFoundError:
            return False  # removed by compaction while we looked: read it next time
        except DamagedFileError as error:
            self.problem(f"{error} {_peer(self.folder, peer)} is read again from that file")
            return False
        if self.too_new(peer, batch.schema):
            return False
        self.note(peer, self.side.apply(batch))
        return self.side.read_up_to(peer) >= seq

    def apply_snapshot(self, peer: str, seq: int, *, later: int) -> int | None:
        """Apply ``peer``'s snapshot ``seq`` a part at a time, after the parts an earlier
        exchange applied (``later`` batches follow it, for the progress); its number of parts
        once its last is applied (the read mark then stands at ``seq``), None before."""
        try:
            found = self.folder.open_snapshot(peer, seq)
        except FileNotFoundError:
            return None
        except DamagedFileError as error:
            self.problem(f"{error} {_peer(self.folder, peer)} is read again from that file")
            return None
        if self.too_new(peer, found.schema):
            return None
        done = self.side.parts_read(peer, seq, found.id)
        try:
            for part, batch in found.batches(start=done + 1):
                if not self.apply_part(batch, part):
                    return None
                self.tell(peer, part.number, found.parts + later)
        except FileNotFoundError:
            return None
        except (SnapshotDamagedError, OSError) as error:
            self.report.problems.append(
                f"The snapshot {found.path} changed while it was read ({error}). The parts "
                "before were applied; the rest is read at the next exchange from the snapshot "
                "then in the folder, and nothing the device wrote after it is applied before."
            )
            return None
        return found.parts if self.side.read_up_to(peer) >= seq else None

    def apply_part(self, batch: ChangeBatch, part: Part) -> bool:
        self.note(batch.device, self.side.apply(batch, part))
        if part.last:
            return self.side.read_up_to(batch.device) >= batch.seq
        return self.side.parts_read(batch.device, batch.seq, part.snapshot) >= part.number

    def too_new(self, peer: str, schema: str) -> bool:
        if not _newer(schema, self.schema):
            return False
        self.report.problems.append(
            f"{_peer(self.folder, peer)} writes changes for a newer version of CoLearn "
            f"(schema {schema}, this one has {self.schema}); they are kept in the "
            "sync folder, nothing of them was applied. Update CoLearn on this computer to "
            "receive them."
        )
        return True

    def note(self, peer: str, applied: ApplyReport) -> None:
        self.report.received[peer] = self.report.received.get(peer, 0) + applied.applied
        self.report.conflicts.extend(applied.conflicts)
        self.report.problems.extend(applied.problems)

    def problem(self, said: str) -> None:
        self.report.problems.append(
            f"{said} at the next exchange; nothing after it is applied before."
        )


def _first_snapshot(side: JournalSide, folder: SyncFolder, device: str) -> int:
    """At a device's first exchange, what its journal held before sync was switched on goes
    out as a snapshot: no batch carries it, the journal side only kept a number for it.
    Written before the others' changes are read in, so it holds this journal's own rows only.
    Returns the batch number it covers; 0 when none is needed, or when the journal side kept
    no number for it (a reader could not mark a snapshot 0 as read, and would apply it again
    at every exchange)."""
    if folder.batch_numbers(device, snapshot=True):
        return 0
    with side.open_snapshot() as whole:
        in_batches = set(folder.batch_numbers(device)).issuperset(range(1, whole.seq + 1))
        first = next(whole.changes, None)
        if whole.seq < 1 or first is None or in_batches:
            return 0  # nothing before sync, or every number it used is a batch file already
        changes = itertools.chain([first], whole.changes)
        covers = {device: whole.seq}
        folder.write_snapshot(device, whole.seq, whole.schema, changes, covers)
    return whole.seq


def _compact(
    side: JournalSide,
    folder: SyncFolder,
    device: str,
    newest: int,
    read: dict[str, int],
    compact_every: int,
) -> int:
    """Fold this device's batches that every known device has read into one snapshot, so the
    folder stays near the size of one export per device; returns how many were removed."""
    everyone_read = newest
    for peer in read:
        info = folder.device_info(peer) or {}
        if info.get("retired_for"):
            continue
        peer_read = info.get("read")
        everyone_read = min(
            everyone_read, _int(peer_read.get(device)) if isinstance(peer_read, dict) else 0
        )
    foldable = [n for n in folder.batch_numbers(device) if n <= everyone_read]
    if newest == 0 or len(foldable) < compact_every:
        return 0
    with side.open_snapshot() as whole:
        covers = {**read, device: newest}
        folder.write_snapshot(device, newest, whole.schema, whole.changes, covers)
    for old in folder.batch_numbers(device, snapshot=True):
        if old < newest:
            folder.remove_batch(device, old, snapshot=True)
    for seq in foldable:
        folder.remove_batch(device, seq)
    return len(foldable)


def _peer(folder: SyncFolder, peer: str) -> str:
    name = (folder.device_info(peer) or {}).get("name")
    return f"The device {name} ({peer})" if name else f"The device {peer}"


def _newer(theirs: str, ours: str) -> bool:
    if theirs.isdigit() and ours.isdigit():
        return int(theirs) > int(ours)
    return theirs > ours


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
