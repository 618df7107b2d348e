from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from colearn_desktop.ui.shell.launch.welcome import AboutMe, FirstRunChoice, WelcomeDialog


def test_welcome_collects_about_me_and_the_choice(qtbot, tmp_path):
    where = tmp_path / "CoLearn" / "journal.sqlite3"
    dialog = WelcomeDialog(where)
    qtbot.addWidget(dialog)
    assert any(str(where) in label.text() for label in dialog.findChildren(QLabel))
    dialog.name.setText("Zoë Ørsted")
    dialog.offer.setText("calm websites for small shops")
    dialog.signature.setPlainText("Zoë\nzoe@example.com")
    dialog.demo_button.click()
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted
    assert dialog.choice is FirstRunChoice.DEMO
    assert dialog.about_me == AboutMe(
        "Zoë Ørsted", "Zoë\nzoe@example.com", "calm websites for small shops"
    )


def test_each_button_makes_its_choice(qtbot):
    for button, choice in (
        ("empty_button", FirstRunChoice.EMPTY),
        ("import_button", FirstRunChoice.IMPORT),
    ):
        dialog = WelcomeDialog(Path("/tmp/x/journal.sqlite3"))
        qtbot.addWidget(dialog)
        getattr(dialog, button).click()
        assert dialog.choice is choice
