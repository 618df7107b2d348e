"""Settings ▸ Calendar file: choose the live calendar file, see where it is and when it
was last written, stop updating it.

Like the Backups page it acts at once: choosing a file writes it right away (off the UI
thread, through the window's :class:`LiveOutputKeeper`) and from then on after every change.
The choice is kept on this computer only (:mod:`core.storage.local_settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.interchange.live.calendar_file import LIVE_DAYS, NAME
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.file_folders import EXPORT, in_start_folder, remember_folder
from colearn_desktop.ui.kit.widgets import ErrorLabel, muted, plain_label, settings_column
from colearn_desktop.ui.settings.backups_model import moment_text
from colearn_desktop.ui.settings.live_outputs import LiveOutputKeeper

SUGGESTED_NAME = "colearn-reminders.ics"


def _ask_for_file(parent: QWidget) -> str:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("The calendar file to keep up to date"),
        in_start_folder(EXPORT, SUGGESTED_NAME),
        parent.tr("iCalendar (*.ics)"),
    )
    remember_folder(EXPORT, name)
    return name


class CalendarFilePage(QWidget):
    def __init__(
        self,
        keeper: LiveOutputKeeper,
        parent: QWidget | None = None,
        *,
        choose_file: Callable[[QWidget], str] = _ask_for_file,
    ):
        super().__init__(parent)
        self._keeper = keeper
        self._choose_file = choose_file
        self._settings = LocalSettings(keeper.data_folder)
        intro = self.tr(
            "CoLearn can keep a calendar file up to date after every change: what is due "
            "(overdue items on today, and the next %1 days), birthdays and your recurring "
            "reminders. Subscribe to it from your calendar program (Thunderbird, Evolution, "
            "Outlook, khal) and it is never out of date. The choice is kept on this computer."
        ).replace("%1", str(LIVE_DAYS))
        self.intro = muted(plain_label(intro, self))
        self.file_label = plain_label("", self)
        self.written_label = plain_label("", self)
        self.status = plain_label("", self)
        self.error = ErrorLabel(self)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.stop_button = QPushButton(self.tr("S&top updating"), self)

        form = QFormLayout()
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow(self.tr("Last written:"), self.written_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        settings_column(self, self.intro, form, buttons, self.status, self.error)

        self.choose_button.clicked.connect(self.choose)
        self.stop_button.clicked.connect(lambda: self.set_file(None))
        keeper.refreshed.connect(lambda _results: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        path = self._settings.calendar_file
        self.stop_button.setEnabled(path is not None)
        if path is None:
            self.file_label.setText(self.tr("No calendar file is kept."))
            self.written_label.setText("—")
            return
        self.file_label.setText(str(path))
        try:
            written = datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            self.written_label.setText(self.tr("Missing; it is written again after a change."))
        else:
            self.written_label.setText(moment_text(written))
        result = self._keeper.last_results.get(NAME)
        if result is not None:
            # (The core's sentence repeats the path shown above; a long one would be cut.)
            self.status.setText(self.tr("The file is up to date.") if result.ok else "")
            self.error.show_message("" if result.ok else result.message)

    def choose(self) -> None:
        chosen = self._choose_file(self)
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path | None) -> None:
        """Keep ``path`` up to date from now on (written at once), or stop (None)."""
        self.error.show_message("")
        self.status.setText("")
        try:
            if path is not None:
                path = self._keeper.check_target(path)
            self._settings.set_calendar_file(path)
        except (JournalError, OSError) as error:
            self.error.show_message(str(error))
            return
        self.refresh()
        if path is None:
            self.status.setText(
                self.tr("The calendar file is no longer updated; it was left as it is.")
            )
        else:
            self.status.setText(self.tr("Writing the calendar file…"))
            self._keeper.refresh_now()
