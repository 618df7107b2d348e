"""A change SQLite refuses for breaking a rule of the schema reaches screens and commands as one
of the journal's errors, sorted by SQLite's error code, with a sentence naming what is at fault;
never as a raw IntegrityError."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.errors import (
    ConstraintError,
    DisallowedValueError,
    DuplicateError,
    MissingReferenceError,
    StorageError,
)
from colearn_desktop.core.records import FavourInput
from colearn_desktop.core.storage.db import translate
from colearn_desktop.core.storage.migrations.rebuild import replace_check
from tests.helpers import add_contact

STAMP = "2026-11-22 09:30:00.000000"
FAVOUR = (
    "INSERT INTO favour (contact_id, direction, kind, description, started_on, created_at, "
    "updated_at) VALUES ({contact}, 'i_owe', '{kind}', 'Camera', '2026-11-01', :at, :at)"
)
TAG = "INSERT INTO tag (name, name_key, created_at) VALUES ({name}, 'vip', :at)"


def forget_the_gift_kind(path: Path) -> None:
    """Give the journal at ``path`` the favour CHECK it had before revision 0008."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    old_kinds = "kind IN ('intro', 'referral', 'advice', 'testimonial', 'loan', 'money', 'other')"
    replace_check(connection.execute, "favour", "ck_favour_kind", old_kinds)
    connection.execute("COMMIT")
    connection.close()


def _write(journal, statements: list[str]) -> None:
    """Raw writes the services would refuse first: what a race or a bug lets through."""
    with journal.db.write() as session:
        for statement in statements:
            session.execute(text(statement), {"at": STAMP})


@pytest.mark.parametrize(
    ("statements", "error_class", "table", "column", "words"),
    [
        ([FAVOUR.format(contact=1, kind="hug")], DisallowedValueError, "favour", "kind",
         "does not accept that value for favour.kind (rule ck_favour_kind)"),
        ([TAG.format(name="NULL")], DisallowedValueError, "tag", "name",
         "because tag.name was left empty"),
        ([TAG.format(name="'VIP'"), TAG.format(name="'vip'")], DuplicateError, "tag", "name_key",
         "already holds a tag with the same name_key"),
        ([FAVOUR.format(contact=999, kind="loan")], MissingReferenceError, "", "",
         "refers to a contact or other row that no longer exists"),
    ],
)  # fmt: skip
def test_a_refused_change_is_a_journal_error_naming_what_is_at_fault(
    journal, statements, error_class, table, column, words
):
    add_contact(journal, "Sam")
    with pytest.raises(error_class) as caught:
        _write(journal, statements)
    error = caught.value
    assert isinstance(error, StorageError)  # what every form and the command line show
    assert (error.table, error.column) == (table, column)
    assert words in str(error)
    assert "Nothing was written" in str(error)
    assert isinstance(getattr(error.__cause__, "orig", None), sqlite3.IntegrityError)
    with journal.db.read() as session:  # the whole transaction was rolled back
        assert session.execute(text("SELECT count(*) FROM favour")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM tag")).scalar() == 0


def test_errors_are_sorted_by_code_not_by_wording(tmp_path):
    reworded = sqlite3.IntegrityError("a future SQLite says it differently")
    reworded.sqlite_errorcode = sqlite3.SQLITE_CONSTRAINT_UNIQUE
    reworded.sqlite_errorname = "SQLITE_CONSTRAINT_UNIQUE"
    assert isinstance(translate(reworded, tmp_path / "journal.sqlite3"), DuplicateError)
    misleading = sqlite3.OperationalError("database is locked")  # but SQLite said: disk full
    misleading.sqlite_errorcode = sqlite3.SQLITE_FULL
    assert "disk is full" in str(translate(misleading, tmp_path / "journal.sqlite3"))


def test_a_trigger_that_refuses_a_change_is_quoted():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x)")
    connection.execute(
        "CREATE TRIGGER t_guard BEFORE INSERT ON t BEGIN "
        "SELECT RAISE(ABORT, 'a favour cannot be given back twice'); END"
    )
    with pytest.raises(sqlite3.IntegrityError) as caught:
        connection.execute("INSERT INTO t VALUES (1)")
    error = translate(caught.value, Path("journal.sqlite3"))
    assert isinstance(error, DisallowedValueError)
    assert error.rule == "SQLITE_CONSTRAINT_TRIGGER"
    assert "refused it: a favour cannot be given back twice." in str(error)


def test_a_kind_the_schema_does_not_know_yet_is_refused_in_words(journal, journal_path):
    """What every save of a gift did before revision 0008 rebuilt the favour CHECK."""
    forget_the_gift_kind(journal_path)
    sam = add_contact(journal, "Sam")
    gift = FavourInput(sam, FavourDirection.THEY_OWE, FavourKind.GIFT, "Sent a hamper")
    with pytest.raises(ConstraintError, match=r"favour\.kind \(rule ck_favour_kind\)"):
        journal.favours.add(gift)
    assert journal.favours.for_contact(sam) == []
