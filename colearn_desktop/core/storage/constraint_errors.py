"""SQLite's refusals of a change that breaks a rule of the schema, as the journal's errors.

Sorted by SQLite's extended error code (``sqlite3.Error.sqlite_errorcode``), never by the
wording of the message, which SQLite may change.  The message is only read for the names it
carries ("UNIQUE constraint failed: tag.name_key", "CHECK constraint failed: ck_favour_kind"),
so the sentence can say which table and column are at fault.

The services validate before they write, so a refusal here means that another window changed
the journal meanwhile (a contact deleted, a tag of that name added), or a bug (a value the code
offers that the schema does not know yet: the ``gift`` favour kind before its revision).
Either way nothing was written, and the user is told what to do instead of seeing a traceback.
"""

from __future__ import annotations

import re
import sqlite3

from colearn_desktop.core.errors import (
    ConstraintError,
    DisallowedValueError,
    DuplicateError,
    MissingReferenceError,
)

# "UNIQUE constraint failed: tag.name_key, tag.other" / "NOT NULL constraint failed: favour.kind"
_COLUMNS = re.compile(r"constraint failed: ((?:\w+\.\w+)(?:, \w+\.\w+)*)\s*$")
# "CHECK constraint failed: ck_favour_kind" (older SQLite: the expression, not the name)
_CHECK_NAME = re.compile(r"constraint failed: (\w+)\s*$")
_RELOAD = "Nothing was written; reload the screen and try again."
_REPORT = "Nothing was written. This is a bug in CoLearn: please report it with this message."


def constraint_error(error: sqlite3.Error) -> ConstraintError:
    """The journal's error for SQLite's ``SQLITE_CONSTRAINT_*`` ``error``."""
    code = getattr(error, "sqlite_errorcode", sqlite3.SQLITE_CONSTRAINT)
    rule = getattr(error, "sqlite_errorname", "SQLITE_CONSTRAINT")
    text = str(error)
    table, column = _columns(text)
    if code == sqlite3.SQLITE_CONSTRAINT_CHECK:
        found = _CHECK_NAME.search(text)
        rule = found.group(1) if found else rule
        table, column = _named_by_rule(rule)
    kind, reason = _reason(code, ".".join(part for part in (table, column) if part), text)
    return kind(f"The change was not saved because {reason}", rule=rule, table=table, column=column)


def _reason(code: int, field: str, text: str) -> tuple[type[ConstraintError], str]:
    """Which error, and the rest of its sentence: what is at fault and what to do."""
    if code in (sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
        table, _, columns = field.partition(".")
        return DuplicateError, (
            f"the journal already holds a {table or 'row'} with the same {columns or 'key'} "
            f"(perhaps saved from another window just now). {_RELOAD}"
        )
    if code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
        return MissingReferenceError, (
            "it refers to a contact or other row that no longer exists (perhaps deleted in "
            f"another window). {_RELOAD}"
        )
    if code == sqlite3.SQLITE_CONSTRAINT_NOTNULL:
        return DisallowedValueError, f"{field or 'a required value'} was left empty. {_REPORT}"
    if code == sqlite3.SQLITE_CONSTRAINT_CHECK:
        rule = _CHECK_NAME.search(text)
        named = f" (rule {rule.group(1)})" if rule else ""
        return DisallowedValueError, (
            f"the journal does not accept that value{f' for {field}' if field else ''}{named}. "
            f"{_REPORT}"
        )
    if code == sqlite3.SQLITE_CONSTRAINT_TRIGGER:
        return DisallowedValueError, f"a rule of the journal refused it: {text}. {_RELOAD}"
    return ConstraintError, f"it breaks a rule of the journal ({text}). {_REPORT}"


def _columns(text: str) -> tuple[str, str]:
    """The table and the column(s) SQLite names in ``text``: ("tag", "name_key")."""
    found = _COLUMNS.search(text)
    if found is None:
        return "", ""
    pairs = [part.split(".", 1) for part in found.group(1).split(", ")]
    return pairs[0][0], ", ".join(column for _table, column in pairs)


def _named_by_rule(rule: str) -> tuple[str, str]:
    """Table and column from a CHECK's name, for the journal's ``ck_<table>_<column>``
    naming (see ``models``); nothing when the name is not one of ours."""
    from colearn_desktop.core.storage import models

    for table in sorted(models.metadata.tables, key=len, reverse=True):
        prefix = f"ck_{table}_"
        if rule.startswith(prefix):
            rest = rule[len(prefix) :]
            columns = models.metadata.tables[table].columns
            return table, rest if rest in columns else ""
    return "", ""
