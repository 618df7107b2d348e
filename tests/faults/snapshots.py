"""Every row of every table of a journal file, for "restores to the exact content" checks.

No fixed list of tables: whatever the schema holds now (full-text indexes included) is compared.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def table_rows(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: sorted(
                connection.execute(f'SELECT * FROM "{table}"').fetchall(),  # names from the file
                key=repr,
            )
            for table in tables
        }
    finally:
        connection.close()


def schema(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
