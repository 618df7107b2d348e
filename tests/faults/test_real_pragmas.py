"""Fault tests must see the storage the app really runs on: tests/conftest.py marks every test
in this folder ``real_journal``, so none of the suite's shortcuts apply here."""

from __future__ import annotations

from sqlalchemy import text

SYNCHRONOUS_FULL = 2


def test_fault_tests_keep_the_apps_pragmas(journal):
    with journal.db.read() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == SYNCHRONOUS_FULL
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
