"""Applying another device's batch: newest stamp wins per column, the loser is kept.

Merge rules (the README's "Sync" section says them to the user):

- Rows are named by uid (or key, ``tables.py``): a conversation, favour step or purchase made on
  any device is added everywhere.
- A column edited on two devices keeps the edit with the newest stamp (``hlc.py``), on every
  device alike; the value that lost is kept in ``sync_history`` with its stamp (device, time).
- A row with a uid that was deleted for good stays deleted: the delete wins over an edit made
  elsewhere, before or after (the uid is never used again, so nothing could bring it back).
  A row without one (a tag link, an e-mail at a position, a setting) is there or not by the
  newest stamp: a tag removed here and added again there is there if the adding was later.
  Archive and trash are edits of a column (``archived_at``, ``deleted_at``) like any other.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from colearn_desktop.core.sync.journal_side.capture import PRESENCE
from colearn_desktop.core.sync.journal_side.hlc import WALL_DIGITS, Hlc, wall_text
from colearn_desktop.core.sync.journal_side.materialize import canonical_key, materialize
from colearn_desktop.core.sync.journal_side.merge_cycles import (
    RING_TABLES,
    read_rings,
    rewritten,
)
from colearn_desktop.core.sync.journal_side.tables import BY_NAME
from colearn_desktop.core.sync.records import RowChange

# Cached from the conversations (tables.LOCAL_COLUMNS): recomputed for the contacts whose
# conversations the batch changed ({where}: all of them, or those listed as JSON).
_REFRESH_LAST_CONTACT = """
UPDATE contact SET last_contact_at = (
    SELECT max(cv.happened_at)
    FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
    WHERE cc.contact_id = contact.id AND cv.deleted_at IS NULL
)
WHERE {where} AND last_contact_at IS NOT (
    SELECT max(cv.happened_at)
    FROM conversation_contact cc JOIN conversation cv ON cv.id = cc.conversation_id
    WHERE cc.contact_id = contact.id AND cv.deleted_at IS NULL
)
"""


@dataclass
class Merged:
    """What merging one batch's changes did, before the rows are written."""

    applied: int = 0
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    touched: set[tuple[str, str]] = field(default_factory=set)


# A value stored under the oldest stamp was nobody's edit (what a snapshot or a removed row
# held, ``dump.py``, ``outbox.py``): replaced, it is not a value "changed on a computer" in
# 1970 for the contact's history.
_NO_TIME = "0" * WALL_DIGITS + "."

# Changes merged in memory before what won and lost is written: a batch up to this size
# (what the outbox hands out after ordinary use) is followed in memory from its stamps to its
# rows; a bigger one (a snapshot, a bulk change) in parts, its rows read back to be written,
# so that its memory stays that of a part.
CHUNK = 5_000


def merge_changes(connection: sqlite3.Connection, changes: tuple[RowChange, ...]) -> Merged:
    """Merge every change into ``sync_field``, then write the rows it touched."""
    merged = Merged()
    known: dict[tuple[str, str], dict[str, Any]] = {}
    # (only a contact or an alias changes which merges form a ring: merge_cycles.py)
    before = read_rings(connection) if any(c.table in RING_TABLES for c in changes) else None
    for start in range(0, len(changes), CHUNK):
        part = changes[start : start + CHUNK]
        known = _merge(connection, part, merged, remember=len(changes) <= CHUNK)
    rings = read_rings(connection)
    if before is not None:
        merged.touched |= rewritten(connection, before, rings)
    talked = materialize(connection, merged.touched, known, rings)
    if talked is None:
        connection.execute(_REFRESH_LAST_CONTACT.format(where="1"))
    elif talked:
        connection.execute(
            _REFRESH_LAST_CONTACT.format(where="id IN (SELECT value FROM json_each(?))"),
            (json.dumps(sorted(talked)),),
        )
    return merged


