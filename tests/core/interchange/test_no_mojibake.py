"""Importing any sample file leaves no sign of a misread encoding in the journal: no U+FFFD
(a byte the codec could not read), no box-drawing or block characters (a DOS code page read
where a letter was meant: "Spa▀lund") and no C1 control characters (Windows-1252 bytes read as
Latin-1), unless the file itself holds that character (issue #15, "Characters")."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from colearn_desktop.core.interchange.values import DateOrder

ROOT = Path(__file__).parents[3]
# The team's shared copies (../shared/samples next to the repository) hold the same files
# today; any that differ are imported too.
SAMPLE_DIRS = [ROOT / "tests" / "samples", ROOT.parent / "shared" / "samples"]
MOJIBAKE = re.compile("[\ufffd\u2500-\u259f\u0080-\u009f]")


def _samples() -> list[Path]:
    found: dict[str, Path] = {}
    for folder in SAMPLE_DIRS:
        for path in sorted(folder.glob("*/*")):
            if path.is_file():
                found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return sorted(found.values())


def stored_text(journal_path: Path) -> list[tuple[str, str]]:
    """(table.column, value) of every text value in every table of the journal."""
    found = []
    with sqlite3.connect(journal_path) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            columns = [c[0] for c in cursor.description]
            for row in cursor:
                found += [
                    (f"{table}.{column}", value)
                    for column, value in zip(columns, row, strict=True)
                    if isinstance(value, str)
                ]
    return found


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_importing_a_sample_stores_no_misread_characters(journal, sample):
    # A file whose dates cannot be told day- or month-first is refused until the user says;
    # the order does not change how characters are read.
    report = journal.interchange.import_file(sample, dates=DateOrder.DMY)
    assert report.imported, report.problems
    raw = sample.read_bytes()
    misread = {
        (where, char)
        for where, value in stored_text(journal.path)
        for char in MOJIBAKE.findall(value)
        if char.encode("utf-8") not in raw
    }
    assert not misread, f"{sample.name} ({report.encoding}): {sorted(misread)}"


def test_the_check_finds_a_misreading(journal, tmp_path):
    # What the old detection did: Windows-1252 read as cp775.
    path = tmp_path / "misread.csv"
    path.write_text("Name,Company\nG³nther Bl³mchen,Spa▀lund\n", encoding="utf-8")
    journal.interchange.import_file(path, encoding="utf-8")
    values = [value for _, value in stored_text(journal.path)]
    assert any(MOJIBAKE.search(value) for value in values)
