"""Two rows that must be one: the tag "VIP" made (or renamed to) on two devices, the built-in
referral templates every journal makes with uids of its own.

The table allows one row per name (or built-in key), so the row under the smaller uid is kept
on every device alike and the other uid answers to it from then on (``sync_alias``): links to
either tag end up on the kept one.  Done while applying, with capture off: every device meets
the same two rows and folds them the same way, so nothing of it needs to travel.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from colearn_desktop.core.sync.journal_side.capture import PRESENCE
from colearn_desktop.core.sync.journal_side.tables import SPECS, TableSpec

# The column that makes a row with a uid one of a kind (besides its uid).
UNIQUE = {"tag": "name_key", "referral_template": "builtin_key"}


def _twin(
    connection: sqlite3.Connection, spec: TableSpec, values: dict[str, Any], row: int | None
) -> tuple[int, str] | None:
    """Another row (not ``row``) with the unique value ``values`` would give it."""
    column = UNIQUE[spec.name]
    if values.get(column) is None:
        return None
    found = connection.execute(
        f'SELECT rowid, uid FROM "{spec.name}" WHERE "{column}" = ? AND rowid IS NOT ?',
        (values[column], row),
    ).fetchone()
    return None if found is None else (int(found[0]), str(found[1]))


def _alias(connection: sqlite3.Connection, spec: TableSpec, folded: str, kept: str) -> None:
    connection.execute(
        "INSERT OR REPLACE INTO sync_alias (tbl, uid, target) VALUES (?, ?, ?)",
        (spec.name, folded, kept),
    )
    _rekey(connection, spec.name, folded, kept)


def _rekey(connection: sqlite3.Connection, table: str, folded: str, kept: str) -> None:
    """What ``sync_field`` holds under a name with ``folded`` in it moves to the name with
    ``kept``, the newest stamp per column winning, and those rows are written again
    (``sync_pending``).  A device that learns of the fold late stored edits under the folded
    name (a link to the other "VIP"); left there, one row would have two names and its
    value would depend on the order changes arrived in."""
    for spec in SPECS:
        if spec.name == table and spec.has_uid:
            where, pattern = "key = ?", folded
        elif any(target == table and column in spec.key for column, target in spec.refs.items()):
            where, pattern = "'/' || key || '/' LIKE ?", f"%/{folded}/%"
        else:
            continue
        found = connection.execute(
            f"SELECT key, col, hlc, value FROM sync_field WHERE tbl = ? AND {where}",
            (spec.name, pattern),
        ).fetchall()
        for key, col, stamp, value in found:
            if spec.has_uid and col == PRESENCE:
                continue  # the kept row is there; the folded one only answers to it
            name = "/".join(kept if part == folded else part for part in key.split("/"))
            connection.execute(
                "INSERT INTO sync_field (tbl, key, col, hlc, value) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (tbl, key, col) DO UPDATE SET hlc = excluded.hlc, "
                "value = excluded.value WHERE excluded.hlc > sync_field.hlc",
                (spec.name, name, col, stamp, value),
            )
            connection.execute(
                "INSERT OR IGNORE INTO sync_pending (tbl, key) VALUES (?, ?)", (spec.name, name)
            )
        for statement in ("DELETE FROM sync_field", "DELETE FROM sync_pending"):
            connection.execute(f"{statement} WHERE tbl = ? AND {where}", (spec.name, pattern))


def fold_into_twin(
    connection: sqlite3.Connection, spec: TableSpec, uid: str, values: dict[str, Any]
) -> bool:
    """Before inserting row ``uid``: if a row here is its twin, keep one of them (the smaller
    uid) and alias the other.  True when the row was folded (nothing left to insert)."""
    twin = _twin(connection, spec, values, None)
    if twin is None:
        return False
    row, twin_uid = twin
    kept, folded = sorted((uid, twin_uid))
    _alias(connection, spec, folded, kept)
    if kept == uid:  # the arriving row wins: the row here takes its uid and values
        assignments = "".join(f', "{name}" = ?' for name in values)
        connection.execute(
            f'UPDATE "{spec.name}" SET uid = ?{assignments} WHERE rowid = ?',
            (uid, *values.values(), row),
        )
    return True


def make_room(
    connection: sqlite3.Connection, spec: TableSpec, row: int, values: dict[str, Any]
) -> int | None:
    """Before updating ``row`` with ``values`` (a tag renamed elsewhere to a name a tag here
    has): fold the twins, the smaller uid kept.  Returns the row to update (None: the kept row
    is the other one, which keeps its own values)."""
    twin = _twin(connection, spec, values, row)
    if twin is None:
        return row
    other, other_uid = twin
    (uid,) = connection.execute(f'SELECT uid FROM "{spec.name}" WHERE rowid = ?', (row,)).fetchone()
    keep, drop = (row, other) if uid < other_uid else (other, row)
    kept_uid, dropped_uid = sorted((uid, other_uid))
    _alias(connection, spec, dropped_uid, kept_uid)
    repoint(connection, spec.name, keep, drop)
    connection.execute(f'DELETE FROM "{spec.name}" WHERE rowid = ?', (drop,))
    return row if keep == row else None


def repoint(
    connection: sqlite3.Connection, table: str, keep: int, drop: int, *, keyed: bool = True
) -> None:
    """Point every row that points at ``table``'s row ``drop`` at ``keep`` instead.

    A link row (a tag link, a participant) is added anew for ``keep`` and removed for
    ``drop``, so the triggers that keep the contacts list and the search index in step see
    what happened; a row pointing at both already keeps its one link.  ``keyed`` False: rows
    named by ``drop`` (its links, e-mails ...) are removed, not moved (see ``_hand_over``)."""
    for child in SPECS:
        for column, target in child.refs.items():
            if target != table or child.unordered:
                continue
            if column not in child.key:
                connection.execute(
                    f'UPDATE "{child.name}" SET "{column}" = ? WHERE "{column}" = ?', (keep, drop)
                )
                continue
            if not keyed:
                connection.execute(f'DELETE FROM "{child.name}" WHERE "{column}" = ?', (drop,))
                continue
            names = [row[1] for row in connection.execute(f'PRAGMA table_info("{child.name}")')]
            chosen = ", ".join("?" if name == column else f'"{name}"' for name in names)
            listed = ", ".join(f'"{name}"' for name in names)
            connection.execute(
                f'INSERT OR IGNORE INTO "{child.name}" ({listed}) '
                f'SELECT {chosen} FROM "{child.name}" WHERE "{column}" = ?',
                (keep, drop),
            )
            connection.execute(f'DELETE FROM "{child.name}" WHERE "{column}" = ?', (drop,))
