"""What one device hands another: batches of row changes keyed by stable ids (no Qt, stdlib).

The journal side (``core/sync/journal_side``) makes and applies them; the folder side writes
and reads them as JSON.  Both meet only here, so each can change without the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

OPS = ("upsert", "delete")


@dataclass(frozen=True)
class RowChange:
    """One row's change: only the columns that changed, references as uids."""

    table: str  # "contact", "conversation", "favour", "contact_email", ...
    uid: str  # the row's stable id (child rows without one: a stable key, see journal_side)
    op: str  # "upsert" | "delete"
    fields: Mapping[str, Any]  # changed columns only, JSON values; references as uids
    hlc: str  # hybrid logical clock stamp, sorts as text (journal_side/hlc.py)


@dataclass(frozen=True)
class ChangeBatch:
    """A device's changes, numbered 1, 2, 3... without gaps, so a reader knows what it missed."""

    device: str  # the writing device's id
    seq: int  # 1, 2, 3... per device, no gaps (a snapshot: the last batch it includes, 0: none)
    schema: str  # the writer's migrate.HEAD_REVISION
    changes: tuple[RowChange, ...]


@dataclass(frozen=True)
class Snapshot:
    """A device's whole journal as upserts, handed over one change at a time (a large journal
    does not fit in memory whole): ``changes`` is read once, while the journal side keeps the
    view it was taken from."""

    device: str
    seq: int  # the last batch it includes (0: none)
    schema: str
    changes: Iterator[RowChange]


@dataclass(frozen=True)
class Part:
    """Which part of a snapshot a batch is: the snapshot file's id (a snapshot written again
    under the same number is another one), the part's number (1, 2 ...) and how many there
    are.  The read mark moves to the snapshot's number with its last part only."""

    snapshot: str
    number: int
    count: int

    @property
    def last(self) -> bool:
        return self.number >= self.count


@dataclass(frozen=True)
class ApplyReport:
    """What applying one batch did: rows applied, rows skipped (older than what we have),
    fields where two devices disagreed, and sentences for what could not be applied."""

    applied: int
    skipped: int
    conflicts: tuple[str, ...]
    problems: tuple[str, ...]


class JournalSide(Protocol):
    """What the exchange needs from a journal."""

    def device_id(self) -> str:
        """This device's id."""
        ...

    def outgoing(self) -> ChangeBatch | None:
        """Local changes not yet handed out, as the next batch (None: nothing new)."""
        ...

    def handed_out(self, seq: int) -> None:
        """The folder holds batch ``seq`` durably: forget the changes up to it."""
        ...

    def read_up_to(self, device: str) -> int:
        """The last seq applied from ``device`` (0: none)."""
        ...

    def apply(self, batch: ChangeBatch, part: Part | None = None) -> ApplyReport:
        """Apply one batch in one transaction; a seq already applied is a no-op.  With
        ``part``, the batch is that part of snapshot ``batch.seq``: the part is noted as
        applied (``parts_read``), and only the last one moves the read mark."""
        ...

    def parts_read(self, device: str, seq: int, snapshot: str) -> int:
        """How many parts of ``device``'s snapshot ``seq`` (file id ``snapshot``) are applied
        while its last is not: an interrupted join resumes after them."""
        ...

    def open_snapshot(self) -> AbstractContextManager[Snapshot]:
        """The whole journal as upserts, for a device that joins, read while it is open."""
        ...


def batch_to_json(batch: ChangeBatch) -> dict[str, Any]:
    """The batch as plain JSON values."""
    return {
        "device": batch.device,
        "seq": batch.seq,
        "schema": batch.schema,
        "changes": [change_to_json(change) for change in batch.changes],
    }


def change_to_json(change: RowChange) -> dict[str, Any]:
    """One change as plain JSON values (as a batch or a snapshot's part holds it)."""
    return {
        "table": change.table,
        "uid": change.uid,
        "op": change.op,
        "fields": dict(change.fields),
        "hlc": change.hlc,
    }


def _need(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(
            f"The change batch is damaged: {where} has no valid “{key}” "
            f"(expected {kind.__name__}); nothing of it was applied."
        )
    return value


def batch_from_json(data: Any) -> ChangeBatch:
    """Read a batch back; a ValueError with a sentence naming what is wrong on bad data."""
    if not isinstance(data, Mapping):
        raise ValueError(
            "The change batch is damaged: it is not a JSON object; nothing of it was applied."
        )
    device = _need(data, "device", str, "the batch")
    seq = _need(data, "seq", int, "the batch")
    if seq < 0:  # (0: a snapshot of a device that has not handed out a batch yet)
        raise ValueError(
            f"The change batch from device {device} has sequence {seq}; it must be 0 or more."
        )
    schema = _need(data, "schema", str, "the batch")
    raw_changes = _need(data, "changes", list, "the batch")
    changes = changes_from_json(raw_changes, f"batch {seq} from device {device}")
    return ChangeBatch(device=device, seq=seq, schema=schema, changes=changes)


def changes_from_json(raw_changes: list[Any], where: str) -> tuple[RowChange, ...]:
    """The changes of a batch (or a snapshot's part, ``where`` names it) read back; a
    ValueError with a sentence naming what is wrong on bad data."""
    changes = []
    for index, raw in enumerate(raw_changes, start=1):
        place = f"change {index} of {where}"
        if not isinstance(raw, Mapping):
            raise ValueError(f"The change batch is damaged: {place} is not a JSON object.")
        op = _need(raw, "op", str, place)
        if op not in OPS:
            raise ValueError(
                f"The change batch is damaged: {place} has the unknown operation “{op}”."
            )
        changes.append(
            RowChange(
                table=_need(raw, "table", str, place),
                uid=_need(raw, "uid", str, place),
                op=op,
                fields=dict(_need(raw, "fields", Mapping, place)),
                hlc=_need(raw, "hlc", str, place),
            )
        )
    return tuple(changes)