def _merge(
    connection: sqlite3.Connection,
    changes: tuple[RowChange, ...],
    merged: Merged,
    *,
    remember: bool,
) -> dict[tuple[str, str], dict[str, Any]]:
    """Merge ``changes`` into ``sync_field``; with ``remember``, the rows they touched as
    ``sync_field`` now has them (for ``materialize``, which then need not read them back).

    Each row's stored stamps are read once and followed in memory through the changes (a
    later change of the same row sees the earlier one, as if each were written before the
    next was read); what won goes into ``sync_field`` and what lost into ``sync_history`` in
    one statement each, in the changes' order."""
    touched: set[tuple[str, str]] = set()
    state: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    arrived: dict[tuple[str, str], dict[str, Any]] = {}  # the winning values, not as JSON
    kept: list[tuple[str, str, str, str, str]] = []
    losers: list[tuple[str, str, str, str, str, str]] = []
    for change in changes:
        spec = BY_NAME.get(change.table)
        if spec is None:
            merged.problems.append(
                f"A change to “{change.table}” (row {change.uid}) was skipped: this version "
                "does not share that table."
            )
            merged.skipped += 1
            continue
        key = canonical_key(connection, spec, change.uid)
        stored = state.get((change.table, key))
        if stored is None:
            stored = state[(change.table, key)] = {
                name: (stamp, value)
                for name, stamp, value in connection.execute(
                    "SELECT col, hlc, value FROM sync_field WHERE tbl = ? AND key = ?",
                    (change.table, key),
                )
            }
        fields = {PRESENCE: 0} if change.op == "delete" else change.fields
        won: list[tuple[str, str]] = []
        lost: list[str] = []
        if not stored:  # a row new here: every column is taken as it came
            won = [(name, json.dumps(value)) for name, value in fields.items()]
        else:
            final = change.op == "delete" and spec.has_uid
            for name, value in fields.items():
                text = json.dumps(value)
                verdict = _verdict(stored.get(name), change, name, text, final=final)
                if verdict == "won":
                    won.append((name, text))
                    if name != PRESENCE and name in stored and stored[name][1] != text:
                        stamp, current = stored[name]
                        if not stamp.startswith(_NO_TIME):  # (not an edit: see _NO_TIME)
                            losers.append((change.table, key, name, current, stamp, change.hlc))
                elif verdict == "lost":
                    lost.append(name)
                    losers.append((change.table, key, name, text, change.hlc, stored[name][0]))
        values = arrived.setdefault((change.table, key), {}) if remember else {}
        for name, text in won:
            stored[name] = (change.hlc, text)
            kept.append((change.table, key, name, change.hlc, text))
            values[name] = fields[name]
        if lost:
            merged.conflicts.append(_conflict(change, key, lost))
        merged.applied += bool(won)
        merged.skipped += not won
        if won:
            touched.add((change.table, key))
    connection.executemany(
        "INSERT OR REPLACE INTO sync_field (tbl, key, col, hlc, value) VALUES (?, ?, ?, ?, ?)",
        kept,
    )
    connection.executemany(
        "INSERT INTO sync_history (tbl, key, col, value, hlc, kept_hlc) VALUES (?, ?, ?, ?, ?, ?)",
        losers,
    )
    merged.touched |= touched
    if not remember:
        return {}
    return {row: _values(state[row], arrived[row]) for row in touched}


def _values(stored: dict[str, tuple[str, str]], arrived: dict[str, Any]) -> dict[str, Any]:
    """A row's columns as ``sync_field`` now holds them: the batch's own values as they came,
    the others decoded from their JSON."""
    return {
        name: arrived[name] if name in arrived else json.loads(text)
        for name, (_, text) in stored.items()
    }


def _verdict(
    stored: tuple[str, str] | None, change: RowChange, name: str, text: str, *, final: bool
) -> str:
    """ "won": the column takes ``text``; "lost": an edit here is newer and differs; "same":
    nothing to do (the same edit again, or a row deleted for good)."""
    if stored is None:
        return "won"
    stamp, current = stored
    if name == PRESENCE and current == "0" and BY_NAME[change.table].has_uid:
        # Deleted for good stays deleted; of two deletes the newer stamp is kept on every
        # device, whichever came first (merge_cycles.py reads it).
        return "won" if text == "0" and stamp < change.hlc else "same"
    if final or stamp < change.hlc:
        return "won"
    return "lost" if current != text else "same"


def _conflict(change: RowChange, key: str, names: list[str]) -> str:
    fields = ", ".join(f"“{name}”" for name in names)
    return (
        f"{fields} of {change.table} {key} changed on two devices: the newer edit was kept; "
        f"the one from device {Hlc.parse(change.hlc).device} ({wall_text(change.hlc)} UTC) "
        "is in the row's history."
    )
