"""From the triggers' outbox to batches: fold row changes into per-field changes, number them.

Folding keeps each column's own stamp: a row's e-mail changed at 10:00 and its name at 10:05
travel as two changes (one per stamp), never as one change stamped 10:05, or a device that
changed the e-mail at 10:02 would keep its value here and lose it there.  Several edits of one
column between two batches travel once, with the newest value and stamp.  A row made and
removed before a batch took it travels not at all.

Folded changes also go into ``sync_field`` (the newest stamp of every column), before any
remote change is compared with them (``apply`` folds first).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from colearn_desktop.core.storage.migrate import HEAD_REVISION
from colearn_desktop.core.sync.journal_side import participants
from colearn_desktop.core.sync.journal_side.capture import PRESENCE
from colearn_desktop.core.sync.journal_side.hlc import Hlc
from colearn_desktop.core.sync.journal_side.materialize import canonical_key, resolve
from colearn_desktop.core.sync.journal_side.tables import BY_NAME
from colearn_desktop.core.sync.records import ChangeBatch, RowChange, batch_from_json, batch_to_json


@dataclass
class _Row:
    """One row's captured history between two folds."""

    existed: bool  # it was there before the first captured event
    present: tuple[int, str] | None = None  # (1 made / 0 removed, stamp) if that happened
    columns: dict[str, tuple[Any, str]] = field(default_factory=dict)  # column: (value, stamp)
    last: dict[str, Any] | None = None  # its values when it was removed


_Event = tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, str]


def _events(connection: sqlite3.Connection) -> list[_Event]:
    """The outbox as (table, key, old, new, stamp); a change of key is a removal and a making."""
    events: list[_Event] = []
    for tbl, old_key, key, old, new, stamp in connection.execute(
        "SELECT tbl, old_key, key, old, new, hlc FROM sync_outbox ORDER BY seq"
    ):
        before = json.loads(old) if old is not None else None
        after = json.loads(new) if new is not None else None
        if before is not None and after is not None and old_key != key:
            events.append((tbl, old_key, before, None, stamp))
            events.append((tbl, key, None, after, stamp))
        else:
            events.append((tbl, key, before, after, stamp))
    return [event for event in events if event[1] is not None]  # (its parent went first)


def fold(connection: sqlite3.Connection) -> None:
    """Turn the outbox into changes waiting for the next batch, and note their stamps."""
    rows: dict[tuple[str, str], _Row] = {}
    for tbl, key, old, new, stamp in _events(connection):
        row = rows.setdefault((tbl, key), _Row(existed=old is not None))
        if new is None:
            row.present, row.columns, row.last = (0, stamp), {}, old
        elif old is None:
            row.present = (1, stamp)
            row.columns = {name: (value, stamp) for name, value in new.items()}
        else:
            for name, value in new.items():
                if old.get(name) != value:
                    row.columns[name] = (value, stamp)
    (device,) = connection.execute("SELECT device FROM sync_state").fetchone()
    for (tbl, captured), row in rows.items():
        key = canonical_key(connection, BY_NAME[tbl], captured)
        for change in _changes(tbl, key, row):
            _note(connection, change)
            if change.op == "delete" and row.last:
                _remember_last(connection, change, row.last, device)
            if change.op == "delete" and tbl == participants.TABLE:
                for other in participants.standing_for_the_same(
                    connection, key, lambda uid: resolve(connection, "contact", uid)
                ):
                    _note(connection, RowChange(tbl, other, "delete", {}, change.hlc))
    connection.execute("DELETE FROM sync_outbox")


def _note(connection: sqlite3.Connection, change: RowChange) -> None:
    """A folded change: into ``sync_field`` now, into the next batch when it is made."""
    _remember(connection, change)
    connection.execute(
        "INSERT INTO sync_unsent (tbl, key, op, fields, hlc) VALUES (?, ?, ?, ?, ?)",
        (change.table, change.uid, change.op, json.dumps(dict(change.fields)), change.hlc),
    )


def _changes(tbl: str, key: str, row: _Row) -> list[RowChange]:
    if row.present is not None and row.present[0] == 0:
        if not row.existed:
            return []  # made and removed here before anyone heard of it
        return [RowChange(tbl, key, "delete", {}, row.present[1])]
    by_stamp: dict[str, dict[str, Any]] = defaultdict(dict)
    for name, (value, stamp) in row.columns.items():
        by_stamp[stamp][name] = value
    if row.present is not None:
        by_stamp[row.present[1]][PRESENCE] = 1  # made (again) here: the whole row travels
    return [
        RowChange(tbl, key, "upsert", fields, stamp) for stamp, fields in sorted(by_stamp.items())
    ]


def _remember(connection: sqlite3.Connection, change: RowChange) -> None:
    """Note ``change``'s stamp (and value) per column in ``sync_field``, newest kept."""
    fields = {PRESENCE: 0} if change.op == "delete" else change.fields
    connection.executemany(
        "INSERT INTO sync_field (tbl, key, col, hlc, value) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, key, col) DO UPDATE SET hlc = excluded.hlc, value = excluded.value "
        "WHERE excluded.hlc > sync_field.hlc",
        [
            (change.table, change.uid, name, change.hlc, json.dumps(value))
            for name, value in fields.items()
        ],
    )


def _remember_last(
    connection: sqlite3.Connection, change: RowChange, last: dict[str, Any], device: str
) -> None:
    """Keep what a removed row held, in the columns ``sync_field`` knows nothing of, under
    the oldest stamp (any edit from anywhere wins over it; it never travels).  A row made
    before sync was set up has only its removal there: if that removal is later read as not
    having happened (a merge undone, ``merge_cycles.py``), the row is written back from
    these values."""
    oldest = Hlc(0, 0, device).text()
    connection.executemany(
        "INSERT OR IGNORE INTO sync_field (tbl, key, col, hlc, value) VALUES (?, ?, ?, ?, ?)",
        [
            (change.table, change.uid, name, oldest, json.dumps(value))
            for name, value in last.items()
            if name != PRESENCE
        ],
    )


def next_batch(connection: sqlite3.Connection, device: str) -> ChangeBatch | None:
    """The oldest batch not yet handed out, made from the waiting changes when there is none."""
    fold(connection)
    waiting = connection.execute("SELECT body FROM sync_batch_out ORDER BY seq LIMIT 1").fetchone()
    if waiting is not None:
        return batch_from_json(json.loads(waiting[0]))
    changes = tuple(
        RowChange(tbl, key, op, json.loads(fields), stamp)
        for tbl, key, op, fields, stamp in connection.execute(
            "SELECT tbl, key, op, fields, hlc FROM sync_unsent ORDER BY id"
        )
    )
    if not changes:
        return None
    (seq,) = connection.execute("SELECT next_seq FROM sync_state").fetchone()
    batch = ChangeBatch(device=device, seq=seq, schema=HEAD_REVISION, changes=changes)
    connection.execute(
        "INSERT INTO sync_batch_out (seq, body) VALUES (?, ?)",
        (seq, json.dumps(batch_to_json(batch))),
    )
    connection.execute("UPDATE sync_state SET next_seq = next_seq + 1")
    connection.execute("DELETE FROM sync_unsent")
    return batch
