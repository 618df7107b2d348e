from __future__ import annotations

import sqlite3

import pytest

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.backups.verified_copy import backup_file, check_backup

# Backups: commits wait for the disk as the app's do (tests/conftest.py).
pytestmark = pytest.mark.durable_journal


def snapshot(journal) -> list[tuple]:
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT c.display_name, c.company, c.stage, c.last_contact_at, "
            "(SELECT group_concat(notes, '|') FROM conversation cv JOIN conversation_contact cc "
            " ON cc.conversation_id = cv.id WHERE cc.contact_id = c.id) "
            "FROM contact c ORDER BY c.id"
        ).fetchall()


def test_demo_is_realistic_consistent_and_deterministic(tmp_path, clock):
    first = open_journal(tmp_path / "a.sqlite3", clock=clock)
    second = open_journal(tmp_path / "b.sqlite3", clock=clock)
    report = generate_demo(first, contacts=300, conversations_per_contact=5, seed=7)
    generate_demo(second, contacts=300, conversations_per_contact=5, seed=7)
    stats = first.stats()
    assert report.contacts == stats.contacts == 300
    assert report.conversations == stats.conversations == 1500
    assert stats.favours > 0
    assert stats.purchases > 0
    assert stats.tags > 0
    assert first.check() == []
    assert snapshot(first) == snapshot(second)
    rows = first.contact_list.rows()
    names = " ".join(r.display_name for r in rows)
    assert any(not ch.isascii() for ch in names)  # accents and other scripts
    assert any(r.next_due is not None and r.next_due < clock.today() for r in rows)  # overdue
    with first.db.read_raw() as connection:
        referred = connection.execute(
            "SELECT count(*) FROM contact WHERE referred_by_id IS NOT NULL"
        ).fetchone()[0]
        learned = connection.execute(
            "SELECT count(*) FROM conversation WHERE learned <> ''"
        ).fetchone()[0]
        directions = {r[0] for r in connection.execute("SELECT DISTINCT direction FROM favour")}
    assert referred > 0
    assert learned > 0
    assert directions == {"i_owe", "they_owe"}
    first.close()
    second.close()


def test_demo_refuses_a_journal_with_contacts(journal):
    generate_demo(journal, contacts=5, conversations_per_contact=1)
    with pytest.raises(ValidationError, match="already has contacts"):
        generate_demo(journal, contacts=5)
    generate_demo(journal, contacts=5, conversations_per_contact=1, append=True, seed=2)
    assert journal.stats().contacts == 10
    assert journal.check() == []


def test_backup_is_a_verified_standalone_copy(journal, tmp_path):
    generate_demo(journal, contacts=20, conversations_per_contact=2)
    target = backup_file(journal.path, tmp_path / "b" / "copy.sqlite3")
    check = check_backup(target)
    assert check.ok
    connection = sqlite3.connect(target)
    assert connection.execute("SELECT count(*) FROM contact").fetchone()[0] == 20
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()
    assert not list(target.parent.glob("*.partial"))


def test_a_damaged_backup_fails_its_check(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert not check_backup(bad).ok
