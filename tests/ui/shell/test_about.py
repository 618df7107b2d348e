"""About: version, where the data lives, and the licences of everything shipped."""

from __future__ import annotations

import re
from importlib import metadata

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from colearn_desktop import __version__
from colearn_desktop.ui.shell.about_dialog import AboutDialog, third_party


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements() -> set[str]:
    names = set()
    for requirement in metadata.distribution("colearn-desktop").requires or []:
        if "extra ==" not in requirement:
            names.add(_key(re.split(r"[ <>=!~\[(;]", requirement.strip(), maxsplit=1)[0]))
    return names


def test_every_runtime_dependency_is_listed_with_a_licence():
    listed = {_key(entry["name"]): entry for entry in third_party()}
    missing = runtime_requirements() - set(listed)
    assert missing == set(), "run: python packaging/collect_licences.py"
    assert all(entry["licence"] for entry in listed.values())
    assert listed["qt"]["licence"] == "LGPL-3.0-only"


def test_about_shows_version_data_folder_and_qt_notice(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "journal.sqlite3")
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"CoLearn {__version__}" in labels
    assert any(str(tmp_path / "journal.sqlite3") in text for text in labels)
    texts = [viewer.toPlainText() for viewer in dialog.findChildren(QPlainTextEdit)]
    qt_text = next(t for t in texts if "Qt toolkit" in t)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt_text
    assert any("MIT License" in t for t in texts)
    assert dialog.libraries.rowCount() == len(third_party())
