"""Every label of New contact has its own Alt+letter, and pressing it puts the cursor in that
label's field (#14: Stage, E-mail and Phone did nothing; the typed text landed in Notes)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor

MNEMONIC = re.compile(r"&([^&\s])")


def test_each_label_alt_letter_lands_in_its_field(qtbot, journal):
    editor = ContactEditor(journal)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    labels = [w for w in editor.findChildren(QLabel) if w.buddy() is not None]
    buttons = [w for w in editor.findChildren(QAbstractButton) if w.isVisible()]
    keys = [m.group(1).lower() for w in (*labels, *buttons) if (m := MNEMONIC.search(w.text()))]
    assert len(keys) == len(set(keys)), f"the same Alt+letter twice: {sorted(keys)}"
    texts = {label.text() for label in labels}
    for needed in ("&E-mail", "&Phone", "S&tage"):
        assert needed in texts
    for label in labels:
        match = MNEMONIC.search(label.text())
        assert match, f"{label.text()!r} has no Alt+letter"
        letter = match.group(1).upper()
        qtbot.keyClick(
            QApplication.focusWidget(),
            getattr(Qt.Key, f"Key_{letter}"),
            Qt.KeyboardModifier.AltModifier,
        )
        focus = QApplication.focusWidget()
        buddy = label.buddy()
        assert focus is buddy or buddy.isAncestorOf(focus), (
            f"Alt+{letter} ({label.text()!r}) put the cursor in {type(focus).__name__}, "
            f"not in {type(buddy).__name__}"
        )
