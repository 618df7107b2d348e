"""The app's exports (contacts, the whole journal) choose their file through the core's rule:
never the journal or a backup, and an existing file only after the user says so."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from tests.helpers import add_contact, sha256

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def dialogs(monkeypatch):
    """The file dialog answers ``chosen[0]``; each message box is recorded (its icon and text)
    and answered with ``answers[0]``."""
    state = {"chosen": "", "answer": No, "boxes": [], "options": []}

    def save_file_name(parent, caption, folder, filters, options=None, **_):
        state["options"].append(options)
        return state["chosen"], ""

    def message_exec(box):
        state["boxes"].append((box.icon(), box.text()))
        return state["answer"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    monkeypatch.setattr(QMessageBox, "exec", message_exec)
    return state


def test_export_dialog_refuses_the_journal_and_asks_before_replacing(
    qtbot, journal, tmp_path, dialogs
):
    add_contact(journal, "Ana", "García")
    before = sha256(journal.path)
    dialog = ExportDialog(journal, None)
    qtbot.addWidget(dialog)
    dialogs["chosen"] = str(journal.path)
    dialog.export_button.click()
    ((icon, text),) = dialogs["boxes"]
    assert icon is QMessageBox.Icon.Warning
    assert text.startswith(f"{journal.path} is your journal itself; an export never replaces it.")
    assert dialogs["options"] == [QFileDialog.Option.DontConfirmOverwrite]
    assert dialog.written is None
    assert sha256(journal.path) == before

    target = tmp_path / "old.csv"
    target.write_text("the export of last year")
    target.chmod(0o644)
    dialogs.update(chosen=str(target), boxes=[], answer=No)
    dialog.export_button.click()
    ((icon, text),) = dialogs["boxes"]
    assert icon is QMessageBox.Icon.Question
    assert (
        text
        == f"{target} already exists. Replace it with this export? What it holds now will be lost."
    )
    assert dialog.written is None
    assert target.read_text() == "the export of last year"

    dialogs.update(boxes=[], answer=Yes)
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_button.click()
    assert "Ana" in target.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_journal_export_refuses_a_backup_and_replaces_a_file_when_told(
    window, journal, tmp_path, dialogs
):
    add_contact(journal, "Ana", "García")
    backup = journal.backups.make("test", force=True).path
    before = sha256(backup)
    dialogs["chosen"] = str(backup)
    window.commands.export_journal()
    ((icon, text),) = dialogs["boxes"]
    assert icon is QMessageBox.Icon.Warning
    assert "the folder CoLearn keeps for its backups" in text
    assert sha256(backup) == before

    target = tmp_path / "all.json"
    target.write_text("{}")
    dialogs.update(chosen=str(target), boxes=[], answer=Yes)
    window.commands.export_journal()
    assert [icon for icon, _ in dialogs["boxes"]] == [QMessageBox.Icon.Question]
    assert "Ana" in target.read_text("utf-8")
    assert str(target) in window.statusBar().currentMessage()


def test_a_brief_pdf_never_replaces_the_journal_and_is_owner_only(qtbot, journal, tmp_path):
    from colearn_desktop.core.interchange.writers.export_target import ExportTargetError
    from colearn_desktop.ui.contacts.page.brief_view import BriefView
    from colearn_desktop.ui.kit.journal_signals import JournalSignals

    signals = JournalSignals(journal)
    view = BriefView(journal, signals)
    qtbot.addWidget(view)
    view.set_contact(add_contact(journal, "Zoë", "Ørsted"))
    before = sha256(journal.path)
    with pytest.raises(ExportTargetError, match="is your journal itself"):
        view.print_to_pdf(journal.path)
    assert sha256(journal.path) == before
    target = tmp_path / "brief.pdf"
    target.write_text("an older brief")
    target.chmod(0o644)
    assert view.print_to_pdf(target) == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    signals.detach()
