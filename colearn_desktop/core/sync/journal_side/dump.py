"""Every row that travels, as the other devices name it: for a snapshot, and for comparing
journals (a canonical dump: ordered by key, without this journal's row numbers and caches)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from colearn_desktop.core.sync.journal_side.capture import (
    PRESENCE,
    key_sql,
    row_json_sql,
    travelling_columns,
)
from colearn_desktop.core.sync.journal_side.hlc import Hlc
from colearn_desktop.core.sync.journal_side.tables import SPECS, TableSpec
from colearn_desktop.core.sync.records import RowChange


def rows(connection: sqlite3.Connection, spec: TableSpec) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, fields) of every row of ``spec``'s table that travels, in key order."""
    cols = travelling_columns(connection, spec)
    local = spec.local_keys
    found = connection.execute(
        f"SELECT {key_sql(spec, '')} AS k, {row_json_sql(spec, cols, '')} "
        f'FROM "{spec.name}" ORDER BY k'
    )
    for key, fields in found:
        if key is not None and key not in local:
            yield key, json.loads(fields)


def canonical(connection: sqlite3.Connection) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The journal's content as every device must agree on it once all have read everything."""
    return {spec.name: list(rows(connection, spec)) for spec in SPECS}


def snapshot_changes(connection: sqlite3.Connection, device: str) -> Iterator[RowChange]:
    """Each row as one upsert, stamped with the newest stamp known for it (or the oldest
    possible: a row nobody edited since sync began loses to any edit made elsewhere).  Read
    from a cursor a row at a time, each row's stamp looked up with it, so a journal of any
    size is handed out in constant memory."""
    oldest = Hlc(0, 0, device).text()
    for spec in SPECS:
        cols = travelling_columns(connection, spec)
        local = spec.local_keys
        found = connection.execute(
            "SELECT k, fields, (SELECT max(hlc) FROM sync_field WHERE tbl = ? AND key = k) "
            f"FROM (SELECT {key_sql(spec, '')} AS k, {row_json_sql(spec, cols, '')} AS fields "
            f'FROM "{spec.name}") WHERE k IS NOT NULL ORDER BY k',
            (spec.name,),
        )
        for key, fields, stamp in found:
            if key not in local:
                yield RowChange(
                    spec.name, key, "upsert", {**json.loads(fields), PRESENCE: 1}, stamp or oldest
                )
