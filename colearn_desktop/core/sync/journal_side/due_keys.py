"""Today's snooze and done marks (``due_item_state``) as the other devices name them.

A mark is keyed by its item, ``<prefix>:<row number>[:<more>]`` (``cadence:42``,
``checkin:17:14``): row numbers differ between journals, so the mark travels under the uid of
that row instead (``cadence:<contact uid>``, ``checkin:<purchase uid>:14``) and each journal
turns it back into its own number.  Which table a prefix's number names is written in
``core/item_keys.py``, below storage (whose migrations install these triggers) and the due
rules alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from colearn_desktop.core.item_keys import ITEM_KEY_TABLES

TABLE = "due_item_state"


def travelling_key_sql(row: str) -> str:
    """The SQL that turns the mark ``{row}"key"`` into its travelling form; NULL when the row
    it names is gone or the prefix is not a rule's."""
    key = f'{row}"key"'
    prefix = f"substr({key}, 1, instr({key}, ':') - 1)"
    rest = f"substr({key}, instr({key}, ':') + 1)"
    number = f"CAST(substr({rest}, 1, instr({rest} || ':', ':') - 1) AS INTEGER)"
    tail = f"substr({rest}, instr({rest} || ':', ':'))"  # '' or ':<more>'
    cases = " ".join(
        f"WHEN '{prefix_}' THEN '{prefix_}:' || (SELECT uid FROM \"{table}\" WHERE id = {number})"
        for prefix_, table in sorted(ITEM_KEY_TABLES.items())
    )
    return f"(CASE {prefix} {cases} END) || {tail}"


def _split(key: str) -> tuple[str, str, str] | None:
    """(prefix, the row's name, ``:<more>`` or '') of a mark's key."""
    prefix, _, rest = key.partition(":")
    name, colon, more = rest.partition(":")
    if prefix not in ITEM_KEY_TABLES or not name:
        return None
    return prefix, name, colon + more


def local_key(key: str, resolve: Callable[[str, str], int | None]) -> str | None:
    """This journal's key for the travelling ``key``; None while the row it names is not
    here (``resolve(table, uid)`` gives this journal's number)."""
    parts = _split(key)
    if parts is None:
        return None
    prefix, uid, more = parts
    number = resolve(ITEM_KEY_TABLES[prefix], uid)
    return None if number is None else f"{prefix}:{number}{more}"


def canonical(key: str, folded: Callable[[str, str], str]) -> str:
    """``key`` with its uid replaced by the one it answers to (``folded(table, uid)``)."""
    parts = _split(key)
    if parts is None:
        return key
    prefix, uid, more = parts
    return f"{prefix}:{folded(ITEM_KEY_TABLES[prefix], uid)}{more}"


def forget_marks(connection: sqlite3.Connection, table: str, number: int) -> None:
    """Remove this journal's marks of items that came from ``table``'s row ``number`` (gone,
    or merged into another contact): left behind, a mark would name nothing on the others."""
    for prefix in sorted(p for p, named in ITEM_KEY_TABLES.items() if named == table):
        connection.execute(
            f"DELETE FROM {TABLE} WHERE key = ? OR key LIKE ?",
            (f"{prefix}:{number}", f"{prefix}:{number}:%"),
        )
