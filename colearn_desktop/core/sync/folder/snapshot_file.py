"""A snapshot file, written and read a part at a time so that joining from a large journal
needs no more memory than one part (issue #18, "bounded memory").

``snapshot-000000000042.batch`` starts with the line ``CLSNAP2``; then come records, each
preceded by its length (4 bytes, big-endian):

- the head: ``{"format": 2, "id", "device", "seq", "schema", "covers"}`` (``id`` is random:
  a snapshot written again under the same number is another one);
- the parts 1 ... n: ``{"part": i, "id", "changes": [...]}``, at most :data:`PART_CHANGES`
  changes each;
- the end: ``{"end": n, "changes": total, "digest": sha256 of every record before it}``.

With a key each record is sealed on its own (AES-256-GCM, a random nonce each) with its place
as associated data (``<device>/<file>#head``, ``...#<id>#<i>``, ``...#<id>#end``): a part moved,
dropped or taken from another snapshot does not open.  The end's digest covers the records
as stored, so a file cut short or damaged anywhere is found by reading it through once, before
anything of it is applied; the reader then reads it again a part at a time to apply it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import secrets
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from colearn_desktop.core.sync.folder import crypto
from colearn_desktop.core.sync.records import (
    ChangeBatch,
    Part,
    RowChange,
    change_to_json,
    changes_from_json,
)

MAGIC = b"CLSNAP2\n"
FORMAT = 2
PART_CHANGES = 5_000
"""Changes per part.  Each part is one transaction on the joining computer, and applying a
batch has a fixed cost that grows with the journal (``journal_side/apply.py`` recomputes every
contact's last conversation: about 1 s at 100,000 contacts), so fewer, larger parts join
faster; larger parts hold more in memory and keep the journal's write lock longer (the window
waits for it).  At 100,000 contacts (2.66 million rows; the ``sync-join`` figure, a loaded
two-core machine): 2,000 a part joined in 27 min with a peak of 104 MB, 5,000 in 12.5 min with
139 MB (about 1.4 s a part), 10,000 in 10.5 min with 188 MB (2.4 s a part)."""
_LENGTH = struct.Struct(">I")
_MAX_RECORD = 256 * 1024 * 1024  # a length beyond it is damage, not a part


class SnapshotDamagedError(ValueError):
    """The snapshot cannot be read; the message is a sentence naming what is wrong."""


def records(
    place: str,
    head: dict[str, Any],
    changes: Iterable[RowChange],
    key: crypto.FolderKey | None,
) -> Iterator[bytes]:
    """The bytes of a snapshot file, a record at a time (``place``: ``<device>/<file>``)."""
    snapshot = secrets.token_hex(8)
    digest = hashlib.sha256()

    def record(value: dict[str, Any], where: str) -> bytes:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if key is not None:
            data = key.seal_record(data, f"{place}#{where}")
        digest.update(data)
        return _LENGTH.pack(len(data)) + data

    yield MAGIC
    yield record({**head, "format": FORMAT, "id": snapshot}, "head")
    parts = total = 0
    pending = iter(changes)
    while True:
        chunk = [change_to_json(change) for change in itertools.islice(pending, PART_CHANGES)]
        if not chunk and parts:
            break  # (an empty journal still has one part: the one whose applying marks it read)
        parts += 1
        total += len(chunk)
        yield record({"part": parts, "id": snapshot, "changes": chunk}, f"{snapshot}#{parts}")
    end = {"end": parts, "changes": total, "digest": digest.hexdigest()}
    yield record(end, f"{snapshot}#end")


@dataclass
class SnapshotFile:
    """A snapshot checked whole (:func:`check`); :meth:`batches` reads its parts again."""

    path: Path
    place: str
    key: crypto.FolderKey | None
    device: str
    seq: int
    schema: str
    covers: dict[str, int]
    id: str
    parts: int
    changes: int
    whole: ChangeBatch | None = field(default=None, repr=False)  # a snapshot of one record

    def batches(self, start: int = 1) -> Iterator[tuple[Part, ChangeBatch]]:
        """Parts ``start`` ... n as batches numbered as the snapshot, each with its
        :class:`Part`; :class:`SnapshotDamagedError` when the file changed since it was
        checked (a sync tool brought a new one)."""
        if self.whole is not None:
            if start <= 1:
                yield Part(self.id, 1, 1), self.whole
            return
        try:
            with self.path.open("rb") as stream:
                stream.read(len(MAGIC))
                _read_record(stream)  # the head, read at the check
                for number in range(1, self.parts + 1):
                    data = _read_record(stream)
                    if data is None:
                        raise SnapshotDamagedError(f"part {number} of {self.parts} is missing")
                    if number >= start:
                        yield Part(self.id, number, self.parts), self._part(number, data)
        except FileNotFoundError:
            raise  # removed by compaction meanwhile: a newer snapshot is there
        except OSError as error:
            raise SnapshotDamagedError(f"it cannot be read ({error.strerror})") from None

    def _part(self, number: int, data: bytes) -> ChangeBatch:
        value = _open(data, self.key, f"{self.place}#{self.id}#{number}")
        if not isinstance(value, dict) or (value.get("part"), value.get("id")) != (number, self.id):
            raise SnapshotDamagedError(f"part {number} of {self.parts} is not in its place")
        raw = value.get("changes")
        if not isinstance(raw, list):
            raise SnapshotDamagedError(f"part {number} of {self.parts} holds no changes")
        try:
            where = f"part {number} of snapshot {self.seq} from device {self.device}"
            changes = changes_from_json(raw, where)
        except ValueError as error:
            raise SnapshotDamagedError(str(error).rstrip(".")) from None
        return ChangeBatch(self.device, self.seq, self.schema, changes)


def check(path: Path, place: str, key: crypto.FolderKey | None) -> SnapshotFile:
    """Read the snapshot at ``path`` through once: its head, how many parts, and that its
    end's digest fits every record (nothing of a file cut short or damaged gets applied).
    :class:`SnapshotDamagedError` says what is wrong; only the head and end are decoded."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        if stream.read(len(MAGIC)) != MAGIC:
            raise SnapshotDamagedError("it does not start as a snapshot does")
        head_data = _read_record(stream)
        if head_data is None:
            raise SnapshotDamagedError("it is cut short before its head")
        digest.update(head_data)
        head = _open(head_data, key, f"{place}#head")
        if not isinstance(head, dict) or head.get("format") != FORMAT:
            raise SnapshotDamagedError("its head is not one this CoLearn can read")
        last, count = None, 0
        while (data := _read_record(stream)) is not None:
            if last is not None:
                digest.update(last)
                count += 1
            last = data
    snapshot = head.get("id")
    if last is None or not isinstance(snapshot, str):
        raise SnapshotDamagedError("it is cut short (it has no end)")
    end = _open(last, key, f"{place}#{snapshot}#end")
    if not isinstance(end, dict) or "end" not in end:
        raise SnapshotDamagedError("it is cut short (it has no end)")
    if end.get("end") != count or end.get("digest") != digest.hexdigest():
        raise SnapshotDamagedError(
            f"it is cut short or damaged (its end lists {end.get('end')} parts, "
            f"{count} are there or they differ from what was written)"
        )
    try:
        device, seq, schema = str(head["device"]), int(head["seq"]), str(head["schema"])
    except (KeyError, TypeError, ValueError):
        raise SnapshotDamagedError("its head has no device, number or schema") from None
    covers = head.get("covers")
    return SnapshotFile(
        path,
        place,
        key,
        device,
        seq,
        schema,
        {str(k): v for k, v in covers.items() if isinstance(v, int)}
        if isinstance(covers, dict)
        else {},
        snapshot,
        count,
        int(end.get("changes") or 0),
    )


def _read_record(stream: BinaryIO) -> bytes | None:
    """The next record; None at the end of the file."""
    prefix = stream.read(_LENGTH.size)
    if not prefix:
        return None
    if len(prefix) < _LENGTH.size:
        raise SnapshotDamagedError("it is cut short")
    (length,) = _LENGTH.unpack(prefix)
    if length > _MAX_RECORD:
        raise SnapshotDamagedError("it is damaged (a part says it is larger than any is)")
    data = stream.read(length)
    if len(data) < length:
        raise SnapshotDamagedError("it is cut short")
    return data


def _open(data: bytes, key: crypto.FolderKey | None, place: str) -> Any:
    if key is not None:
        try:
            data = key.open_record(data, place)
        except crypto.SealedFileError as error:
            raise SnapshotDamagedError(str(error)) from None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SnapshotDamagedError(
            "it is damaged (a part is not readable)"
            if key is None
            else "it is damaged, or encrypted while this folder is set up without a key"
        ) from None
