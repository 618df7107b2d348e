"""The whole journal as one JSON document: every table, every column, values as stored.

Lossless by construction: rows are read through the driver, so each value is exactly what the
file holds (timestamps as SQLite text, dates as ``YYYY-MM-DD``, booleans as 0/1, money in
hundredths); binary columns (photos) become base64 text.  Import history (``import_batch*``)
is left out: it describes imports into *this* file and its undo data would point at nothing
after a restore.  Each row carries its stable ``uid``, and each reference to a row that has one
carries that row's uid too (``contact_uid`` beside ``contact_id``): what names the row outside
this journal.

The document is written one row per line while the rows are read, so memory does not grow
with the journal, and the first lines name the format so a reader can tell it at a glance::

    {"format": "colearn-journal", "version": 1, "revision": "0004", "exported_at": "...",
     "tables": {
      "contact": [
       {"id": 1, "uid": "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "given_name": "Ana", ...},
       ...
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import LargeBinary, Table

from colearn_desktop.core.interchange.formats import JSON_MARK
from colearn_desktop.core.interchange.writers.export_target import replacing
from colearn_desktop.core.storage.db import Database
from colearn_desktop.core.storage.migrate import head_revision
from colearn_desktop.core.storage.models import metadata

FORMAT_VERSION = 1
EXCLUDED = {"import_batch", "import_batch_item", "alembic_version"}


def journal_tables() -> list[Table]:
    """Tables in the order they can be inserted (referenced tables first)."""
    return [t for t in metadata.sorted_tables if t.name not in EXCLUDED]


def _select(table: Table) -> str:
    """Every column, and beside each reference to a row with a stable id that row's id
    (``contact_uid`` beside ``contact_id``): numbers are this journal's own, the uid names
    the row anywhere."""
    references = [
        f'(SELECT uid FROM "{fk.column.table.name}" WHERE id = t."{fk.parent.name}") '
        f'AS "{fk.parent.name.removesuffix("_id")}_uid"'
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if "uid" in fk.column.table.c
    ]
    return f'SELECT {", ".join(["t.*", *references])} FROM "{table.name}" t ORDER BY t.rowid'


def _binary_columns(table: Table) -> set[str]:
    return {c.name for c in table.columns if isinstance(c.type, LargeBinary)}


def export_journal(
    db: Database,
    path: Path,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write the journal to ``path`` (owner-only, through a temporary file renamed when
    complete: see :func:`replacing`).  Returns the number of rows per table."""
    counts: dict[str, int] = {}
    tables = journal_tables()
    with db.read_raw() as connection, replacing(path) as out:
        header = {
            "format": JSON_MARK,
            "version": FORMAT_VERSION,
            "revision": head_revision(),
            "exported_at": now.isoformat(timespec="seconds"),
        }
        out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n "tables": {')
        for index, table in enumerate(tables):
            binary = _binary_columns(table)
            cursor = connection.execute(_select(table))
            names = [d[0] for d in cursor.description]
            out.write(("," if index else "") + f"\n  {json.dumps(table.name)}: [")
            count = 0
            for row in cursor:
                record = {
                    name: base64.b64encode(value).decode("ascii")
                    if name in binary and value is not None
                    else value
                    for name, value in zip(names, row, strict=True)
                }
                out.write(("," if count else "") + "\n   " + json.dumps(record, ensure_ascii=False))
                count += 1
            out.write("\n  ]")
            counts[table.name] = count
            if progress is not None:
                progress(index + 1, len(tables))
        out.write("\n }\n}\n")
    return counts
