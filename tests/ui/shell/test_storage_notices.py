"""The main window says, above every screen and in plain text, when saving is off and why,
and when the journal is in a synced folder or has conflict copies beside it."""

from __future__ import annotations

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.drafts import DraftStore
from colearn_desktop.ui.shell.main_window import MainWindow
from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.faults.read_only import fail_writable_opens
from tests.helpers import add_contact

CONFLICT = "journal.sync-conflict-20261121-183000-ABCDEF1.sqlite3"


@pytest.fixture
def read_only_journal(journal_path, clock, monkeypatch):
    journal = open_journal(journal_path, clock=clock)
    ana = add_contact(journal, "Ana")
    journal.close()
    fail_writable_opens(monkeypatch, journal_path)  # as a full or failing disk does
    journal = open_journal(journal_path, clock=clock)
    yield journal, ana
    journal.close()


def _window(qtbot, journal, tmp_path, ui_settings) -> MainWindow:
    window = MainWindow(journal, DraftStore(tmp_path / "drafts", journal.path), ui_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_saving_off_is_said_above_every_screen_and_by_every_save(
    qtbot, read_only_journal, tmp_path, ui_settings
):
    journal, ana = read_only_journal
    window = _window(qtbot, journal, tmp_path, ui_settings)
    [notice] = window.notices
    assert notice.isVisible()
    assert notice.label.text() == journal.read_only_reason
    assert notice.label.text().startswith("Saving is off: CoLearn opened the journal read-only")
    assert notice.dismiss_button is None  # it stays while saving is off
    window.show_screen("contacts")
    assert notice.isVisible()

    dialog = QuickLogDialog(journal, window.drafts, window, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("what we said")
    dialog.save()
    assert dialog.banner.text() == journal.read_only_reason  # the same sentence
    assert dialog.notes.toPlainText() == "what we said"
    assert journal.stats().conversations == 0


def test_conflict_copies_beside_the_journal_are_named_until_dismissed(
    qtbot, journal, tmp_path, ui_settings
):
    (journal.path.parent / CONFLICT).write_bytes(b"")
    window = _window(qtbot, journal, tmp_path, ui_settings)
    [notice] = window.notices
    assert CONFLICT in notice.label.text()
    assert "Do not delete a copy before you have looked at it" in notice.label.text()
    assert notice.isVisible()
    notice.dismiss_button.click()
    assert not notice.isVisible()


def test_a_writable_journal_in_a_plain_folder_has_no_notice(qtbot, journal, tmp_path, ui_settings):
    window = _window(qtbot, journal, tmp_path, ui_settings)
    assert window.notices == []
    assert window.centralWidget() is window.main_splitter


def test_the_app_starts_on_a_journal_it_cannot_write_and_leaves_no_file(
    tmp_path, clock, monkeypatch
):
    from colearn_desktop.paths import DataPaths
    from colearn_desktop.ui.shell.launch.startup import StartupFlow

    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    journal = open_journal(paths.journal, backups_dir=paths.backups, clock=clock)
    add_contact(journal, "Ana")
    journal.close()
    files = sorted(paths.root.rglob("*"))
    fail_writable_opens(monkeypatch, paths.journal)

    class Silent:  # the dialogs: nothing should need asking or refusing
        def __getattr__(self, name):
            raise AssertionError(f"the start-up asked {name}")

    flow = StartupFlow(paths, Silent(), clock)
    journal = flow.run()
    try:
        assert journal.read_only_reason.startswith("Saving is off")
        assert journal.stats().contacts == 1
        # Nothing is written into the data folder, not even the session marker (a read-only
        # folder would refuse it).
        assert sorted(paths.root.rglob("*")) == files
    finally:
        journal.close()
        flow.finish()
