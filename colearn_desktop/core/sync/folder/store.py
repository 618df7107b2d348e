"""The files in ``<folder>/colearn-sync/``: ``folder.json`` (format and encryption), and one
folder per device holding only what that device writes:

- ``000000000042.batch``: the device's change batch number 42;
- ``snapshot-000000000042.batch``: the device's whole journal when it had handed out batch 42,
  and how far it had read every other device, so a joining device (or one that fell behind
  compaction) starts from it; written and read a part at a time
  (:mod:`colearn_desktop.core.sync.folder.snapshot_file`), so joining from a large journal
  needs no more memory than one part;
- ``device.json``: its name, when it was last seen, its newest batch, its schema and how far
  it has read every other device (what compaction waits for).

Anything else in these folders (the sync tools' temporary and conflict files, a person's
notes) is never read.  With a key every file but ``folder.json`` is sealed
(:mod:`colearn_desktop.core.sync.folder.crypto`).

``folder.json``'s ``format`` is 2 since snapshots come in parts; a folder of format 1 (whose
snapshots are one JSON object) is read as well, and becomes format 2 when this version writes
its first snapshot there, so an older CoLearn on another computer says it must be updated
instead of failing on a snapshot it cannot read.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from colearn_desktop.core.sync.folder import crypto, snapshot_file
from colearn_desktop.core.sync.folder.files import FolderProblemError, write_private
from colearn_desktop.core.sync.folder.snapshot_file import SnapshotDamagedError, SnapshotFile
from colearn_desktop.core.sync.records import (
    ChangeBatch,
    RowChange,
    batch_from_json,
    batch_to_json,
)

SYNC_DIR = "colearn-sync"
FOLDER_FILE = "folder.json"
DEVICE_FILE = "device.json"
FORMAT = 2  # folder.json's: snapshots come in parts
READABLE_FORMATS = (1, 2)  # 1: snapshots are one JSON object (still read)
BATCH_FORMAT = 1  # a batch file's (and an old snapshot's) own
_BATCH = re.compile(r"^(\d{12})\.batch$")
_SNAPSHOT = re.compile(r"^snapshot-(\d{12})\.batch$")
_NOT = "nothing of it was applied"
_DEVICE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


class DamagedFileError(ValueError):
    """A file in the folder cannot be read; the message is a sentence naming it."""


def batch_name(seq: int, *, snapshot: bool = False) -> str:
    return f"snapshot-{seq:012d}.batch" if snapshot else f"{seq:012d}.batch"


class SyncFolder:
    """One sync folder, opened with its key when it is encrypted."""

    def __init__(self, root: Path, key: crypto.FolderKey | None):
        self.root = root
        self.base = root / SYNC_DIR
        self.key = key

    # -- setting up and opening --------------------------------------------------------------

    @staticmethod
    def describe(root: Path) -> dict[str, Any] | None:
        """The folder's ``folder.json`` (``None``: not a sync folder yet)."""
        path = root / SYNC_DIR / FOLDER_FILE
        if not path.exists():
            return None
        try:
            value = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise FolderProblemError(
                f"{path} cannot be read ({error}); nothing was exchanged. If a sync tool is "
                "still bringing it, try again later; otherwise set the folder up again."
            ) from None
        if not isinstance(value, dict) or value.get("format") not in READABLE_FORMATS:
            raise FolderProblemError(
                f"{path} was written by another version of CoLearn (format "
                f"{value.get('format') if isinstance(value, dict) else '?'}); nothing was "
                "exchanged. Update CoLearn on this computer."
            )
        return value

    @classmethod
    def setup(cls, root: Path, passphrase: str | None) -> SyncFolder:
        """Make ``root`` a sync folder, or join the one it already is."""
        described = cls.describe(root)
        if described is None and cls(root, None).devices():
            raise FolderProblemError(
                f"Other devices already write to the sync folder {root}, but its "
                f"{SYNC_DIR}/{FOLDER_FILE} has not arrived yet; nothing was set up (a second "
                "one would clash with theirs). Wait until your sync tool has brought it, then "
                "run the command again."
            )
        if described is None:
            entry, key = crypto.new_encryption(passphrase) if passphrase else (None, None)
            data = json.dumps({"format": FORMAT, "encryption": entry}, indent=2)
            write_private(root / SYNC_DIR / FOLDER_FILE, data.encode("utf-8"))
            return cls(root, key)
        entry = described.get("encryption")
        if entry and not passphrase:
            raise FolderProblemError(
                f"The sync folder {root} is encrypted; nothing was set up. Give its passphrase "
                "with --passphrase-file (the same one as on your other computers)."
            )
        if not entry and passphrase:
            raise FolderProblemError(
                f"The sync folder {root} is already used without encryption by other "
                "devices; nothing was set up. Set it up without a passphrase, or start a new, "
                "empty sync folder with one."
            )
        try:
            return cls(root, crypto.unlock(entry, passphrase) if entry and passphrase else None)
        except crypto.WrongPassphraseError:
            raise FolderProblemError(
                f"That passphrase does not open the sync folder {root}; nothing was set up. "
                "Use the passphrase you chose on the first computer."
            ) from None
        except ValueError as error:
            raise FolderProblemError(f"The sync folder {root} cannot be opened: {error}.") from None

    @classmethod
    def open(cls, root: Path, key: crypto.FolderKey | None) -> SyncFolder:
        """The folder set up before, with the key this computer keeps for it."""
        described = cls.describe(root)
        if described is None:
            raise FolderProblemError(
                f"The sync folder {root} is missing or has no {SYNC_DIR}/{FOLDER_FILE}; "
                "nothing was exchanged. If it is on a drive that is not connected, connect "
                "it; otherwise set sync up again (Settings ▸ Sync, or colearn sync --setup "
                "FOLDER)."
            )
        entry = described.get("encryption")
        if entry and (key is None or not crypto.key_fits(key, entry)):
            raise FolderProblemError(
                f"The sync folder {root} is encrypted with a passphrase this computer does "
                "not have (it was set up without one, or the passphrase was changed); nothing "
                "was exchanged. Set sync up again with the folder's passphrase (Settings ▸ "
                "Sync, or colearn sync --setup with --passphrase-file)."
            )
        if key is not None and not entry:
            raise FolderProblemError(
                f"The sync folder {root} is no longer encrypted, though this computer set it "
                "up with a passphrase; nothing was exchanged, so nothing of this journal was "
                "written there unencrypted. If that is what you want, set sync up again "
                "without a passphrase (Settings ▸ Sync, or colearn sync --setup)."
            )
        return cls(root, key)

    # -- devices -----------------------------------------------------------------------------

    def devices(self) -> list[str]:
        """The devices with a folder here, sorted."""
        try:
            return sorted(
                path.name
                for path in self.base.iterdir()
                if path.is_dir() and _DEVICE_ID.match(path.name)
            )
        except OSError:
            return []

    def device_info(self, device: str) -> dict[str, Any] | None:
        """The device's ``device.json``; ``None`` when missing or unreadable (it is rewritten
        at the device's next exchange, so an unreadable one is only a moment's gap)."""
        try:
            value = self._read_json(device, DEVICE_FILE)
        except (FileNotFoundError, DamagedFileError):
            return None
        return value if isinstance(value, dict) else None

    def write_device_info(self, device: str, info: dict[str, Any]) -> None:
        self._write_json(device, DEVICE_FILE, info)

    # -- batches -----------------------------------------------------------------------------

    def batch_numbers(self, device: str, *, snapshot: bool = False) -> list[int]:
        pattern = _SNAPSHOT if snapshot else _BATCH
        try:
            names = [path.name for path in (self.base / device).iterdir()]
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(pattern.match, names) if m)

    def write_batch(
        self, batch: ChangeBatch, *, snapshot: bool = False, covers: dict[str, int] | None = None
    ) -> int:
        """Write ``batch`` (a snapshot also says how far it had read every device); returns
        the number of bytes written."""
        if snapshot:
            return self.write_snapshot(
                batch.device, batch.seq, batch.schema, batch.changes, covers or {}
            )
        value = {"format": BATCH_FORMAT, "batch": batch_to_json(batch), "covers": covers or {}}
        return self._write_json(batch.device, batch_name(batch.seq), value)

    def write_snapshot(
        self,
        device: str,
        seq: int,
        schema: str,
        changes: Iterable[RowChange],
        covers: dict[str, int],
    ) -> int:
        """Write ``device``'s snapshot ``seq`` from ``changes`` (read once, a part at a time)
        and how far it had read every device; returns the number of bytes written."""
        self._upgrade_format()
        name = batch_name(seq, snapshot=True)
        head = {"device": device, "seq": seq, "schema": schema, "covers": covers}
        data = snapshot_file.records(f"{device}/{name}", head, changes, self.key)
        return write_private(self.base / device / name, data)

    def open_snapshot(self, device: str, seq: int) -> SnapshotFile:
        """``device``'s snapshot ``seq``, read through once to check it is whole (its parts are
        read again by :meth:`SnapshotFile.batches`); :class:`DamagedFileError` when it is not,
        ``FileNotFoundError`` when it is gone."""
        name = batch_name(seq, snapshot=True)
        path = self.base / device / name
        try:
            with path.open("rb") as stream:
                start = stream.read(len(snapshot_file.MAGIC))
            if start != snapshot_file.MAGIC:  # one JSON object, as format 1 wrote them
                batch, covers = self.read_batch(device, seq, snapshot=True)
                return SnapshotFile(
                    path, name, self.key, device, seq, batch.schema, covers, "whole", 1,
                    len(batch.changes), batch,
                )  # fmt: skip
            found = snapshot_file.check(path, f"{device}/{name}", self.key)
        except FileNotFoundError:
            raise
        except OSError as error:
            raise DamagedFileError(f"{path} cannot be read ({error.strerror}); {_NOT}.") from None
        except SnapshotDamagedError as error:
            raise DamagedFileError(
                f"The snapshot {path} cannot be applied: {error} (a sync tool may still be "
                f"bringing it); {_NOT}."
            ) from None
        if found.device != device or found.seq != seq:
            raise DamagedFileError(
                f"{path} holds snapshot {found.seq} of device {found.device}; {_NOT}."
            )
        return found

    def read_batch(
        self, device: str, seq: int, *, snapshot: bool = False
    ) -> tuple[ChangeBatch, dict[str, int]]:
        """Batch ``seq`` of ``device`` and (for a snapshot) how far it covers every device;
        :class:`DamagedFileError` when it cannot be read whole.  A snapshot in parts is read
        whole into memory: joining reads it with :meth:`open_snapshot` instead."""
        name = batch_name(seq, snapshot=snapshot)
        if snapshot and self._starts_with(device, name, snapshot_file.MAGIC):
            found = self.open_snapshot(device, seq)
            changes: list[RowChange] = []
            try:
                for _part, batch in found.batches():
                    changes.extend(batch.changes)
            except SnapshotDamagedError as error:
                raise DamagedFileError(f"{found.path} cannot be read: {error}; {_NOT}.") from None
            return ChangeBatch(device, seq, found.schema, tuple(changes)), found.covers
        value = self._read_json(device, name)
        where = f"{self.base / device / name}"
        if not isinstance(value, dict) or value.get("format") != BATCH_FORMAT:
            raise DamagedFileError(f"{where} is not a batch this CoLearn can read; {_NOT}.")
        try:
            batch = batch_from_json(value.get("batch"))
        except ValueError as error:
            raise DamagedFileError(f"In {where}: {error}") from None
        if batch.device != device or batch.seq != seq:
            raise DamagedFileError(
                f"{where} holds batch {batch.seq} of device {batch.device}; {_NOT}."
            )
        covers = value.get("covers")
        if not isinstance(covers, dict):
            covers = {}
        return batch, {str(k): v for k, v in covers.items() if isinstance(v, int)}

    def remove_batch(self, device: str, seq: int, *, snapshot: bool = False) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.base / device / batch_name(seq, snapshot=snapshot)).unlink()

    def size(self) -> int:
        """Bytes of every CoLearn file in the folder."""
        total = 0
        for device in self.devices():
            for path in (self.base / device).iterdir():
                name = path.name
                if name == DEVICE_FILE or _BATCH.match(name) or _SNAPSHOT.match(name):
                    total += path.stat().st_size
        return total

    # -- one file ----------------------------------------------------------------------------

    def _starts_with(self, device: str, name: str, start: bytes) -> bool:
        try:
            with (self.base / device / name).open("rb") as stream:
                return stream.read(len(start)) == start
        except OSError:
            return False  # (read again, and reported, by the caller)

    def _upgrade_format(self) -> None:
        """Make a folder of format 1 format 2 before writing a snapshot in parts into it: an
        older CoLearn then says it must be updated instead of failing on that snapshot."""
        try:
            described = self.describe(self.root)
        except FolderProblemError:
            return  # a sync tool is replacing it (it was read at the start): the next time
        if described is not None and described.get("format") != FORMAT:
            data = json.dumps({**described, "format": FORMAT}, indent=2)
            write_private(self.base / FOLDER_FILE, data.encode("utf-8"))

    def _write_json(self, device: str, name: str, value: Any) -> int:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if self.key is not None:
            data = self.key.seal(data, f"{device}/{name}")
        write_private(self.base / device / name, data)
        return len(data)

    def _read_json(self, device: str, name: str) -> Any:
        path = self.base / device / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as error:
            raise DamagedFileError(f"{path} cannot be read ({error.strerror}); {_NOT}.") from None
        if self.key is not None:
            try:
                data = self.key.open(data, f"{device}/{name}")
            except crypto.SealedFileError as error:
                raise DamagedFileError(f"{path} cannot be opened: {error}; {_NOT}.") from None
        elif data.startswith(crypto.MAGIC):
            raise DamagedFileError(
                f"{path} is encrypted, but this folder is set up without a key; {_NOT}."
            )
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise DamagedFileError(
                f"{path} is cut short or damaged (a sync tool may still be bringing it); {_NOT}."
            ) from None
