"""The SQL that writes our CSV neutralises formulas exactly as values.neutralise does."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from colearn_desktop.core.interchange.values import neutralise
from colearn_desktop.core.interchange.writers.ours_csv import _safe

CONNECTION = sqlite3.connect(":memory:")
SQL = f"SELECT {_safe('?1', True)}"
TRICKY = st.text(alphabet="=+-@\t\r\n'ab ", max_size=6) | st.text(max_size=20)


@given(TRICKY)
def test_sql_safety_matches_the_python_rule(cell):
    assert CONNECTION.execute(SQL, (cell,)).fetchone()[0] == neutralise(cell)


def test_examples():
    for cell, expected in (
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 20", "'+44 20"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("", ""),
        ("Ana", "Ana"),
    ):
        assert CONNECTION.execute(SQL, (cell,)).fetchone()[0] == expected
