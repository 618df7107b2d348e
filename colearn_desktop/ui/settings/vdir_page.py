"""Settings ▸ Phone (vdir): keep a vdir (one card per contact, one event per reminder) that
the user's vdirsyncer syncs with a server and a phone up to date after every change.

Like the Calendar file page it acts at once: "Keep it up to date" reads the phone's edits
back and writes both folders right away (off the UI thread, through the window's
:class:`LiveOutputKeeper`), and from then on after every change; once kept, a new folder or
another choice of contacts is applied at once too.  The choice is kept on this computer only
(:mod:`core.storage.local_settings`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.interchange.live.vdir_output import NAME
from colearn_desktop.core.interchange.vdir.state import state_file
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.file_folders import EXPORT, remembered, start_folder
from colearn_desktop.ui.kit.widgets import ErrorLabel, muted, plain_label
from colearn_desktop.ui.settings.backups_model import moment_text
from colearn_desktop.ui.settings.live_outputs import LiveOutputKeeper

ChooseFolder = Callable[[QWidget, str], str]


def _ask_for_folder(parent: QWidget, title: str) -> str:
    return remembered(
        EXPORT, QFileDialog.getExistingDirectory(parent, title, str(start_folder(EXPORT)))
    )


class VdirPage(QWidget):
    def __init__(
        self,
        journal: Journal,
        keeper: LiveOutputKeeper,
        parent: QWidget | None = None,
        *,
        choose_folder: ChooseFolder = _ask_for_folder,
    ):
        super().__init__(parent)
        self._journal = journal
        self._keeper = keeper
        self._choose_folder = choose_folder
        self._settings = LocalSettings(keeper.data_folder)
        kept = self._settings.vdir_folders
        self._contacts: Path | None = kept[0] if kept else None
        self._calendar: Path | None = kept[1] if kept else None
        intro = self.tr(
            "CoLearn can keep a vdir up to date after every change: one card per contact in "
            "one folder, one event per reminder and birthday in another. Sync both with your "
            "phone through vdirsyncer. Cards edited on the phone are read back first, as one "
            "step you can undo; a card deleted there deletes nobody. The choice is kept on "
            "this computer."
        )
        self.intro = muted(plain_label(intro, self))
        self.contacts_label = plain_label("", self)
        self.calendar_label = plain_label("", self)
        self.contacts_button = QPushButton(self.tr("Choose c&ontacts folder…"), self)
        self.calendar_button = QPushButton(self.tr("Choose calendar fol&der…"), self)
        self.which = QComboBox(self)
        self.written_label = plain_label("", self)
        self.came_back = plain_label("", self)
        self.status = plain_label("", self)
        self.error = ErrorLabel(self)
        self.keep_button = QPushButton(self.tr("Keep it &up to date"), self)
        self.stop_button = QPushButton(self.tr("S&top keeping it"), self)
        self._fill_which()

        self._lay_out()

        self.contacts_button.clicked.connect(lambda: self._choose(contacts=True))
        self.calendar_button.clicked.connect(lambda: self._choose(contacts=False))
        self.which.activated.connect(lambda _index: self._changed())
        self.keep_button.clicked.connect(self.keep)
        self.stop_button.clicked.connect(self.stop)
        keeper.refreshed.connect(lambda _results: self.refresh())
        self.refresh()

    def _lay_out(self) -> None:
        which_label = QLabel(self.tr("&Which contacts:"), self)
        which_label.setBuddy(self.which)
        form = QFormLayout()
        # (Each path on a row of its own: a long one wraps instead of being cut.)
        form.addRow(self.tr("Contacts folder:"), self.contacts_label)
        form.addRow(self.tr("Calendar folder:"), self.calendar_label)
        form.addRow(which_label, self.which)
        form.addRow(self.tr("Last written:"), self.written_label)
        form.addRow(self.tr("Came back last time:"), self.came_back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(_row(self.contacts_button, self.calendar_button))
        layout.addLayout(form)
        layout.addLayout(_row(self.keep_button, self.stop_button))
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _fill_which(self) -> None:
        """Every contact, or one of the journal's tags (the kept one even when it is gone:
        the refresh then says so)."""
        self.which.addItem(self.tr("Every contact that is not archived"), None)
        names = [tag.name for tag in self._journal.tags.all()]
        kept = self._settings.vdir_tag
        if kept and kept not in names:
            names.append(kept)
        for name in names:
            self.which.addItem(self.tr("The contacts tagged %1").replace("%1", name), name)
        self.which.setCurrentIndex(max(0, self.which.findData(kept)) if kept else 0)

    @property
    def kept(self) -> bool:
        return self._settings.vdir_folders is not None

    def refresh(self) -> None:
        """Show the folders, when the vdir was last written and what came back."""
        none = self.tr("No folder chosen.")
        self.contacts_label.setText(str(self._contacts) if self._contacts else none)
        self.calendar_label.setText(str(self._calendar) if self._calendar else none)
        self.keep_button.setEnabled(not self.kept and bool(self._contacts and self._calendar))
        self.stop_button.setEnabled(self.kept)
        folders = self._settings.vdir_folders
        self.written_label.setText(self._written(folders[0]) if folders else "—")
        result = self._keeper.last_results.get(NAME)
        if folders is None or result is None:
            self.came_back.setText("—")
            return
        self.came_back.setText(result.message if result.ok else "—")
        self.status.setText(self.tr("The vdir is up to date.") if result.ok else "")
        self.error.show_message("" if result.ok else result.message)

    def _written(self, contacts_dir: Path) -> str:
        # Each pass saves what it wrote beside this computer's settings: its time is the
        # last pass, even when no file needed writing.
        try:
            moment = state_file(self._journal.path, contacts_dir).stat().st_mtime
        except OSError:
            return self.tr("Not yet; it is written after the next change.")
        return moment_text(datetime.fromtimestamp(moment))

    def _choose(self, *, contacts: bool) -> None:
        title = (
            self.tr("The folder for the contacts' cards")
            if contacts
            else self.tr("The folder for the reminders' events")
        )
        chosen = self._choose_folder(self, title)
        if not chosen:
            return
        if contacts:
            self._contacts = Path(chosen)
        else:
            self._calendar = Path(chosen)
        self._changed()

    def _changed(self) -> None:
        """A folder or the choice of contacts changed: applied at once when kept."""
        if self.kept:
            self.keep()
        else:
            self.refresh()

    def keep(self) -> None:
        """Keep the chosen folders up to date from now on (written at once)."""
        from colearn_desktop.core.interchange.vdir.write import check_folders

        self.error.show_message("")
        self.status.setText("")
        if self._contacts is None or self._calendar is None:
            return
        try:
            check_folders(self._contacts, self._calendar)
        except JournalError as error:
            self.error.show_message(str(error))
            return
        self._settings.set_vdir_tag(self.which.currentData())
        self._settings.set_vdir_folders((self._contacts, self._calendar))
        self.refresh()
        self.status.setText(self.tr("Reading the phone's edits and writing the vdir…"))
        self._keeper.refresh_now()

    def stop(self) -> None:
        self._settings.set_vdir_folders(None)
        self.error.show_message("")
        self.refresh()
        self.status.setText(
            self.tr("The vdir is no longer kept up to date; both folders were left as they are.")
        )


def _row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, on the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
