"""File dialogs open in Documents the first time, then where the user last went for the same
purpose — never in the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from colearn_desktop.ui.interchange.export_dialog import choose_export_file
from colearn_desktop.ui.interchange.import_dialog import ImportDialog


@pytest.fixture
def documents(monkeypatch, tmp_path) -> Path:
    QSettings().remove("folders")  # nothing remembered from another test
    monkeypatch.chdir(tmp_path)  # the working directory a dialog must not open in
    folder = Path.home() / "Documents"
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    QSettings().remove("folders")


def test_import_opens_in_documents_then_in_the_last_folder(
    qtbot, journal, documents, tmp_path, monkeypatch
):
    offered: list[str] = []
    chosen = tmp_path / "downloads" / "google.csv"
    chosen.parent.mkdir()
    chosen.write_text("Name\nAna\n", encoding="utf-8")

    def pick(parent, caption, folder, filters):
        offered.append(folder)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog._choose()
    dialog._choose()
    assert offered == [str(documents), str(chosen.parent)]


def test_export_offers_documents_then_the_last_folder(
    qtbot, journal, documents, tmp_path, monkeypatch
):
    offered: list[str] = []
    target = tmp_path / "out" / "mine.csv"
    target.parent.mkdir()

    def pick(parent, caption, suggested, filters, options):
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert choose_export_file(parent, journal, "Export", "contacts.csv", "*.csv") == target
    target.write_text("x", encoding="utf-8")
    target.unlink()
    assert choose_export_file(parent, journal, "Export", "contacts.csv", "*.csv") == target
    assert offered == [str(documents / "contacts.csv"), str(target.parent / "contacts.csv")]
