"""The import dialog's "Choose file…" answers both its mnemonic (Alt+C) and Ctrl+O."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from colearn_desktop.ui.interchange.import_dialog import ImportDialog


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_choose_file_opens_the_file_dialog_from_the_keyboard(
    qtbot, journal, monkeypatch, key, modifier
):
    asked = []

    def choose(*args, **kwargs):
        asked.append(args[1])  # the caption
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, modifier)
    # (A button's shortcut clicks it after a short animation.)
    qtbot.waitUntil(lambda: asked == ["Choose a contacts file"], timeout=1000)
