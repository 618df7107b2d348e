"""First run: say hello, ask the three things referral messages need, show where the journal
will live, and let the user start empty, try the demo journal, or bring their contacts in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.ui.kit.widgets import heading, muted, plain_label


class FirstRunChoice(StrEnum):
    EMPTY = "empty"
    DEMO = "demo"
    IMPORT = "import"


@dataclass(frozen=True)
class AboutMe:
    name: str
    signature: str
    offer: str


class WelcomeDialog(QDialog):
    """``choice`` and ``about_me`` are set when the dialog is accepted."""

    def __init__(self, journal_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to CoLearn"))
        self.choice: FirstRunChoice | None = None
        self.wants_start_at_login = False
        self.about_me = AboutMe("", "", "")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Welcome to CoLearn"), self, 1.6))
        layout.addWidget(
            plain_label(
                self.tr(
                    "A journal of the people your work comes from: what you talked about, what you "
                    "learned from them, the favours between you, and when to be in touch again. It "
                    "stays on this computer and never goes online."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Zoë Ørsted"))
        self.offer = QLineEdit(self)
        self.offer.setPlaceholderText(self.tr("e.g. calm, accessible websites for small shops"))
        self.signature = QPlainTextEdit(self)
        self.signature.setTabChangesFocus(True)
        self.signature.setPlaceholderText(self.tr("e.g. Zoë — zoe@example.com"))
        self.signature.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(self.tr("Your &name"), self.name)
        form.addRow(self.tr("What you &offer, in a line"), self.offer)
        form.addRow(self.tr("Your &signature"), self.signature)
        layout.addLayout(form)
        layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "These fill in your referral messages; "
                        "you can change them later in Settings."
                    ),
                    self,
                )
            )
        )
        self.start_at_login = QCheckBox(
            self.tr("Start CoLearn in the tray when I &log in, so reminders reach me"), self
        )
        layout.addWidget(self.start_at_login)
        where = plain_label(
            self.tr("Your journal will be kept in %1").replace("%1", str(journal_path)), self
        )
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        buttons = QHBoxLayout()
        self.empty_button = QPushButton(self.tr("&Start with an empty journal"), self)
        self.demo_button = QPushButton(self.tr("&Try the demo journal"), self)
        self.import_button = QPushButton(self.tr("&Import my contacts…"), self)
        self.empty_button.setDefault(True)
        for button, choice in (
            (self.empty_button, FirstRunChoice.EMPTY),
            (self.demo_button, FirstRunChoice.DEMO),
            (self.import_button, FirstRunChoice.IMPORT),
        ):
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            buttons.addWidget(button)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(600, 420)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape does nothing here: it would quit the app before anything was chosen (the
        window's close button still does, on purpose)."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def choose(self, choice: FirstRunChoice) -> None:
        self.choice = choice
        self.wants_start_at_login = self.start_at_login.isChecked()
        self.about_me = AboutMe(
            self.name.text().strip(),
            self.signature.toPlainText().strip(),
            self.offer.text().strip(),
        )
        self.accept()


def apply_start_at_login(first_run: WelcomeDialog | None, say: Callable[[str], None]) -> None:
    """Add the login entry when the Welcome asked for it (opt-in, unchecked at first); when
    it cannot be written, ``say`` why (the app starts anyway)."""
    if first_run is None or not first_run.wants_start_at_login:
        return
    from colearn_desktop.desktop.autostart import Autostart

    autostart = Autostart()
    try:
        autostart.enable()
    except OSError as error:
        say(
            first_run.tr(
                "CoLearn could not add its login entry %1 (%2); your journal is fine. "
                "Turn it on later in Settings."
            )
            .replace("%1", autostart.location)
            .replace("%2", error.strerror or str(error))
        )
