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
_NOT_SAVED = "The change was not saved"
_RELOAD = "Nothing was written; reload the screen and try again."
_REPORT = "Nothing was written. This is a bug in CoLearn: please report it with this message."


def constraint_error(error: sqlite3.Error) -> ConstraintError:
    """The journal's error for SQLite's ``SQLITE_CONSTRAINT_*`` ``error``."""
    code = getattr(error, "sqlite_errorcode", sqlite3.SQLITE_CONSTRAINT)
    name = getattr(error, "sqlite_errorname", "SQLITE_CONSTRAINT")
    text = str(error)
    table, columns = _columns(text)
    where = f"{table}.{columns}" if table else ""
    if code in (sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
        return DuplicateError(
            f"{_NOT_SAVED} because the journal already holds a {table or 'row'} with the same "
            f"{columns or 'key'} (perhaps saved from another window just now). {_RELOAD}",
            rule=name,
            table=table,
            column=columns,
        )
    if code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
        return MissingReferenceError(
            f"{_NOT_SAVED} because it refers to a contact or other row that no longer exists "
            f"(perhaps deleted in another window). {_RELOAD}",
            rule=name,
        )
    if code == sqlite3.SQLITE_CONSTRAINT_NOTNULL:
        return DisallowedValueError(
            f"{_NOT_SAVED} because {where or 'a required value'} was left empty. {_REPORT}",
            rule=name,
            table=table,
            column=columns,
        )
    if code == sqlite3.SQLITE_CONSTRAINT_CHECK:
        found = _CHECK_NAME.search(text)
        rule = found.group(1) if found else name
        table, column = _named_by_rule(rule)
        field = ".".join(part for part in (table, column) if part)
        return DisallowedValueError(
            f"{_NOT_SAVED} because the journal does not accept that value"
            f"{f' for {field}' if field else ''} (rule {rule}). {_REPORT}",
            rule=rule,
            table=table,
            column=column,
        )
    if code == sqlite3.SQLITE_CONSTRAINT_TRIGGER:
        return DisallowedValueError(
            f"{_NOT_SAVED} because a rule of the journal refused it: {text}. {_RELOAD}",
            rule=name,
        )
    return ConstraintError(
        f"{_NOT_SAVED} because it breaks a rule of the journal ({name}: {text}). {_REPORT}",
        rule=name,
    )


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
    from colearn_desktop.core import models

    for table in sorted(models.metadata.tables, key=len, reverse=True):
        prefix = f"ck_{table}_"
        if rule.startswith(prefix):
            rest = rule[len(prefix) :]
            columns = models.metadata.tables[table].columns
            return table, rest if rest in columns else ""
    return "", ""
