"""Starting the app: checks after a crash, recovery from a damaged journal with the user told
exactly what happened, refusals with the core's message, one instance per journal, automatic
backups on closing and once a day."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from colearn_desktop.core.errors import StorageError
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.recovery import Outcome, SessionMarker
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch.single_instance import SingleInstance
from colearn_desktop.ui.shell.launch.startup import (
    Choice,
    QuickCheck,
    RecoveryDialog,
    StartupDialogs,
    StartupFlow,
)
from tests.faults.damage import garbage_header, overwrite_page_of
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact, sha256

# Start-up, recovery and backups on closing: the storage exactly as the app opens it
# (tests/conftest.py).
pytestmark = pytest.mark.real_journal

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


class Answers:
    """Stands in for the dialogs: records what the user was told, answers as scripted."""

    def __init__(self, choice: Choice = Choice.RESTORE, retries: int = 0):
        self.choice, self.retries = choice, retries
        self.offered: list = []
        self.told: list[tuple[str, str, str]] = []

    def offer_backup(self, startup, journal_path):
        self.offered.append(startup)
        return self.choice

    def inform(self, title, text):
        self.told.append(("inform", title, text))

    def refuse(self, title, text):
        self.told.append(("refuse", title, text))

    def retry_locked(self, text):
        self.told.append(("locked", "", text))
        self.retries -= 1
        return self.retries >= 0


@pytest.fixture
def paths(tmp_path, clock):
    """A data folder with a journal of two contacts, a backup of it, cleanly closed."""
    data = DataPaths(tmp_path / "data")
    data.ensure()
    journal = open_journal(data.journal, backups_dir=data.backups, clock=clock)
    add_contact(journal, "Ana")
    add_contact(journal, "Ben")
    journal.backups.make("on-close")
    journal.close()
    clock.advance(hours=3)
    return data


def test_a_healthy_journal_opens_and_the_session_is_marked_until_a_clean_end(paths, clock):
    answers = Answers()
    flow = StartupFlow(paths, answers, clock)
    journal = flow.run()
    assert journal.stats().contacts == 2
    assert answers.told == []
    assert SessionMarker(paths.journal).left_behind()
    journal.close()
    flow.finish()
    assert not SessionMarker(paths.journal).left_behind()


def test_after_a_crash_the_next_start_runs_the_full_check(paths, clock):
    SessionMarker(paths.journal).begin(clock.now())
    flow = StartupFlow(paths, Answers(), clock)
    journal = flow.run()
    assert flow.startup.checked
    journal.close()


def test_damaged_journal_restored_from_the_newest_backup_and_the_user_told_exactly(paths, clock):
    backup = next(paths.backups.glob("*.sqlite3"))
    overwrite_page_of(paths.journal, "contact")
    damaged = sha256(paths.journal)
    SessionMarker(paths.journal).begin(clock.now())
    answers = Answers(Choice.RESTORE)

    journal = StartupFlow(paths, answers, clock).run()

    offered = answers.offered[0]
    assert offered.outcome is Outcome.DAMAGED
    assert offered.candidate.path == backup
    kept = paths.root / "journal-damaged-20261122-123000.sqlite3"
    assert sha256(kept) == damaged
    assert table_rows(paths.journal) == table_rows(backup)
    assert journal.stats().contacts == 2
    [(kind, title, text)] = answers.told
    assert (kind, title) == ("inform", "Backup restored")
    assert "Sunday, 22 November 2026 09:30" in text
    assert "2 contacts" in text
    assert str(kept) in text
    journal.close()


def test_without_a_backup_an_empty_journal_starts_and_the_damaged_file_is_kept(paths, clock):
    for backup in paths.backups.glob("*.sqlite3"):
        backup.unlink()
    garbage_header(paths.journal)
    damaged = sha256(paths.journal)
    answers = Answers(Choice.EMPTY)
    journal = StartupFlow(paths, answers, clock).run()
    assert answers.offered[0].candidate is None
    assert journal.stats().contacts == 0
    kept = answers.offered[0].damaged_kept
    assert sha256(kept) == damaged
    assert str(kept) in answers.told[0][2]
    journal.close()


def test_quitting_at_the_question_changes_nothing_more(paths, clock):
    garbage_header(paths.journal)
    damaged = sha256(paths.journal)
    answers = Answers(Choice.QUIT)
    assert StartupFlow(paths, answers, clock).run() is None
    assert sha256(answers.offered[0].damaged_kept) == damaged
    assert not paths.journal.exists()


def test_a_newer_journal_is_refused_with_the_cores_message_and_left_unchanged(paths, clock):
    connection = sqlite3.connect(paths.journal)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = sha256(paths.journal)
    answers = Answers()
    assert StartupFlow(paths, answers, clock).run() is None
    [(kind, title, text)] = answers.told
    assert kind == "refuse"
    assert title == "This journal is from a newer CoLearn"
    assert "newer version of CoLearn" in text
    assert "9999_future" in text
    assert sha256(paths.journal) == before
    assert not SessionMarker(paths.journal).left_behind()


def test_another_program_holding_the_journal_is_named_and_retry_works(paths, clock, monkeypatch):
    monkeypatch.setattr("colearn_desktop.core.storage.db.BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(paths.journal, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    answers = Answers(retries=1)
    original = answers.retry_locked

    def release_then_retry(text):
        blocker.rollback()  # the user closed the other program
        return original(text)

    answers.retry_locked = release_then_retry
    journal = StartupFlow(paths, answers, clock).run()
    blocker.close()
    assert "Another program is using the journal" in answers.told[0][2]
    assert journal is not None
    journal.close()


def test_the_recovery_dialog_offers_the_backup_with_its_date_and_counts(paths, clock, qtbot):
    overwrite_page_of(paths.journal, "contact")
    SessionMarker(paths.journal).begin(clock.now())
    answers = Answers(Choice.QUIT)
    StartupFlow(paths, answers, clock).run()
    startup = answers.offered[0]

    dialog = RecoveryDialog(startup, str(paths.journal))
    qtbot.addWidget(dialog)
    text = dialog.text_label.text()
    assert "moved aside and is kept at" in text
    assert str(startup.damaged_kept) in text
    assert "Sunday, 22 November 2026 09:30" in text
    assert "2 contacts, 0 conversations, 0 favours, 0 purchases" in text
    assert dialog.restore_button.isDefault()
    dialog.resize(640, 320)
    dialog.show()
    dialog.grab().save(str(SHOTS / "startup_damaged.png"))
    dialog.restore_button.click()
    assert dialog.choice is Choice.RESTORE


def test_the_recovery_dialog_without_a_backup(paths, clock, qtbot):
    for backup in paths.backups.glob("*.sqlite3"):
        backup.unlink()
    garbage_header(paths.journal)
    answers = Answers(Choice.QUIT)
    StartupFlow(paths, answers, clock).run()
    dialog = RecoveryDialog(answers.offered[0], str(paths.journal))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isVisible()
    assert dialog.empty_button.isDefault()
    assert "no backup that passes its check" in dialog.text_label.text()
    dialog.grab().save(str(SHOTS / "startup_no_backup.png"))
    dialog.empty_button.click()
    assert dialog.choice is Choice.EMPTY


def _answer_next_dialog(qtbot, action):
    """Act on the next modal dialog once it is shown (dialogs block in exec())."""

    def act():
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, act)
            return
        action(widget)

    QTimer.singleShot(0, act)


def test_the_real_dialogs_show_the_refusal_and_the_locked_question(qtbot):
    dialogs = StartupDialogs()
    seen = []

    def read_and_close(box):
        seen.append((box.windowTitle(), box.text(), box.textFormat()))
        box.grab().save(str(SHOTS / f"startup_message_{len(seen)}.png"))
        box.button(QMessageBox.StandardButton.Ok).click()

    _answer_next_dialog(qtbot, read_and_close)
    dialogs.refuse("This journal is from a newer CoLearn", "It was written by a newer version.")
    assert seen == [
        (
            "This journal is from a newer CoLearn",
            "It was written by a newer version.",
            Qt.TextFormat.PlainText,
        )
    ]

    def retry(box):
        box.grab().save(str(SHOTS / "startup_locked.png"))
        box.button(QMessageBox.StandardButton.Retry).click()

    _answer_next_dialog(qtbot, retry)
    assert dialogs.retry_locked("Another program is using the journal.") is True


# -- one instance ---------------------------------------------------------------------------


def test_a_second_instance_brings_the_first_to_the_front(qtbot, tmp_path):
    # (a launch is another process)
    from tests.ui.shell.launch.test_single_instance import second_launch

    first = SingleInstance(tmp_path)
    assert first.listen()
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=30_000):
            assert second_launch(qtbot, tmp_path)
        assert not SingleInstance(tmp_path / "other").forward_to_running()
    finally:
        first.close()
    assert not SingleInstance(tmp_path).forward_to_running()


def test_a_second_launch_as_a_process_activates_the_running_one_and_exits(qtbot, tmp_path):
    running = SingleInstance(tmp_path)
    assert running.listen()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        with qtbot.waitSignal(running.activation_requested, timeout=20_000):
            process = subprocess.Popen(
                [sys.executable, "-m", "colearn_desktop", "--data-dir", str(tmp_path)], env=env
            )
        assert process.wait(timeout=20) == 0
    finally:
        running.close()
    assert not (tmp_path / "journal.sqlite3").exists()  # it never opened the journal


# -- damage found while the app runs -----------------------------------------------------------


def test_the_quick_check_after_start_finds_a_damaged_page(paths, clock, qtbot):
    overwrite_page_of(paths.journal, "import_batch_item")  # nothing reads it at start
    journal = StartupFlow(paths, Answers(), clock).run()  # opens: the damage is not read
    check = QuickCheck(journal)
    with qtbot.waitSignal(check.damaged, timeout=10_000) as caught:
        check.start()
    journal.close()
    assert str(paths.journal) in caught.args[0]
    assert "damaged" in caught.args[0]


def test_damage_found_after_the_first_paint_is_offered_the_way_back_as_at_start(
    paths, qtbot, on_modal
):
    backup = next(paths.backups.glob("*.sqlite3"))
    backups = sorted(paths.backups.glob("*.sqlite3"))
    overwrite_page_of(paths.journal, "import_batch_item")
    damaged = sha256(paths.journal)

    session, _ = start_session(paths, demo=False, demo_contacts=0)
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: session.damage is not None, timeout=10_000)
    assert not session.window.isVisible()
    session.end()  # as run_app does before it starts again
    assert sorted(paths.backups.glob("*.sqlite3")) == backups  # no backup of a damaged file
    assert SessionMarker(paths.journal).left_behind()  # so the next start runs the full check

    offered: list[str] = []

    def restore(dialog):
        offered.append(dialog.text_label.text())
        on_modal(lambda box: box.accept())  # "Backup restored"
        dialog.restore_button.click()

    on_modal(restore)
    again, _ = start_session(paths, demo=False, demo_contacts=0)
    qtbot.addWidget(again.window)
    [kept] = paths.root.glob("journal-damaged-*.sqlite3")
    assert sha256(kept) == damaged
    assert str(kept) in offered[0]
    assert "The newest backup that passes its check is from" in offered[0]
    assert "holds 2 contacts" in offered[0]
    assert table_rows(paths.journal) == table_rows(backup)
    again.end()


def test_a_session_that_ended_takes_no_more_answers_from_its_workers(paths, qtbot):
    """After damage the old window lives on while the next start offers a restore: an answer
    its screens asked for before must not reach them (they would read the moved journal)."""
    from colearn_desktop.ui.kit.background import Background

    session, _ = start_session(paths, demo=False, demo_contacts=0)
    qtbot.addWidget(session.window)
    helper = Background(session.window)
    answers: list[object] = []
    helper.run(lambda: "answer", answers.append)
    assert helper.wait_idle()  # the answer is on its way to the UI thread, queued
    session.end()
    QApplication.processEvents()  # where it would arrive
    assert answers == []
    with pytest.raises(StorageError, match="has been closed"):
        session.journal.contact_list.count()
