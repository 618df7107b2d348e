"""Journals that sync with each other in memory: the folder is a dict, the exchange a loop."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ContactInput
from colearn_desktop.core.sync.journal_side import dump
from colearn_desktop.core.sync.journal_side.service import JournalSync
from colearn_desktop.core.sync.records import ChangeBatch, batch_from_json, batch_to_json


@dataclass
class Device:
    name: str
    journal: Journal
    sync: JournalSync

    def contact(self, uid: str) -> int:
        found = self.journal.contacts.resolve_uid(uid)
        assert found is not None, f"{self.name} has no contact {uid}"
        return found

    def add(self, name: str, **values: object) -> tuple[int, str]:
        contact_id = self.journal.contacts.create(ContactInput(name=name, **values))  # type: ignore[arg-type]
        return contact_id, self.uid_of(contact_id)

    def uid_of(self, contact_id: int, table: str = "contact") -> str:
        with self.journal.db.read_raw() as connection:
            return str(
                connection.execute(
                    f"SELECT uid FROM {table} WHERE id = ?", (contact_id,)
                ).fetchone()[0]
            )

    def dump(self) -> dict:
        with self.journal.db.read_raw() as connection:
            return dump.canonical(connection)


@dataclass
class Folder:
    """Every batch each device handed out, as JSON (what the folder side would write)."""

    batches: dict[str, list[dict]] = field(default_factory=dict)

    def publish(self, device: Device) -> None:
        while (batch := device.sync.outgoing()) is not None:
            self.batches.setdefault(batch.device, []).append(batch_to_json(batch))
            device.sync.handed_out(batch.seq)

    def pending_for(self, device: Device) -> list[ChangeBatch]:
        """What ``device`` has not read yet, each other device's batches in order."""
        found = []
        for writer, written in self.batches.items():
            if writer == device.sync.device_id():
                continue
            read = device.sync.read_up_to(writer)
            found.extend(batch_from_json(b) for b in written if b["seq"] > read)
        return found


def exchange(folder: Folder, devices: list[Device], rng: random.Random | None = None) -> None:
    """Everyone hands out, then reads everything, devices interleaved at random; some
    batches are delivered twice (a sync tool's duplicate)."""
    for device in devices:
        folder.publish(device)
    for device in devices:
        pending = folder.pending_for(device)
        if rng is not None:
            by_writer: dict[str, list[ChangeBatch]] = {}
            for batch in pending:
                by_writer.setdefault(batch.device, []).append(batch)
            pending = []
            while by_writer:
                writer = rng.choice(sorted(by_writer))
                pending.append(by_writer[writer].pop(0))
                if rng.random() < 0.3:
                    pending.append(pending[-1])  # delivered twice
                if not by_writer[writer]:
                    del by_writer[writer]
        for batch in pending:
            report = device.sync.apply(batch)
            assert report.problems == ()


def settle(folder: Folder, devices: list[Device], rng: random.Random | None = None) -> None:
    """Exchange until nobody has anything new (what a device applied does not go out again,
    so two rounds are enough)."""
    for _ in range(2):
        exchange(folder, devices, rng)
    for device in devices:
        assert device.sync.outgoing() is None, f"{device.name} echoed changes it applied"


def both_know_ana(devices) -> tuple[Device, Device, Folder, str]:
    """A laptop and a desktop that both have Ana García (made on the laptop), and their folder."""
    laptop, desktop = devices("laptop"), devices("desktop")
    _, ana = laptop.add("Ana García")
    folder = Folder()
    settle(folder, [laptop, desktop])
    return laptop, desktop, folder, ana


@pytest.fixture(autouse=True)
def repeatable_ids(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stable ids (and device ids) drawn from a generator seeded by the test's name: a random
    history that failed fails again when run again (which contact a ring of merges keeps,
    and so what a history does, depends on the ids)."""
    rng = random.Random(request.node.nodeid)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))


@pytest.fixture
def devices(tmp_path: Path, new_journal_file, clock) -> Iterator[callable]:
    opened: list[Journal] = []

    def make(name: str) -> Device:
        journal = open_journal(new_journal_file(tmp_path / name / "journal.sqlite3"), clock=clock)
        opened.append(journal)
        sync = JournalSync.of(journal)
        sync.enable()
        return Device(name, journal, sync)

    yield make
    for journal in opened:
        journal.close()


def converged(devices: list[Device]) -> None:
    """Every journal holds the same rows, and each is healthy: among other things, every
    conversation is with someone (the same rows on every computer can still be a talk that
    lost its participant on all of them alike: a talk logged meanwhile with a contact merged
    elsewhere was, and every history converged)."""
    first = devices[0].dump()
    for device in devices[1:]:
        assert device.dump() == first, f"{device.name} differs from {devices[0].name}"
    for device in devices:
        assert device.journal.check() == [], device.name
        with device.journal.db.read_raw() as connection:
            with_nobody = connection.execute(
                "SELECT notes FROM conversation WHERE id NOT IN "
                "(SELECT conversation_id FROM conversation_contact)"
            ).fetchall()
        assert with_nobody == [], f"{device.name}: talks with nobody: {with_nobody}"
