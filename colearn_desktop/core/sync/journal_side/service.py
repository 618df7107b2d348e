"""``JournalSync``: the journal as the exchange sees it (``core.sync.records.JournalSide``).

Every method is one transaction of its own.  ``apply`` writes with capture switched off
(``sync_state.applying``), so nothing that came from another device goes out again, and
remembers the batch's (device, seq) in the same transaction: a batch is applied exactly once,
even when the folder hands it over twice or the program is killed halfway.

A snapshot is applied a part at a time, each part its own transaction (a large journal never
has to fit in memory, nor in one transaction).  Its last part moves the read mark; until then
each part applied is noted in ``sync_read`` under ``<device>/snapshot-<seq>/<file id>`` (never
a device id: those have no ``/``), so a join that was interrupted (killed, a part damaged)
resumes after the last part applied, and a part applied twice changes nothing (newest stamp
wins).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Action, Change, ChangeHub, Topic
from colearn_desktop.core.storage.db import roomy_cache
from colearn_desktop.core.storage.migrate import HEAD_REVISION
from colearn_desktop.core.sync.journal_side import dump, hlc
from colearn_desktop.core.sync.journal_side.apply import merge_changes
from colearn_desktop.core.sync.journal_side.outbox import fold, next_batch
from colearn_desktop.core.sync.records import (
    ApplyReport,
    ChangeBatch,
    Part,
    Snapshot,
    batch_from_json,
)

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal
    from colearn_desktop.core.storage.db import Database


class JournalSync:
    def __init__(self, database: Database, events: ChangeHub):
        self._db = database
        self._events = events

    @classmethod
    def of(cls, journal: Journal) -> JournalSync:
        return cls(journal.db, journal.events)

    # Switching on, and the device's own id.

    def enable(self) -> None:
        """Start capturing this journal's changes (sync was set up).  What was there before
        reaches the others through :meth:`snapshot`.  The first time, the journal gets its
        device id."""
        with self._db.raw() as connection:
            (first_time,) = connection.execute("SELECT device = '' FROM sync_state").fetchone()
            connection.execute(
                "UPDATE sync_state SET enabled = 1, "
                "device = CASE device WHEN '' THEN ? ELSE device END",
                (str(uuid.uuid4()),),
            )
            if first_time and next(dump.snapshot_changes(connection, ""), None) is not None:
                # Batch number 1 stands for what the journal held before: the first snapshot
                # covers it, so the others can mark it read (a snapshot 0 could not be).
                connection.execute("UPDATE sync_state SET next_seq = max(next_seq, 2)")

    def enabled(self) -> bool:
        with self._db.read_raw() as connection:
            return bool(connection.execute("SELECT enabled FROM sync_state").fetchone()[0])

    def device_id(self) -> str:
        with self._db.read_raw() as connection:
            return str(connection.execute("SELECT device FROM sync_state").fetchone()[0])

    def renew_device_id(self) -> str:
        """Give this journal a new device id (its data folder was copied from another computer:
        two devices with one id would skip each other's batches).  It starts numbering again."""
        device = str(uuid.uuid4())
        with self._db.raw() as connection:
            _unsend_waiting(connection)  # a batch made, not yet handed out, goes out anew
            connection.execute("UPDATE sync_state SET device = ?, next_seq = 1", (device,))
        return device

    def continue_after(self, seq: int) -> None:
        """Number the next batch after ``seq`` (the folder holds batches of this device up to
        it: the journal was restored from a backup, and reusing a number would make the other
        devices skip the new batch as one they already applied)."""
        with self._db.raw() as connection:
            _unsend_waiting(connection)
            connection.execute("UPDATE sync_state SET next_seq = max(next_seq, ?)", (seq + 1,))

    # What the exchange calls.

    def outgoing(self) -> ChangeBatch | None:
        with self._db.raw() as connection:
            return next_batch(connection, _device(connection))

    def handed_out(self, seq: int) -> None:
        with self._db.raw() as connection:
            connection.execute("DELETE FROM sync_batch_out WHERE seq <= ?", (seq,))

    def read_up_to(self, device: str) -> int:
        with self._db.read_raw() as connection:
            return _read_up_to(connection, device)

    def parts_read(self, device: str, seq: int, snapshot: str) -> int:
        with self._db.read_raw() as connection:
            return _read_up_to(connection, _part_mark(device, seq, snapshot))

    def apply(self, batch: ChangeBatch, part: Part | None = None) -> ApplyReport:
        """Apply ``batch`` in one transaction; one already applied changes nothing.  A batch
        from a newer version is neither applied nor marked read: it waits for the upgrade.
        With ``part``, ``batch`` is that part of a snapshot (see the module's text)."""
        if batch.schema > HEAD_REVISION:
            return ApplyReport(
                0,
                len(batch.changes),
                (),
                (
                    f"Batch {batch.seq} from device {batch.device} was written by a newer "
                    f"version of CoLearn (journal revision {batch.schema}, this one has "
                    f"{HEAD_REVISION}); it is kept and will be applied once this computer "
                    "runs the newer version.",
                ),
            )
        try:
            for change in batch.changes:
                hlc.Hlc.parse(change.hlc)
            with self._applying() as connection:
                if 0 < batch.seq <= _read_up_to(connection, batch.device):
                    return ApplyReport(0, 0, (), ())
                if part is not None and part.number <= _read_up_to(
                    connection, _part_mark(batch.device, batch.seq, part.snapshot)
                ):
                    return ApplyReport(0, 0, (), ())  # a part an interrupted join applied
                hlc.receive(connection, [change.hlc for change in batch.changes])
                merged = merge_changes(connection, batch.changes)
                if part is None or part.last:
                    _mark_read(connection, batch.device, batch.seq)
                    connection.execute(
                        "DELETE FROM sync_read WHERE device > ? AND device < ?",
                        (f"{batch.device}/", f"{batch.device}0"),  # ('0' follows '/')
                    )
                else:
                    _mark_read(connection, _part_mark(batch.device, batch.seq, part.snapshot),
                               part.number)  # fmt: skip
        except (ValueError, JournalError) as error:
            return ApplyReport(
                0,
                len(batch.changes),
                (),
                (
                    f"{_what(batch, part)} from device {batch.device} could not be applied: "
                    f"{error} Nothing of it was applied; it will be tried again at the next "
                    "exchange.",
                ),
            )
        if merged.applied:
            self._events.publish(Change(Topic.JOURNAL, action=Action.ANY))
        return ApplyReport(
            merged.applied, merged.skipped, tuple(merged.conflicts), tuple(merged.problems)
        )

    @contextmanager
    def open_snapshot(self) -> Iterator[Snapshot]:
        """The whole journal as upserts, numbered as the last batch made (a device that joins
        applies it, then reads this device's batches after it).  Its changes come from a
        cursor, a row at a time, in one read transaction: one view of the journal, in
        constant memory, while the app goes on writing."""
        with self._db.raw() as connection:
            fold(connection)  # the stamps of what is not in a batch yet
        with self._db.read_raw() as connection:
            device = _device(connection)
            (seq,) = connection.execute("SELECT next_seq - 1 FROM sync_state").fetchone()
            yield Snapshot(device, seq, HEAD_REVISION, dump.snapshot_changes(connection, device))

    def snapshot(self) -> ChangeBatch:
        """:meth:`open_snapshot` whole, in memory (for tests and small journals)."""
        with self.open_snapshot() as found:
            changes = tuple(found.changes)
        return ChangeBatch(found.device, found.seq, found.schema, changes)

    def history(self, table: str, uid: str) -> list[dict[str, Any]]:
        """Values of row ``uid`` that lost to a newer edit from another device, newest first:
        the column, the value, the device that made it and when (for "changed on Laptop")."""
        with self._db.read_raw() as connection:
            rows = connection.execute(
                "SELECT col, value, hlc FROM sync_history WHERE tbl = ? AND key = ? "
                "ORDER BY hlc DESC",
                (table, uid),
            ).fetchall()
        return [
            {
                "field": col,
                "value": json.loads(value),
                "device": hlc.Hlc.parse(stamp).device,
                "at": hlc.wall_text(stamp),
            }
            for col, value, stamp in rows
        ]

    @contextmanager
    def _applying(self) -> Iterator[sqlite3.Connection]:
        with self._db.raw() as connection, roomy_cache(connection):
            fold(connection)  # local changes get their stamps before any comparison
            connection.execute("UPDATE sync_state SET applying = 1")
            yield connection
            connection.execute("UPDATE sync_state SET applying = 0")


def _unsend_waiting(connection: sqlite3.Connection) -> None:
    """Batches made under the old device id or numbers and not yet handed out: their changes
    go back among the unsent, to be made again under the new ones (never lost)."""
    waiting = connection.execute("SELECT body FROM sync_batch_out ORDER BY seq").fetchall()
    for (body,) in waiting:
        connection.executemany(
            "INSERT INTO sync_unsent (tbl, key, op, fields, hlc) VALUES (?, ?, ?, ?, ?)",
            [
                (c.table, c.uid, c.op, json.dumps(dict(c.fields)), c.hlc)
                for c in batch_from_json(json.loads(body)).changes
            ],
        )
    connection.execute("DELETE FROM sync_batch_out")


def _what(batch: ChangeBatch, part: Part | None) -> str:
    if part is None:
        return f"Batch {batch.seq}"
    return f"Part {part.number} of {part.count} of snapshot {batch.seq}"


def _mark_read(connection: sqlite3.Connection, device: str, seq: int) -> None:
    connection.execute(
        "INSERT INTO sync_read (device, seq) VALUES (?, ?) ON CONFLICT (device) "
        "DO UPDATE SET seq = max(seq, excluded.seq)",
        (device, seq),
    )


def _part_mark(device: str, seq: int, snapshot: str) -> str:
    """Where the parts of a snapshot applied so far are noted in ``sync_read``."""
    return f"{device}/snapshot-{seq}/{snapshot}"


def _device(connection: sqlite3.Connection) -> str:
    return str(connection.execute("SELECT device FROM sync_state").fetchone()[0])


def _read_up_to(connection: sqlite3.Connection, device: str) -> int:
    found = connection.execute("SELECT seq FROM sync_read WHERE device = ?", (device,)).fetchone()
    return 0 if found is None else int(found[0])
