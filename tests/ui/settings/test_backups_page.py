"""The Backups page: the list with counts, back up now, restore after a confirmation that says
what will be replaced, the folder, what to keep and the second folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from colearn_desktop.core.storage.backups.verified_copy import BackupError
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.settings.backups_model import BackupListModel
from colearn_desktop.ui.settings.backups_page import BackupsPage, restore_confirmation
from tests.faults.snapshots import table_rows
from tests.helpers import add_contact

# Backups: commits wait for the disk as the app's do (tests/conftest.py).
pytestmark = pytest.mark.durable_journal

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


@pytest.fixture
def history(journal, clock):
    """Three backups two days apart, the journal growing by one contact each time."""
    for name, reason in (("Ana", "before-import"), ("Ben", "on-close"), ("Cleo", "daily")):
        add_contact(journal, name)
        journal.backups.make(reason)
        clock.advance(days=2)
    add_contact(journal, "Dev")
    return journal


@pytest.fixture
def page(history, qtbot):
    opened: list = []
    chosen: list[str] = []
    widget = BackupsPage(
        history,
        JournalSignals(history),
        open_url=opened.append,
        choose_folder=lambda parent: chosen.pop() if chosen else "",
    )
    widget.opened, widget.chosen = opened, chosen
    qtbot.addWidget(widget)
    widget.resize(760, 560)
    widget.show()
    return widget


def cell(page, row, column):
    return page.model.index(row, column).data()


def test_the_model_passes_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(BackupListModel(), force_py=True)


def test_the_list_shows_each_backup_newest_first_with_what_it_holds(page):
    assert page.model.rowCount() == 3
    assert [cell(page, r, BackupListModel.REASON) for r in range(3)] == [
        "Daily",
        "On closing",
        "Before an import",
    ]
    assert cell(page, 0, BackupListModel.TAKEN) == "2026-11-26  09:30"
    assert [cell(page, r, BackupListModel.CONTACTS) for r in range(3)] == ["3", "2", "1"]
    assert cell(page, 0, BackupListModel.SIZE).endswith("kB")
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("-daily.sqlite3")
    assert not page.empty_label.isVisible()
    assert page.folder_label.text() == str(page._journal.backups.folder)
    page.grab().save(str(SHOTS / "backups_page.png"))


def test_back_up_now_adds_a_verified_backup(page, qtbot):
    with qtbot.waitSignal(page.backup_finished, timeout=10_000):
        page.backup_button.click()
    assert page.model.rowCount() == 4
    assert cell(page, 0, BackupListModel.REASON) == "Made by you"
    assert cell(page, 0, BackupListModel.CONTACTS) == "4"
    assert page.status.text().startswith("Backed up: journal-20261128-093000-manual.sqlite3")
    assert page.backup_button.isEnabled()


def test_a_failed_backup_says_so_and_keeps_the_list(page, qtbot, monkeypatch):
    def fail(reason, force=False):
        raise BackupError("The backup failed its check: injected")

    monkeypatch.setattr(page._journal.backups, "make", fail)
    with qtbot.waitSignal(page.backup_failed, timeout=10_000):
        page.backup_button.click()
    assert "injected" in page.error.text()
    assert "Your journal and earlier backups are unchanged" in page.error.text()
    assert page.model.rowCount() == 3
    assert page.backup_button.isEnabled()


def _click_in_next_box(button_name: str | None, seen: list):
    def act():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, act)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        if button_name:
            box.findChild(QPushButton, button_name).click()
        else:
            box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, act)


def test_restore_asks_first_showing_both_sides_then_restores_exactly(page, qtbot):
    journal = page._journal
    page.table.selectRow(1)  # "On closing": Ana and Ben
    chosen = page.selected()
    assert page.restore_button.isEnabled()
    seen: list[str] = []
    changes: list = []
    page_signals = JournalSignals(journal)
    page_signals.change.connect(lambda change: changes.append(change.topic))

    _click_in_next_box("restore", seen)
    with qtbot.waitSignal(page.restored, timeout=10_000):
        page.restore_button.click()

    assert "Replace your journal with the backup from Tuesday, 24 November 2026 09:30?" in seen[0]
    assert "Your journal now: 4 contacts, 0 conversations" in seen[0]
    assert "The backup: 2 contacts, 0 conversations" in seen[0]
    assert "backed up first" in seen[0]
    assert table_rows(journal.path) == table_rows(chosen.path)
    assert "journal" in changes
    assert page.status.text().startswith("Restored the backup from Tuesday, 24 November 2026")
    kept = [r for r in range(page.model.rowCount()) if cell(page, r, 1) == "Before a restore"]
    assert len(kept) == 1
    assert cell(page, kept[0], BackupListModel.CONTACTS) == "4"


def test_cancelling_the_restore_changes_nothing(page, qtbot):
    before = table_rows(page._journal.path)
    page.table.selectRow(2)
    seen: list[str] = []
    _click_in_next_box(None, seen)
    page.restore_button.click()
    assert seen
    assert table_rows(page._journal.path) == before
    assert page.model.rowCount() == 3


def test_the_confirmation_renders_readably(page, qtbot):
    page.table.selectRow(0)
    box = restore_confirmation(page, page.selected(), page._journal)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.show()
    box.grab().save(str(SHOTS / "restore_confirmation.png"))


def test_open_folder_opens_the_backups_folder(page):
    page.open_button.click()
    assert [url.toLocalFile() for url in page.opened] == [str(page._journal.backups.folder)]


def test_what_to_keep_is_saved_to_the_journal(page, qtbot):
    page.keep_daily.setValue(10)
    page.keep_monthly.setValue(24)
    qtbot.waitUntil(lambda: page._journal.settings.get().backup_keep_daily == 10)
    settings = page._journal.settings.get()
    assert (settings.backup_keep_weekly, settings.backup_keep_monthly) == (4, 24)
    assert page.keep_daily.minimum() == 1  # the newest backup is always kept


def test_a_second_folder_gets_copies(page, qtbot, tmp_path):
    mirror = tmp_path / "usb"
    mirror.mkdir()
    page.chosen.append(str(mirror))
    page.mirror_button.click()
    assert page.mirror_label.text() == str(mirror)
    assert page.stop_mirror_button.isEnabled()
    with qtbot.waitSignal(page.backup_finished, timeout=10_000) as done:
        page.backup_button.click()
    assert (mirror / done.args[0].path.name).exists()
    page.stop_mirror_button.click()
    assert page._journal.backups.local.mirror_dir is None
    assert "No second folder" in page.mirror_label.text()


def test_an_empty_list_says_so(journal, qtbot):
    widget = BackupsPage(journal, JournalSignals(journal), open_url=lambda url: True)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0
    assert widget.empty_label.isVisible()
    assert not widget.restore_button.isEnabled()


def test_inside_the_settings_dialog_every_mnemonic_is_unambiguous(history, qtbot):
    from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
    from tests.ui.test_mnemonics import mnemonics

    page = BackupsPage(history, JournalSignals(history), open_url=lambda url: True)
    dialog = SettingsDialog(history, None, [(page.tr("&Backups"), page)])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(page)
    keys = mnemonics(dialog)
    assert {key: n for key, n in keys.items() if n > 1} == {}
    assert {"b", "u", "r", "o", "p", "c", "t"} <= set(keys)
    dialog.resize(780, 600)
    dialog.grab().save(str(SHOTS / "settings_backups_tab.png"))
