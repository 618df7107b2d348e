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


def garbage_schema_page(path: Path) -> None:
    """Overwrite the b-tree header of page 1, just after the file header: the file still says
    it is SQLite, but SQLite cannot read its schema (SQLITE_CORRUPT)."""
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xa5" * 64)


def garbage_header(path: Path) -> None:
    """Overwrite the 100-byte database header."""
    with path.open("r+b") as handle:
        handle.write(b"\x00garbage\xff" * 10)


def truncate(path: Path) -> None:
    """Cut the journal to 0 bytes, as a crash during a copy or a sync tool can."""
    with path.open("r+b") as handle:
        handle.truncate(0)


def invalid_text_in_schema(path: Path) -> None:
    """Turn one byte of a trigger's name into one that is not UTF-8 (a flipped bit): SQLite
    still reads the file, but the name cannot be decoded."""
    data = bytearray(path.read_bytes())
    at = data.index(b"contact_cache_insert")
    data[at + 3] = 0xFF
    path.write_bytes(bytes(data))


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so byte edits of the file are what SQLite reads."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
