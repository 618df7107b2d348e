"""A journal upgraded revision by revision from the first release has exactly the schema of one
created new (tables with their CHECKs, indexes, triggers, views, full-text tables), and both
hold the CHECKs the models declare.

This is the guard a new favour kind or stage needs: adding it to the enum without a revision
that rebuilds the table's CHECK leaves every save of it failing in SQLite, while Alembic's own
comparison (``test_migrations_create_exactly_the_models_schema``) does not look at CHECKs or
triggers at all.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage import models
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import revision_chain, upgrade
from tests.core.storage.test_migrations import make_first_revision_journal

_STRING_LITERAL = re.compile(r"('(?:[^']|'')*')")
_QUOTED_NAME = re.compile(r'"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]')


def _unquoted(name: re.Match[str]) -> str:
    return next(group for group in name.groups() if group is not None)


def normalise(sql: str | None) -> str | None:
    """``sql`` without what does not change its meaning: runs of whitespace, the spaces
    beside brackets and commas, the quotes around names, ``IF NOT EXISTS``.  String literals
    are kept exactly as they are."""
    if sql is None:
        return None
    parts = _STRING_LITERAL.split(sql)
    for index in range(0, len(parts), 2):  # the odd parts are string literals
        text = _QUOTED_NAME.sub(_unquoted, parts[index])
        text = re.sub(r"\bIF\s+NOT\s+EXISTS\b", "", text, flags=re.IGNORECASE)
        text = re.sub(r"\s+", " ", text)
        parts[index] = re.sub(r"\s*([(),;])\s*", r"\1", text)
    return "".join(parts).strip()


def schema_of(path: Path) -> dict[str, tuple[str, str, str | None]]:
    """Every object in ``sqlite_master``: name -> (type, table, normalised SQL)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        return {name: (kind, table, normalise(sql)) for kind, name, table, sql in rows}
    finally:
        connection.close()


def differences(
    expected: dict[str, tuple[str, str, str | None]], found: dict[str, tuple[str, str, str | None]]
) -> list[str]:
    """One line per object that is missing, extra or different, naming it."""
    lines = []
    for name in sorted(expected.keys() | found.keys()):
        want, got = expected.get(name), found.get(name)
        if want == got:
            continue
        kind, table, _sql = want or got or ("", "", None)
        what = f"{kind} {name} (on {table})"
        if got is None:
            lines.append(f"{what}: missing from the upgraded journal")
        elif want is None:
            lines.append(f"{what}: only in the upgraded journal")
        else:
            lines.append(f"{what} differs:\n  new:      {want[2]}\n  upgraded: {got[2]}")
    return lines


def test_a_journal_upgraded_step_by_step_has_the_schema_of_a_new_one(tmp_path, clock):
    upgraded = tmp_path / "old" / "journal.sqlite3"
    make_first_revision_journal(upgraded)  # with rows in it: some revisions fill caches
    for revision in revision_chain()[1:]:  # one release after another, each its own upgrade
        engine = create_journal_engine(upgraded)
        upgrade(engine, upgraded, target=revision)
        engine.dispose()
    new = tmp_path / "new" / "journal.sqlite3"
    open_journal(new, clock=clock).close()

    expected = schema_of(new)
    assert {kind for kind, _table, _sql in expected.values()} >= {"table", "index", "trigger"}
    problems = differences(expected, schema_of(upgraded))
    assert not problems, "\n".join(problems)


def test_the_journal_holds_the_checks_the_models_declare(journal):
    declared = inspect(create_engine("sqlite://"))
    models.metadata.create_all(declared.bind)
    stored = inspect(journal.db.engine)
    problems = []
    for table in sorted(models.metadata.tables):
        want = {c["name"]: normalise(c["sqltext"]) for c in declared.get_check_constraints(table)}
        got = {c["name"]: normalise(c["sqltext"]) for c in stored.get_check_constraints(table)}
        for name in sorted(want.keys() | got.keys()):
            if want.get(name) != got.get(name):
                problems.append(
                    f"table {table}, CHECK {name}: the models say {want.get(name)!r}, "
                    f"the journal holds {got.get(name)!r} (a revision must rebuild it)"
                )
    assert not problems, "\n".join(problems)


def test_normalising_drops_only_what_is_meaningless():
    same = normalise('CREATE TABLE IF NOT EXISTS "favour" (\n\tid INTEGER ,  kind  VARCHAR )')
    assert same == normalise("CREATE TABLE favour (id INTEGER, kind VARCHAR)")
    assert normalise("CHECK (kind IN ('a', 'b'))") != normalise("CHECK (kind IN ('a', 'b', 'c'))")
    assert normalise("WHERE x = 'two  spaces'") != normalise("WHERE x = 'two spaces'")
    assert normalise("WHERE x = '\"quoted\"'") == "WHERE x = '\"quoted\"'"


def test_differences_name_each_object_at_fault():
    new = {"favour": ("table", "favour", "A"), "t1": ("trigger", "favour", "B")}
    upgraded = {"favour": ("table", "favour", "A2"), "ix": ("index", "favour", "C")}
    assert differences(new, upgraded) == [
        "table favour (on favour) differs:\n  new:      A\n  upgraded: A2",
        "index ix (on favour): only in the upgraded journal",
        "trigger t1 (on favour): missing from the upgraded journal",
    ]
