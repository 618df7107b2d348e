"""Rebuilding a table, for the schema changes SQLite's ALTER TABLE cannot make (a CHECK, a
column's type or constraint).

SQLite's documented procedure (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds
Of Table Schema Changes") is: create the new table under another name, copy the rows, drop the
old table, rename the new one, re-create the indexes, triggers and views, and check the foreign
keys.  Written by hand in each revision it is a page of SQL that is easy to get subtly wrong:
Alembic's batch mode, for one, silently drops the table's triggers, and the contacts list's
cached values and the search index depend on them.  Here it is one call.

Every trigger and view that *names* the table is read from ``sqlite_master`` before anything is
dropped, dropped first and re-created last, text for text: the triggers on other tables that
read it (the favour counts on a contact) as well as the ones on the table itself.  A name
inside a string literal may make a trigger count as naming the table; re-creating it unchanged
is harmless.

The caller's transaction holds everything, and foreign keys must be off (the upgrade turns them
off, see :func:`colearn_desktop.core.storage.migrate.upgrade`): with them on, dropping the old table
would delete the rows of every table that cascades from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# ``sqlite3.Connection.execute`` or SQLAlchemy's ``Connection.exec_driver_sql``: (sql, params).
Execute = Callable[..., Any]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING_LITERAL = re.compile(r"'(?:[^']|'')*'")
# Triggers and views are dropped before the table and re-created after it, in this order.
_RECREATE_ORDER = {"index": 0, "view": 1, "trigger": 2}


class RebuildError(RuntimeError):
    """The rebuild could not be done safely; the caller's transaction must be rolled back."""


def rebuild_table(execute: Execute, table: str, create_sql: str) -> None:
    """Give ``table`` the definition ``create_sql`` (its whole ``CREATE TABLE table (...)``),
    keeping its rows (the columns both definitions have), indexes, triggers and views."""
    _check_identifier(table)
    if execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RebuildError(
            f"rebuilding {table} needs foreign keys off (with them on, dropping the old table "
            "would delete the rows that refer to it)"
        )
    old_columns = _columns(execute, table)
    if not old_columns:
        raise RebuildError(f"there is no table {table} to rebuild")
    dependents = _dependents(execute, table)
    for kind, name, _sql in dependents:
        if kind != "index":  # the table's indexes go with it
            execute(f'DROP {kind.upper()} "{name}"')
    temporary = f"_rebuild_{table}"
    execute(_renamed(create_sql, table, temporary))
    kept = ", ".join(f'"{c}"' for c in _columns(execute, temporary) if c in old_columns)
    execute(f'INSERT INTO "{temporary}" ({kept}) SELECT {kept} FROM "{table}"')
    execute(f'DROP TABLE "{table}"')
    execute(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for _kind, _name, sql in sorted(dependents, key=lambda d: _RECREATE_ORDER[d[0]]):
        execute(sql)
    broken = execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RebuildError(
            f"after rebuilding {table}, {len(broken)} rows refer to rows that do not exist "
            f"(first: table {broken[0][0]}, row {broken[0][1]})"
        )


def replace_check(execute: Execute, table: str, constraint: str, expression: str) -> None:
    """Rebuild ``table`` with its CHECK named ``constraint`` holding ``expression`` instead:
    what adding a value to one of the journal's fixed lists (a favour kind) takes."""
    _check_identifier(table)
    _check_identifier(constraint)
    sql = table_sql(execute, table)
    found = re.search(rf'CONSTRAINT\s+["`\[]?{constraint}["`\]]?\s+CHECK\s*\(', sql, re.IGNORECASE)
    if found is None:
        raise RebuildError(f"table {table} has no CHECK constraint named {constraint}")
    end = _closing_parenthesis(sql, found.end())
    rebuild_table(execute, table, f"{sql[: found.end()]}{expression}{sql[end:]}")


def table_sql(execute: Execute, table: str) -> str:
    """The ``CREATE TABLE`` statement SQLite holds for ``table``."""
    row = execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if row is None:
        raise RebuildError(f"there is no table {table} to rebuild")
    return str(row[0])


def _check_identifier(name: str) -> None:
    """Names are put into SQL text (SQLite cannot bind them), so only plain ones are taken."""
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain SQL name")


def _columns(execute: Execute, table: str) -> list[str]:
    return [row[1] for row in execute(f'PRAGMA table_info("{table}")').fetchall()]


def _dependents(execute: Execute, table: str) -> list[tuple[str, str, str]]:
    """The table's own indexes (not the automatic ones its constraints make), and every trigger
    and view that names it or names a view that does (SQLite's RENAME re-reads every trigger,
    and fails on one that reads a view dropped for the rebuild), in the order they were
    created."""
    rows = execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    named = {table}
    found: dict[str, tuple[str, str, str]] = {}
    while True:
        pattern = "|".join(re.escape(name) for name in sorted(named))
        names_one = re.compile(rf'(?<![\w$])["`\[]?(?:{pattern})["`\]]?(?![\w$])', re.IGNORECASE)
        for kind, name, owner, sql in rows:
            if name not in found and (
                owner == table or (kind != "index" and names_one.search(sql))
            ):
                found[name] = (kind, name, sql)
        views = {name for kind, name, _sql in found.values() if kind == "view"}
        if views <= named:
            break
        named |= views
    order = [name for _kind, name, _owner, _sql in rows]
    return sorted(found.values(), key=lambda dependent: order.index(dependent[1]))


def _renamed(create_sql: str, table: str, temporary: str) -> str:
    """``create_sql`` creating ``temporary`` instead of ``table``."""
    header = re.match(r'\s*CREATE\s+TABLE\s+["`\[]?(\w+)["`\]]?', create_sql, re.IGNORECASE)
    if header is None or header.group(1).lower() != table.lower():
        raise ValueError(f"expected a CREATE TABLE {table} statement, got {create_sql[:60]!r}")
    return f'CREATE TABLE "{temporary}"{create_sql[header.end() :]}'


def _closing_parenthesis(sql: str, start: int) -> int:
    """The index of the ``)`` that closes the ``(`` just before ``start`` (string literals
    may hold parentheses of their own)."""
    depth = 1
    position = start
    while position < len(sql):
        literal = _STRING_LITERAL.match(sql, position)
        if literal:
            position = literal.end()
            continue
        depth += {"(": 1, ")": -1}.get(sql[position], 0)
        if depth == 0:
            return position
        position += 1
    raise RebuildError("a CHECK constraint's parentheses do not close")
