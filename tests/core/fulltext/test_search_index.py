"""The index is part of the journal: created by the upgrade, checked by `check`, rebuilt on
demand, and optional: without FTS5 everything still works, only slower."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.fulltext.search import NO_INDEX_NOTICE, SearchCancelledError, SearchKind
from colearn_desktop.core.fulltext.search_index import IndexState, index_state
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage import search_schema
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.helpers import add_contact, log_call

WHEN = datetime(2026, 11, 20, 10, 0)


def raw(journal) -> sqlite3.Connection:
    connection = sqlite3.connect(journal.path)
    connection.isolation_level = None
    return connection


def test_demo_data_is_indexed_in_full(journal):
    generate_demo(journal, contacts=60, conversations_per_contact=4, seed=2)
    assert journal.check() == []
    with journal.db.read_raw() as connection:
        indexed = connection.execute("SELECT count(*) FROM search_conversation_docsize").fetchone()
        live = connection.execute(
            "SELECT count(*) FROM conversation WHERE deleted_at IS NULL"
        ).fetchone()
    assert indexed == live == (240,)


def test_demo_data_appended_to_a_journal_is_indexed_too(journal):
    zoe = add_contact(journal, "Zoë", notes="kept")
    generate_demo(journal, contacts=20, conversations_per_contact=3, seed=4, append=True)
    generate_demo(journal, contacts=20, conversations_per_contact=3, seed=5, append=True)
    assert journal.check() == []
    assert journal.search.search("kept").hits(SearchKind.CONTACT)[0].item_id == zoe
    # The triggers are back after the bulk insert.
    call = log_call(journal, zoe, when=WHEN, notes="After the demo")
    assert journal.search.search("after demo").hits(SearchKind.CONVERSATION)[0].item_id == call


def test_an_upgraded_journal_is_indexed(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_first_revision_journal(path)
    journal = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    try:
        assert [h.item_id for h in journal.search.search("zoe").hits(SearchKind.CONTACT)] == [1]
        assert journal.search.search("budget").hits(SearchKind.LEARNING)[0].item_id == 1
        assert journal.search.search("kick").hits(SearchKind.CONVERSATION)[0].item_id == 1
        assert journal.search.search("accountant").hits(SearchKind.FAVOUR)
        assert journal.search.search("website").hits(SearchKind.PURCHASE)
        assert journal.check() == []
    finally:
        journal.close()


def test_check_finds_an_index_out_of_step_and_rebuild_repairs_it(journal):
    ana = add_contact(journal, "Ana", notes="likes kayaks")
    call = log_call(journal, ana, when=WHEN, notes="Talked about sailing")
    connection = raw(journal)
    with connection:
        # Something that bypasses the triggers (another tool with them switched off).
        connection.execute("DROP TRIGGER search_conversation_au")
        connection.execute("UPDATE conversation SET notes = 'Rowing club' WHERE id = ?", (call,))
        connection.execute("DELETE FROM search_contact WHERE rowid = ?", (ana,))
    connection.close()
    problems = journal.check()
    assert any("missing or incomplete" in p for p in problems), problems
    report = journal.search.rebuild_index()
    assert report.indexed
    assert report.rows["search_conversation"] == 1
    assert report.rows["search_contact"] == 1
    assert journal.check() == []
    assert journal.search.search("sailing").total == 0
    assert journal.search.search("rowing").hits(SearchKind.CONVERSATION)[0].item_id == call
    assert journal.search.search("kayaks").hits(SearchKind.CONTACT)[0].item_id == ana


def test_check_reports_missing_extra_and_stale_rows(journal):
    ana = add_contact(journal, "Ana", notes="likes kayaks")
    call = log_call(journal, ana, when=WHEN, notes="Talked about sailing")
    connection = raw(journal)
    with connection:
        connection.execute(
            "INSERT INTO search_conversation (search_conversation, rowid, notes, they_asked, "
            "next_step) VALUES ('delete', ?, 'Talked about sailing', '', '')",
            (call,),
        )
        connection.execute(
            "UPDATE search_contact SET notes = 'likes canoes' WHERE rowid = ?", (ana,)
        )
        connection.execute(
            "INSERT INTO search_favour (rowid, description, notes) VALUES (999, 'ghost', '')"
        )
    connection.close()
    problems = journal.check()
    assert any("conversations is out of step (1 row missing, 0 extra)" in p for p in problems)
    assert any("favours is out of step (0 rows missing, 1 extra)" in p for p in problems)
    assert any("stale text for 1 contact;" in p for p in problems)
    journal.search.rebuild_index()
    assert journal.check() == []
    assert journal.search.search("sailing").hits(SearchKind.CONVERSATION)[0].item_id == call


@pytest.fixture
def no_fts5(monkeypatch):
    """An SQLite without FTS5, as far as the journal can tell."""
    monkeypatch.setattr(search_schema, "_fts5", [False])


@pytest.mark.real_journal  # migrated while FTS5 is missing, not copied from a template
def test_without_fts5_the_upgrade_succeeds_and_search_still_works(no_fts5, journal):
    with journal.db.read_raw() as connection:
        assert index_state(connection) is IndexState.NO_FTS5
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "search_conversation" not in tables
    assert "search_conversation_source" in tables
    zoe = add_contact(journal, "Zoë", "Ørsted", notes="<b>bold</b> café")
    call = log_call(journal, zoe, when=WHEN, notes="Talked about the bakery", learned="Prices")
    first = journal.search.search("zoe")
    assert first.indexed is False
    assert first.notice == NO_INDEX_NOTICE
    assert [h.item_id for h in first.hits(SearchKind.CONTACT)] == [zoe]
    again = journal.search.search("bak")
    assert again.notice is None  # said once
    assert [h.item_id for h in again.hits(SearchKind.CONVERSATION)] == [call]
    assert journal.search.search("prices").hits(SearchKind.LEARNING)[0].item_id == call
    assert "&lt;b&gt;" in journal.search.search("cafe").hits()[0].snippet.html()
    for text in ('"', "NEAR(", "%", "_", "\\", "a:b", "AND OR", "(("):
        journal.search.search(text)
    assert journal.check() == []


@pytest.mark.real_journal  # migrated while FTS5 is missing, not copied from a template
def test_rebuild_creates_the_index_once_fts5_is_there(no_fts5, journal, monkeypatch):
    zoe = add_contact(journal, "Zoë")
    report = journal.search.rebuild_index()
    assert report.indexed is False
    assert journal.search.search("zoe").indexed is False
    monkeypatch.setattr(search_schema, "_fts5", [True])
    report = journal.search.rebuild_index()
    assert report.indexed is True
    results = journal.search.search("zoe")
    assert results.indexed is True
    assert [h.item_id for h in results.hits(SearchKind.CONTACT)] == [zoe]
    assert journal.check() == []


def test_an_index_this_sqlite_cannot_run_is_reported_and_switched_off(journal, monkeypatch):
    add_contact(journal, "Zoë")
    monkeypatch.setattr(search_schema, "_fts5", [False])
    problems = journal.check()
    assert any("changes would fail" in p for p in problems)
    journal.search.rebuild_index()
    with journal.db.read_raw() as connection:
        triggers = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
        ).fetchone()[0]
    assert triggers == 0
    assert journal.check() == []
    assert journal.search.search("zoe").total == 1


@pytest.mark.real_journal  # migrated while FTS5 is missing, not copied from a template
def test_a_search_no_longer_wanted_stops_and_the_next_one_works(no_fts5, journal):
    generate_demo(journal, contacts=30, conversations_per_contact=5, seed=6)
    with pytest.raises(SearchCancelledError):
        journal.search.search("zzz", should_stop=lambda: True)
    assert journal.search.search("budget", should_stop=lambda: False).total > 0
    assert journal.search.search("budget").total > 0
