"""Ways a journal file gets damaged, done to a closed journal (its log checkpointed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def overwrite_page_of(path: Path, table: str, garbage: bytes = b"\xa5" * 64) -> int:
    """Overwrite the start of ``table``'s root page (its b-tree header) with garbage, as a
    torn write or a bad disk sector would; returns the page number."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(garbage)
    return root


def garbage_header(path: Path) -> None:
    """Overwrite the 100-byte database header."""
    with path.open("r+b") as handle:
        handle.write(b"\x00garbage\xff" * 10)
