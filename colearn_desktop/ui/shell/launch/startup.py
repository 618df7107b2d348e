"""Opening the journal when the app starts, with a dialog for everything that can go wrong.

The decisions are the core's (:mod:`colearn_desktop.core.recovery`); this module asks the user
the one question there is (restore the newest good backup, start an empty journal, or quit) and
tells them exactly what happened: what was restored, from when, and where the damaged file is
kept.  The dialogs are behind :class:`StartupDialogs` so tests can answer them.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.clock import Clock, SystemClock
from colearn_desktop.core.errors import DamagedJournalError, JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.recovery import (
    Outcome,
    SessionMarker,
    Startup,
    integrity_problems,
    open_at_startup,
    restore_candidate,
    start_empty,
)
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.plain_text import message_box
from colearn_desktop.ui.kit.widgets import heading, muted, plain_label

if TYPE_CHECKING:
    from colearn_desktop.core.storage.backups.restore import RestoreOutcome


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


class Choice(enum.Enum):
    RESTORE = "restore"
    EMPTY = "empty"
    QUIT = "quit"


def recovery_texts(startup: Startup, journal_path: str) -> tuple[str, str]:
    """The title and the explanation of the recovery question."""
    # (the backups' words come with the backup catalog: imported only when a backup is offered)
    from colearn_desktop.ui.settings.backups_model import counts_text, moment_text

    candidate = startup.candidate
    if startup.outcome is Outcome.MISSING:
        title = _tr("Your journal is missing")
        text = _tr("There is no journal at %1, but there are backups of it.").replace(
            "%1", journal_path
        )
    else:
        title = _tr("Your journal is damaged")
        text = _tr(
            "CoLearn could not read your journal safely, so it has not been changed or "
            "overwritten. It was moved aside and is kept at:\n%1"
        ).replace("%1", str(startup.damaged_kept))
    if candidate is not None:
        text += "\n\n" + _tr(
            "The newest backup that passes its check is from %1 and holds %2. What you changed "
            "after that time is not in it."
        ).replace("%1", moment_text(candidate.taken_at)).replace(
            "%2", counts_text(candidate.counts)
        )
    else:
        text += "\n\n" + _tr(
            "There is no backup that passes its check. You can start an empty journal; the "
            "damaged file stays where it is, so nothing in it is lost."
        )
    return title, text


class RecoveryDialog(QDialog):
    """Restore the newest good backup / start an empty journal / quit."""

    def __init__(self, startup: Startup, journal_path: str, parent: QWidget | None = None):
        from PySide6.QtWidgets import QStyle  # (its enums are made on import: not every start)

        super().__init__(parent)
        self.choice = Choice.QUIT
        title, text = recovery_texts(startup, journal_path)
        self.setWindowTitle(title)
        icon = plain_label("", self, wrap=False)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = heading(title, self, 1.2)
        self.text_label = plain_label(text, self)
        self.details = None
        if startup.message:
            details = self.tr("Details: %1").replace("%1", startup.message)
            self.details = muted(plain_label(details, self))

        self.restore_button = QPushButton(self.tr("&Restore this backup"), self)
        self.empty_button = QPushButton(self.tr("Start an &empty journal"), self)
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        self.restore_button.setVisible(startup.candidate is not None)
        for button, choice in (
            (self.restore_button, Choice.RESTORE),
            (self.empty_button, Choice.EMPTY),
            (self.quit_button, Choice.QUIT),
        ):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        default = self.restore_button if startup.candidate is not None else self.empty_button
        default.setDefault(True)

        body = QVBoxLayout()
        body.addWidget(self.title_label)
        body.addWidget(self.text_label)
        if self.details is not None:
            body.addSpacing(6)
            body.addWidget(self.details)
        body.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(body, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept() if choice is not Choice.QUIT else self.reject()


class StartupDialogs:
    """The real dialogs (tests pass an object with the same methods)."""

    def __init__(self, parent: QWidget | None = None):
        self._parent = parent

    def offer_backup(self, startup: Startup, journal_path: str) -> Choice:
        dialog = RecoveryDialog(startup, journal_path, self._parent)
        dialog.exec()
        return dialog.choice

    def inform(self, title: str, text: str) -> None:
        message_box(self._parent, QMessageBox.Icon.Information, title, text).exec()

    def refuse(self, title: str, text: str) -> None:
        message_box(self._parent, QMessageBox.Icon.Critical, title, text).exec()

    def retry_locked(self, text: str) -> bool:
        box = message_box(
            self._parent, QMessageBox.Icon.Warning, _tr("The journal is in use"), text
        )
        box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close)
        box.setDefaultButton(QMessageBox.StandardButton.Retry)
        return box.exec() == QMessageBox.StandardButton.Retry


def restored_text(startup: Startup, outcome: RestoreOutcome) -> str:
    from colearn_desktop.ui.settings.backups_model import counts_text, moment_text

    text = _tr("Restored the backup from %1: %2. What you changed after that time is not in it.")
    text = text.replace("%1", moment_text(outcome.taken_at)).replace(
        "%2", counts_text(outcome.counts)
    )
    if startup.damaged_kept is not None:
        text += "\n\n" + _tr("The damaged journal is kept at:\n%1").replace(
            "%1", str(startup.damaged_kept)
        )
    return text


class StartupFlow:
    """``run()`` returns the opened journal, or ``None`` when the app should not start."""

    def __init__(
        self, paths: DataPaths, dialogs: StartupDialogs | None = None, clock: Clock | None = None
    ):
        self.paths = paths
        self.dialogs = dialogs or StartupDialogs()
        self.clock = clock or SystemClock()
        self.marker = SessionMarker(paths.journal)
        self.startup: Startup | None = None

    def run(self) -> Journal | None:
        try:
            self.paths.ensure()
        except OSError as error:
            self.dialogs.refuse(_tr("CoLearn cannot open the journal"), str(error))
            return None
        while True:
            startup = self.startup = open_at_startup(
                self.paths.journal, self.paths.backups, self.clock
            )
            if startup.outcome is not Outcome.LOCKED:
                break
            if not self.dialogs.retry_locked(startup.message):
                return None
        if startup.outcome is Outcome.OPENED:
            return self._opened(startup.journal)
        if startup.outcome is Outcome.TOO_NEW:
            self.dialogs.refuse(_tr("This journal is from a newer CoLearn"), startup.message)
            return None
        if startup.outcome is Outcome.UNUSABLE:
            self.dialogs.refuse(_tr("CoLearn cannot open the journal"), startup.message)
            return None
        return self._recover(startup)

    def _opened(self, journal: Journal | None) -> Journal | None:
        # A journal opened read-only is never written, so a crash cannot harm it (and its
        # folder may not even take the marker).
        if journal is not None and not journal.read_only_reason:
            self.marker.begin(self.clock.now())
        return journal

    def _recover(self, startup: Startup) -> Journal | None:
        choice = self.dialogs.offer_backup(startup, str(self.paths.journal))
        journal_path, backups = self.paths.journal, self.paths.backups
        try:
            if choice is Choice.RESTORE and startup.candidate is not None:
                journal, outcome = restore_candidate(
                    journal_path, backups, startup.candidate.path, self.clock
                )
                self.dialogs.inform(_tr("Backup restored"), restored_text(startup, outcome))
                return self._opened(journal)
            if choice is Choice.EMPTY:
                journal = start_empty(journal_path, backups, self.clock)
                if startup.damaged_kept is not None:
                    self.dialogs.inform(
                        _tr("Empty journal started"),
                        _tr(
                            "CoLearn started an empty journal. The damaged one is kept at:\n%1"
                        ).replace("%1", str(startup.damaged_kept)),
                    )
                return self._opened(journal)
        except (JournalError, OSError) as error:
            self.dialogs.refuse(_tr("CoLearn cannot open the journal"), str(error))
        return None

    def finish(self, *, clean: bool = True) -> None:
        """At the end of the session: a clean end removes the marker; after suspected damage
        it stays, so the next start runs the full check."""
        if clean:
            self.marker.end()


class QuickCheck(QObject):
    """SQLite's ``quick_check`` of the open journal on a worker, started once the window has
    painted (it reads every page: seconds on a big journal, never in the user's way).

    The full check runs at start only after a crash, so bit rot after a clean close would go
    unnoticed until then.  ``damaged`` carries the core's sentence; the app then ends the
    session without a backup, keeping the session marker, and starts again, where the start-up
    flow finds the damage and offers the same way back as always (move aside, newest good
    backup with its date).  A lock or another error is not damage and is left alone."""

    damaged = Signal(str)

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self._journal = journal
        self._worker = Background(self, what="in the quick check at start")

    def start(self) -> None:
        self._worker.run(lambda: integrity_problems(self._journal, full=False), self._done)

    def wait_idle(self) -> bool:
        return self._worker.wait_idle()

    def _done(self, result: object) -> None:
        if isinstance(result, DamagedJournalError):
            self.damaged.emit(str(result))
        elif isinstance(result, list) and result:
            from colearn_desktop.core.integrity import describe_damage

            self.damaged.emit(describe_damage(self._journal.path, result))
