"""An in-memory journal side for testing the folder side without the journal's capture.

Rows keep the newest write by clock (``hlc`` strings compare in order here); ``apply`` is
idempotent and moves the read mark to the batch's number, as the real journal side does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from colearn_desktop.core.sync.exchange import ExchangeReport, ThisDevice, exchange
from colearn_desktop.core.sync.folder.store import SyncFolder
from colearn_desktop.core.sync.records import ApplyReport, ChangeBatch, Part, RowChange, Snapshot

_clock = itertools.count(1)


@dataclass
class FakeJournalSide:
    device: str
    schema: str = "0014"
    rows: dict[tuple[str, str], RowChange] = field(default_factory=dict)
    pending: list[RowChange] = field(default_factory=list)
    sent_up_to: int = 0
    marks: dict[str, int] = field(default_factory=dict)
    applied_batches: list[tuple[str, int]] = field(default_factory=list)
    parts: dict[tuple[str, int, str], int] = field(default_factory=dict)  # of a snapshot
    renewable: bool = True

    # what a person does -------------------------------------------------------------------

    def write(self, table: str, uid: str, **fields: Any) -> None:
        change = RowChange(table, uid, "upsert", fields, f"{next(_clock):012d}@{self.device}")
        self.rows[(table, uid)] = change
        self.pending.append(change)

    def values(self) -> dict[tuple[str, str], dict[str, Any]]:
        return {key: dict(change.fields) for key, change in self.rows.items()}

    # the JournalSide protocol -------------------------------------------------------------

    def device_id(self) -> str:
        return self.device

    def outgoing(self) -> ChangeBatch | None:
        if not self.pending:
            return None
        return ChangeBatch(self.device, self.sent_up_to + 1, self.schema, tuple(self.pending))

    def handed_out(self, seq: int) -> None:
        assert seq == self.sent_up_to + 1
        self.sent_up_to = seq
        self.pending = []

    def read_up_to(self, device: str) -> int:
        return self.marks.get(device, 0)

    def apply(self, batch: ChangeBatch, part: Part | None = None) -> ApplyReport:
        if part is not None and part.number <= self.parts_read(
            batch.device, batch.seq, part.snapshot
        ):
            return ApplyReport(0, 0, (), ())
        self.applied_batches.append((batch.device, batch.seq))
        applied = skipped = 0
        for change in batch.changes:
            key = (change.table, change.uid)
            if key in self.rows and self.rows[key].hlc >= change.hlc:
                skipped += 1
                continue
            self.rows[key] = change
            applied += 1
        if part is None or part.last:
            self.marks[batch.device] = max(self.marks.get(batch.device, 0), batch.seq)
            self.parts = {k: n for k, n in self.parts.items() if k[0] != batch.device}
        else:
            self.parts[(batch.device, batch.seq, part.snapshot)] = part.number
        return ApplyReport(applied, skipped, (), ())

    def parts_read(self, device: str, seq: int, snapshot: str) -> int:
        return self.parts.get((device, seq, snapshot), 0)

    @contextmanager
    def open_snapshot(self) -> Iterator[Snapshot]:
        changes = list(self.rows.values())  # (the real one reads a cursor)
        yield Snapshot(self.device, self.sent_up_to, self.schema, iter(changes))

    def had_before_sync(self, uid: str, **fields: Any) -> None:
        """A row the journal held before sync was switched on: in no batch, only in the
        snapshot, whose number the journal side keeps for it (as ``enable`` would)."""
        self.rows[("contact", uid)] = RowChange("contact", uid, "upsert", fields, f"0@{uid}")
        self.sent_up_to = max(self.sent_up_to, 1)

    def renew_device_id(self) -> str:
        """A copied or restored journal: a new id, and every own row handed out again."""
        old, self.device = self.device, f"{self.device}-renewed"
        self.sent_up_to = 0
        mine = [change for change in self.rows.values() if change.hlc.endswith(f"@{old}")]
        self.pending = mine + [c for c in self.pending if c not in mine]
        return self.device


class NotRenewable(FakeJournalSide):
    """A journal side of a version that cannot take a new id."""

    renew_device_id = None  # type: ignore[assignment]


class Device:
    """One computer: its journal side and its token on this computer."""

    def __init__(self, folder: SyncFolder, name: str, device_id: str | None = None):
        self.folder = folder
        self.side = FakeJournalSide(device_id or name.lower())
        self.this = ThisDevice(name, f"instance-of-{name}")

    def sync(self, schema: str = "0014", compact_every: int = 1000) -> ExchangeReport:
        when = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
        return exchange(
            self.side, self.folder, self.this, schema=schema, now=when, compact_every=compact_every
        )


def killed_at_part(monkeypatch: Any, side: Any, number: int) -> Any:
    """Make ``side.apply`` stop the program (KeyboardInterrupt, as kill -9 would) when it
    is handed part ``number`` of a snapshot; returns the real ``apply``, to put back."""
    apply = side.apply

    def killed(batch: ChangeBatch, part: Part | None = None) -> Any:
        if part is not None and part.number == number:
            raise KeyboardInterrupt  # the program is killed
        return apply(batch, part)

    monkeypatch.setattr(side, "apply", killed)
    return apply
