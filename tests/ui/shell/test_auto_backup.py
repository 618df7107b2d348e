"""Backups the app makes by itself: on closing after changes (the whole start and end of a
session), daily while it runs, and a backup that fails its check reported as possible damage."""

from __future__ import annotations

import pytest

from colearn_desktop.core.recovery import SessionMarker
from colearn_desktop.core.storage.backups import verified_copy as backup_module
from colearn_desktop.core.storage.backups.verified_copy import BackupCheck
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.auto_backup import AutoBackup
from tests.helpers import add_contact
from tests.ui.shell.launch.test_startup import paths

__all__ = ["paths"]  # the fixture, used by name below

# The storage exactly as the app opens it (tests/conftest.py).
pytestmark = pytest.mark.real_journal


def test_a_session_backs_up_on_closing_after_changes_and_ends_cleanly(paths, qtbot):
    before = {p.name for p in paths.backups.glob("*.sqlite3")}
    session, code = start_session(paths, demo=False, demo_contacts=0)
    assert code == 0
    qtbot.addWidget(session.window)
    assert session.window.isVisible()
    assert SessionMarker(paths.journal).left_behind()
    add_contact(session.journal, "Cleo")
    session.end()
    made = {p.name for p in paths.backups.glob("*.sqlite3")} - before
    assert len(made) == 1
    assert "on-close" in made.pop()
    assert not SessionMarker(paths.journal).left_behind()


def test_a_session_without_changes_makes_no_backup(paths, qtbot):
    before = sorted(paths.backups.glob("*.sqlite3"))
    session, _ = start_session(paths, demo=False, demo_contacts=0)
    qtbot.addWidget(session.window)
    session.end()
    assert sorted(paths.backups.glob("*.sqlite3")) == before


def test_automatic_backups_daily_and_on_close_only_after_changes(journal, clock, qtbot):
    auto = AutoBackup(journal, interval_ms=3_600_000, first_check_ms=3_600_000)
    assert auto.on_close() is None or not auto.on_close().made  # nothing to back up
    add_contact(journal)
    with qtbot.waitSignal(auto.backed_up, timeout=10_000) as caught:
        auto.check_daily()
    assert caught.args[0].made
    add_contact(journal, "Ben")
    auto.check_daily()
    assert not auto.busy  # not due yet: less than a day since the last one
    clock.advance(days=1)
    with qtbot.waitSignal(auto.backed_up, timeout=10_000):
        auto.check_daily()
    add_contact(journal, "Cleo")
    assert auto.on_close().made
    assert [b.reason for b in journal.backups.list()] == ["on-close", "daily", "daily"]


def test_a_backup_failing_its_check_is_reported_and_suspects_damage(journal, qtbot, monkeypatch):
    add_contact(journal)
    monkeypatch.setattr(
        backup_module,
        "check_backup",
        lambda path, full=False: BackupCheck(path, ok=False, revision=None, problem="bad page"),
    )
    auto = AutoBackup(journal, interval_ms=3_600_000, first_check_ms=3_600_000)
    with qtbot.waitSignal(auto.failed, timeout=10_000) as caught:
        auto.check_daily()
    assert "bad page" in caught.args[0]
    assert "Your journal itself was not changed" in caught.args[0]
    assert auto.damage_suspected
