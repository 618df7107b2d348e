"""Finding stored values the app cannot read back: a date ``2026-11-3x``, a number that is text,
a status outside its list.

SQLite keeps whatever bytes it is given, so such a value gets in through bit rot (a flipped
byte inside a row passes SQLite's integrity check) or another program's edit, and until now
surfaced as a crash of the one screen that parsed it.  ``colearn check`` runs these queries and
names every row at fault (table, row id, column, value), so it can be fixed or restored; the
read paths skip such a row (with a warning) instead of failing the whole list.

The rules come from the tables' own declarations (``models``): every date, timestamp and
whole-number column, and every CHECK constraint (which holds the lists of allowed values), so a
new column is checked without anyone remembering to add it here.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Integer

SHOWN = 5
LEFT_OUT = (
    "lists and calendar exports leave such rows out until the value is put right (a backup "
    "from before the damage has it right: colearn restore)"
)

_TYPES = (
    # (column type, condition that is true for a bad value of column "{c}", what it should be)
    (DateTime, "typeof({c}) <> 'text' OR datetime({c}) IS NULL "
     "OR date(substr({c}, 1, 10), '+0 days') IS NOT substr({c}, 1, 10)", "a date and time"),
    (Date, "typeof({c}) <> 'text' OR date({c}, '+0 days') IS NOT {c}", "a date (YYYY-MM-DD)"),
    (Boolean, "{c} NOT IN (0, 1)", "0 or 1"),
    (Integer, "typeof({c}) <> 'integer'", "a whole number"),
)  # fmt: skip


@dataclass(frozen=True)
class _Rule:
    table: str
    row_id: str
    columns: tuple[str, ...]  # whose values are shown
    bad: str  # SQL condition, true for a row at fault
    expected: str


_BIRTHDAY = "printf('2000-%02d-%02d', birthday_month, birthday_day)"
# Rules that span columns, which no CHECK constraint holds.
_ACROSS_COLUMNS = (
    _Rule(
        "contact",
        "id",
        ("birthday_month", "birthday_day"),
        f"birthday_month IS NOT NULL AND date({_BIRTHDAY}, '+0 days') IS NOT {_BIRTHDAY}",
        "a day of the year",
    ),
)


@cache
def _rules() -> tuple[_Rule, ...]:
    from colearn_desktop.core.storage.models import metadata

    rules = []
    for table in metadata.sorted_tables:
        keys = [column.name for column in table.primary_key.columns]
        row_id = keys[0] if len(keys) == 1 else "rowid"
        for column in table.columns:
            for kind, condition, expected in _TYPES:
                if isinstance(column.type, kind):
                    name = f'"{column.name}"'
                    bad = f"{name} IS NOT NULL AND ({condition.format(c=name)})"
                    rules.append(_Rule(table.name, row_id, (column.name,), bad, expected))
                    break
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                text = str(constraint.sqltext)
                named = tuple(c.name for c in table.columns if re.search(rf"\b{c.name}\b", text))
                expected = f"allowed by the rule {text}"
                rules.append(_Rule(table.name, row_id, named, f"NOT ({text})", expected))
    return (*rules, *_ACROSS_COLUMNS)


def bad_values(connection: sqlite3.Connection) -> list[str]:
    """One sentence per column (or rule) with values that cannot be read back, naming the
    first rows at fault and their values; reads only."""
    problems = []
    for rule in _rules():
        shown = ", ".join(f'"{c}"' for c in rule.columns) or "NULL"
        rows = connection.execute(
            f'SELECT "{rule.row_id}", {shown} FROM "{rule.table}" WHERE {rule.bad}'
        ).fetchall()
        if not rows:
            continue
        named = "; ".join(f"{rule.table} {row[0]} ({_values(rule, row)})" for row in rows[:SHOWN])
        more = f" and {len(rows) - SHOWN} more" if len(rows) > SHOWN else ""
        rows_hold = "1 row of" if len(rows) == 1 else f"{len(rows)} rows of"
        problems.append(
            f"{rows_hold} {rule.table} {'holds' if len(rows) == 1 else 'hold'} a value that is "
            f"not {rule.expected}: {named}{more}"
        )
    if problems:
        problems[-1] += f"; {LEFT_OUT}"
    return problems


def _values(rule: _Rule, row: tuple[Any, ...]) -> str:
    return ", ".join(f"{c} {v!r}" for c, v in zip(rule.columns, row[1:], strict=False))
