"""The Backups page of the settings dialog: the list, back up now, restore, open the folder,
what to keep and the optional second folder.

Everything here acts at once (like the command line): a backup or a restore is not something to
"save" later.  Restoring asks first, showing what the journal holds now and what the backup
holds, and backs the journal up before replacing it, so a restore can itself be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.events import Topic
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.backups.catalog import BackupInfo, BackupOutcome
from colearn_desktop.core.storage.backups.policy import MAX_DAILY, MAX_MONTHLY, MAX_WEEKLY
from colearn_desktop.core.storage.backups.restore import RestoreOutcome
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.ui.kit.file_folders import BACKUP, remembered, start_folder
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import RefreshPolicy
from colearn_desktop.ui.kit.widgets import ErrorLabel, heading, muted, plain_label
from colearn_desktop.ui.settings.backup_work import backup_worker
from colearn_desktop.ui.settings.backups_model import (
    BackupListModel,
    counts_text,
    moment_text,
    size_text,
)


def restore_confirmation(parent: QWidget, info: BackupInfo, journal: Journal) -> QMessageBox:
    """The question asked before a restore: what will be replaced, by what."""
    tr = parent.tr
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(tr("Restore a backup"))
    box.setText(
        tr("Replace your journal with the backup from %1?").replace(
            "%1", moment_text(info.taken_at)
        )
    )
    box.setInformativeText(
        tr(
            "Your journal now: %1.\nThe backup: %2.\n\nWhat you changed after the backup was "
            "taken will be replaced. Your journal as it is now is backed up first, so you can "
            "go back to it."
        )
        .replace("%1", counts_text(journal.backups.current_counts()))
        .replace("%2", counts_text(info.counts))
    )
    # Wide enough that the two lines of counts can be compared at a glance.
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 30em; }")
    restore = box.addButton(tr("&Restore"), QMessageBox.ButtonRole.DestructiveRole)
    restore.setObjectName("restore")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


class BackupsPage(QWidget):
    backup_finished = Signal(object)  # BackupOutcome
    backup_failed = Signal(str)
    restored = Signal(object)  # RestoreOutcome

    def __init__(
        self,
        journal: Journal,
        signals: JournalSignals,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        choose_folder: Callable[[QWidget], str] | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._worker = backup_worker(self)
        self._open_url = open_url
        self._choose_folder = choose_folder or (
            lambda parent: remembered(
                BACKUP,
                QFileDialog.getExistingDirectory(
                    parent,
                    parent.tr("A second folder for copies of your backups"),
                    str(start_folder(BACKUP)),
                ),
            )
        )
        self.model = BackupListModel(self)  # newest first, as the core lists them

        self.intro = muted(
            plain_label(
                self.tr(
                    "CoLearn backs up your journal when you close it after changes, once a day "
                    "while it runs, and before upgrades, imports, bulk deletes and restores. "
                    "Each backup is checked before it is kept."
                ),
                self,
            )
        )
        self.folder_label = plain_label(str(journal.backups.folder), self, wrap=True)
        self.open_button = QPushButton(self.tr("&Open folder"), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupListModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.empty_label = muted(plain_label(self.tr("No backups yet."), self))

        self.backup_button = QPushButton(self.tr("Back &up now"), self)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setEnabled(False)
        self.status = plain_label("", self)
        self.error = ErrorLabel(self)

        settings = journal.settings.get()
        self.keep_daily = self._spin(settings.backup_keep_daily, 1, MAX_DAILY)
        self.keep_weekly = self._spin(settings.backup_keep_weekly, 0, MAX_WEEKLY)
        self.keep_monthly = self._spin(settings.backup_keep_monthly, 0, MAX_MONTHLY)
        self._save_retention = QTimer(self)
        self._save_retention.setSingleShot(True)
        self._save_retention.setInterval(400)
        self._save_retention.timeout.connect(self.save_retention)
        self.mirror_label = plain_label("", self)
        self.mirror_button = QPushButton(self.tr("&Choose…"), self)
        self.stop_mirror_button = QPushButton(self.tr("S&top copying"), self)

        self._layout()
        self.open_button.clicked.connect(self.open_folder)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.mirror_button.clicked.connect(self.choose_mirror)
        self.stop_mirror_button.clicked.connect(lambda: self.set_mirror(None))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.restore_selected)
        # A restore changes the whole journal; settings hold the backup folder and policy.
        self.refresh_policy = RefreshPolicy(
            self, signals, {Topic.JOURNAL, Topic.SETTINGS}, self.refresh
        )
        self.refresh()

    def _spin(self, value: int, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.valueChanged.connect(lambda _value: self._save_retention.start())
        return spin

    def _layout(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Folder:"), self))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_button)

        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.status, 1)

        keep = QGridLayout()
        keep_label = QLabel(self.tr("Kee&p the newest backup of the last"), self)
        keep_label.setBuddy(self.keep_daily)
        keep.addWidget(keep_label, 0, 0, 1, 7)
        for column, (spin, unit) in enumerate(
            (
                (self.keep_daily, self.tr("days,")),
                (self.keep_weekly, self.tr("weeks and")),
                (self.keep_monthly, self.tr("months")),
            )
        ):
            keep.addWidget(spin, 1, column * 2)
            keep.addWidget(QLabel(unit, self), 1, column * 2 + 1)
        keep.setColumnStretch(6, 1)
        keep.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "Every backup from the last two days is kept too. "
                        "Changes on this page apply at once."
                    ),
                    self,
                )
            ),
            2,
            0,
            1,
            7,
        )

        mirror_title = QLabel(self.tr("Also copy each backup to:"), self)
        mirror_row = QHBoxLayout()
        mirror_row.addWidget(self.mirror_label, 1)
        mirror_row.addWidget(self.mirror_button)
        mirror_row.addWidget(self.stop_mirror_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backups"), self, 1.2))
        layout.addWidget(self.intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addLayout(keep)
        layout.addSpacing(8)
        layout.addWidget(mirror_title)
        layout.addLayout(mirror_row)

    # -- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_rows(self._journal.backups.list())
        self.empty_label.setVisible(self.model.rowCount() == 0)
        mirror = self._journal.backups.local.mirror_dir
        self.mirror_label.setText(
            str(mirror) if mirror else self.tr("No second folder: backups stay beside the journal.")
        )
        self.stop_mirror_button.setEnabled(mirror is not None)
        self._selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()  # automatic backups may have been made meanwhile
        super().showEvent(event)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

    def _selection_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None and not self._busy())

    def _busy(self) -> bool:
        return not self.backup_button.isEnabled()

    # -- actions --------------------------------------------------------------------------

    def open_folder(self) -> None:
        folder = self._journal.backups.folder
        make_private_dirs(folder)
        self._open_url(QUrl.fromLocalFile(str(folder)))

    def back_up_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.error.show_message(None)
        self.status.setText(self.tr("Backing up…"))
        self._worker.run(
            lambda: self._journal.backups.make("manual", force=True),
            self._backed_up,
            self._backup_failed,
        )

    def _backed_up(self, outcome: BackupOutcome) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()
        path = outcome.path
        assert path is not None  # a forced backup is always made
        self.status.setText(
            self.tr("Backed up: %1 (%2).")
            .replace("%1", path.name)
            .replace("%2", size_text(path.stat().st_size))
        )
        self.error.show_message("\n".join(outcome.problems) or None)
        self.backup_finished.emit(outcome)

    def _backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self._selection_changed()
        self.status.setText("")
        message = self.tr("The backup failed: %1 Your journal and earlier backups are unchanged.")
        self.error.show_message(message.replace("%1", str(error)))
        self.backup_failed.emit(str(error))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or self._busy():
            return
        box = restore_confirmation(self, info, self._journal)
        box.exec()
        if box.clickedButton() is not box.findChild(QPushButton, "restore"):
            return
        self.restore(info)

    def restore(self, info: BackupInfo) -> RestoreOutcome | None:
        self.error.show_message(None)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = self._journal.backups.restore(info.path)
        except JournalError as error:
            self.error.show_message(
                self.tr("The backup was not restored: %1").replace("%1", str(error))
            )
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()
        self.status.setText(
            self.tr("Restored the backup from %1. Your journal as it was is in %2.")
            .replace("%1", moment_text(outcome.taken_at))
            .replace("%2", outcome.previous_backup.name if outcome.previous_backup else "—")
        )
        self.restored.emit(outcome)
        return outcome

    def save_retention(self) -> None:
        self._save_retention.stop()
        try:
            self._journal.settings.update(
                backup_keep_daily=self.keep_daily.value(),
                backup_keep_weekly=self.keep_weekly.value(),
                backup_keep_monthly=self.keep_monthly.value(),
            )
        except JournalError as error:
            self.error.show_message(str(error))

    def choose_mirror(self) -> None:
        chosen = self._choose_folder(self)
        if chosen:
            self.set_mirror(Path(chosen))

    def set_mirror(self, folder: Path | None) -> None:
        try:
            self._journal.backups.set_mirror_dir(folder)
        except OSError as error:
            self.error.show_message(str(error))
            return
        self.refresh()
        if folder is not None:
            self.status.setText(
                self.tr("From now on each backup is also copied to %1.").replace("%1", str(folder))
            )
