"""Revision 0006 fills the check-in values of the purchases a journal already has, creates
their triggers and indexes, and Today reads those indexes."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import head_revision, inspect_file, upgrade

# Migrations are the real path: each journal here is migrated for its test (tests/conftest.py).
pytestmark = pytest.mark.real_journal

STAMP = "2026-01-01 09:00:00.000000"


def make_0005_journal(path):
    engine = create_journal_engine(path)
    upgrade(engine, path, target="0005")
    engine.dispose()
    connection = sqlite3.connect(path)
    with connection:
        for contact, name, last in (
            (1, "Ana", "2026-09-20 10:00:00.000000"),
            (2, "Ben", "2026-09-20 10:00:00.000000"),
            (3, "Cleo", None),
        ):
            connection.execute(
                "INSERT INTO contact (id, display_name, sort_name, stage, last_contact_at, "
                "created_at, updated_at) VALUES (?, ?, ?, 'help', ?, ?, ?)",
                (contact, name, name.lower(), last, STAMP, STAMP),
            )
        # A conversation Ana and Ben had together on 20 September.
        connection.execute(
            "INSERT INTO conversation (id, happened_at, created_at, updated_at) "
            "VALUES (1, '2026-09-20 10:00:00.000000', ?, ?)",
            (STAMP, STAMP),
        )
        connection.executemany("INSERT INTO conversation_contact VALUES (1, ?)", [(1,), (2,)])
        for contact, day, deleted in (
            (1, "2026-08-01", None),
            (1, "2026-09-10", None),
            (1, "2026-09-10", None),
            (2, "2026-06-01", None),
            (2, "2026-07-01", STAMP),  # in the trash: replaces nothing
            (3, "2026-10-01", None),
        ):
            connection.execute(
                "INSERT INTO purchase (contact_id, purchased_on, what, created_at, updated_at, "
                "deleted_at) VALUES (?, ?, 'Work', ?, ?, ?)",
                (contact, day, STAMP, STAMP, deleted),
            )
    connection.close()


def test_existing_purchases_get_their_values_and_today_is_unchanged(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_0005_journal(path)
    journal = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    try:
        assert inspect_file(path).revision == head_revision()
        with journal.db.read_raw() as connection:
            rows = connection.execute(
                "SELECT id, talked_after_days, rebought_after_days FROM purchase ORDER BY id"
            ).fetchall()
            indexes = {
                r[0]
                for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
            }
        assert rows == [(1, 50, 40), (2, 10, 0), (3, 10, None), (4, 111, None), (5, 81, None),
                        (6, 0, None)]  # fmt: skip
        assert {"ix_purchase_checkin", "ix_favour_open"} <= indexes
        assert journal.check() == []
        due = {
            i.key: i.due_on for i in journal.reminders.due(0).items if i.kind is DueKind.CHECK_IN
        }
        # Ana's 10 September purchase (the later one of two): talked 10 days after, inside
        # the 14-day check-in's window; its 90-day one is not due yet.  Ben's June purchase
        # was talked about 111 days later: both done.  Cleo never talked: 14 days after
        # 1 October, and that is overdue.
        assert due == {"checkin:6:14": date(2026, 10, 15)}
        # The triggers exist: a new conversation moves Cleo's value.
        journal.conversations.log(ConversationInput((3,), clock.now()))
        assert not [i for i in journal.reminders.due(0).items if i.kind is DueKind.CHECK_IN]
    finally:
        journal.close()


def test_today_reads_the_new_indexes(journal):
    with journal.db.read_raw() as connection:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {
        "ix_purchase_checkin",
        "ix_favour_open",
        "contact_cache_purchase_added",
        "contact_cache_purchase_changed",
        "contact_cache_purchase_removed",
        "contact_cache_purchase_talked",
    } <= names
