"""The schema upgrades itself safely: data survives, failures change nothing, and files from
newer versions or other programs are refused untouched."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from colearn_desktop.core.errors import (
    DamagedJournalError,
    JournalTooNewError,
    MigrationError,
    NotAJournalError,
)
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage import migrate, models
from colearn_desktop.core.storage.backups.verified_copy import check_backup
from colearn_desktop.core.storage.db import create_journal_engine
from colearn_desktop.core.storage.migrate import (
    APPLICATION_ID,
    head_revision,
    inspect_file,
    revision_chain,
    upgrade,
)
from tests.helpers import sha256

# Migrations are the real path: each journal here is migrated for its test (tests/conftest.py).
pytestmark = pytest.mark.real_journal

FIRST = revision_chain()[0]


def make_first_revision_journal(path: Path) -> None:
    """A journal as the very first release wrote it, with some history in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_journal_engine(path)
    upgrade(engine, path, target=FIRST)
    engine.dispose()
    stamp = "2025-01-01 09:00:00.000000"
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO contact (id, given_name, family_name, display_name, sort_name, stage, "
            "cadence_days, last_contact_at, created_at, updated_at) "
            "VALUES (1, 'Zoë', 'Ørsted', 'Zoë Ørsted', 'zoe ørsted', 'help', 30, "
            "'2025-03-01 10:00:00.000000', ?, ?)",
            (stamp, stamp),
        )
        connection.execute(
            "INSERT INTO contact_email (contact_id, label, address, address_key, position) "
            "VALUES (1, 'work', 'Zoe@Nordlys.example', 'zoe@nordlys.example', 0)"
        )
        connection.execute(
            "INSERT INTO conversation (id, happened_at, channel, notes, learned, created_at, "
            "updated_at) VALUES (1, '2025-03-01 10:00:00.000000', 'call', 'Kick-off', "
            "'They budget in January', ?, ?)",
            (stamp, stamp),
        )
        connection.execute("INSERT INTO conversation_contact VALUES (1, 1)")
        connection.execute(
            "INSERT INTO favour (contact_id, direction, kind, description, started_on, status, "
            "created_at, updated_at) VALUES (1, 'i_owe', 'intro', 'Intro to my accountant', "
            "'2025-02-01', 'open', ?, ?)",
            (stamp, stamp),
        )
        connection.execute(
            "INSERT INTO purchase (contact_id, purchased_on, what, amount_cents, currency, "
            "created_at, updated_at) VALUES (1, '2025-02-15', 'Website', 240050, 'EUR', ?, ?)",
            (stamp, stamp),
        )
    connection.close()


def test_there_is_one_linear_history_ending_at_head():
    chain = revision_chain()
    assert len(chain) >= 2
    assert chain[-1] == head_revision()


def test_the_written_down_head_is_the_revision_files_head():
    assert revision_chain()[-1] == migrate.HEAD_REVISION


def test_a_current_journal_is_opened_without_reading_the_revision_files(
    journal_path, clock, tmp_path, monkeypatch
):
    open_journal(journal_path, clock=clock).close()
    # (the start of the app: the revision files are read only for an older or unknown journal)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", tmp_path / "no-migrations-here")
    revision_chain.cache_clear()
    try:
        state = inspect_file(journal_path)
        assert state.is_current
        assert state.is_known
        open_journal(journal_path, clock=clock).close()
    finally:
        revision_chain.cache_clear()


def test_the_revisions_read_without_alembic_agree_with_alembic():
    from alembic.script import ScriptDirectory

    from colearn_desktop.core.storage.migrate import _config

    scripts = ScriptDirectory.from_config(_config())
    assert list(revision_chain()) == [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert scripts.get_current_head() == head_revision()


def test_migrations_create_exactly_the_models_schema(journal):
    with journal.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": models.include_in_autogenerate}
        )
        with warnings.catch_warnings():
            # The list cache's expression indexes cannot be reflected; they are left out.
            warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression")
            diff = compare_metadata(context, models.metadata)
    assert diff == []


def test_new_journal_is_a_marked_wal_journal(journal, journal_path):
    connection = sqlite3.connect(journal_path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    with journal.db.read() as session:
        raw = session.connection().connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_the_suites_template_is_exactly_the_journal_a_first_start_makes(
    journal, journal_path, journal_template
):
    """Most tests get a copy of one journal migrated per session (tests/conftest.py): it must
    hold what a journal migrated for its own test holds, byte for byte of its dump."""
    journal.close()

    def described(path: Path) -> tuple[list[str], list[int]]:
        connection = sqlite3.connect(path)
        try:
            pragmas = [
                connection.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("application_id", "user_version", "page_size", "journal_mode")
            ]
            return list(connection.iterdump()), pragmas
        finally:
            connection.close()

    assert described(journal_template) == described(journal_path)


def test_first_revision_journal_upgrades_with_data_intact_and_a_backup(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_first_revision_journal(path)
    journal = open_journal(path, backups_dir=tmp_path / "backups", clock=clock)
    try:
        assert inspect_file(path).revision == head_revision()
        contact = journal.contacts.get(1)
        assert contact.display_name == "Zoë Ørsted"
        assert contact.data.emails[0].value == "Zoe@Nordlys.example"
        assert contact.last_contact_at == datetime(2025, 3, 1, 10)
        assert journal.conversations.for_contact(1)[0].data.learned == "They budget in January"
        assert journal.favours.balance(1).i_owe_open == 1
        assert str(journal.purchases.totals(1)["EUR"]) == "2400.50"
        assert journal.check() == []
    finally:
        journal.close()
    backups = list((tmp_path / "backups").glob("*before-upgrade*"))
    assert len(backups) == 1
    check = check_backup(backups[0])
    assert check.ok
    assert check.revision == FIRST


def test_failed_migration_leaves_the_file_byte_identical_and_keeps_the_backup(tmp_path, clock):
    path = tmp_path / "journal.sqlite3"
    make_first_revision_journal(path)
    before = sha256(path)
    second = revision_chain()[1]

    def fail_at_second_step(revision: str) -> None:
        if revision == second:
            raise RuntimeError("injected failure")

    with pytest.raises(MigrationError) as caught:
        open_journal(
            path,
            backups_dir=tmp_path / "backups",
            clock=clock,
            after_migration_step=fail_at_second_step,
        )
    assert sha256(path) == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert inspect_file(path).revision == FIRST
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    assert str(backups[0]) in str(caught.value)
    assert "unchanged" in str(caught.value)
    # The next attempt (without the fault) succeeds.
    open_journal(path, backups_dir=tmp_path / "backups", clock=clock).close()
    assert inspect_file(path).revision == head_revision()


def test_journal_from_a_newer_version_is_refused_untouched(journal_path, clock):
    open_journal(journal_path, clock=clock).close()
    connection = sqlite3.connect(journal_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = sha256(journal_path)
    with pytest.raises(JournalTooNewError) as caught:
        open_journal(journal_path, clock=clock)
    assert "newer version" in str(caught.value)
    assert "9999_from_the_future" in str(caught.value)
    assert sha256(journal_path) == before
    assert not (journal_path.parent / "backups").exists()


def test_a_text_file_is_not_a_journal(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("Dear diary")
    with pytest.raises(NotAJournalError, match="not an SQLite database"):
        open_journal(path)
    assert path.read_text() == "Dear diary"


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.commit()
    connection.close()
    before = sha256(path)
    with pytest.raises(NotAJournalError, match="another program"):
        open_journal(path)
    assert sha256(path) == before


def test_a_garbled_database_is_reported_as_damaged(tmp_path):
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(DamagedJournalError):
        open_journal(path)
