"""Settings ▸ Sync: the folder a sync tool shares, this computer's name, the passphrase (asked
once per device, never stored in the folder), the other devices with when each was last seen,
Sync now, and leaving sync (issue #18).

Like the Backups page it acts at once, through the window's
:class:`~colearn_desktop.ui.shell.sync_keeper.SyncKeeper`; the setup is kept on this computer
only (:mod:`core.sync.setup`), never in the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.widgets import ErrorLabel, muted, plain_label, settings_column
from colearn_desktop.ui.settings.backups_model import moment_text

if TYPE_CHECKING:
    from colearn_desktop.core.sync.exchange import DeviceSeen
    from colearn_desktop.ui.shell.sync_keeper import SyncKeeper


def _ask_for_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(parent, parent.tr("The folder your sync tool shares"))


class SyncPage(QWidget):
    def __init__(
        self,
        keeper: SyncKeeper,
        parent: QWidget | None = None,
        *,
        choose_folder: Callable[[QWidget], str] = _ask_for_folder,
    ):
        super().__init__(parent)
        self._keeper = keeper
        self._choose_folder = choose_folder
        self._settings = LocalSettings(keeper.data_folder)
        intro = self.tr(
            "Keep this journal in step with your other computers through a folder that a "
            "sync tool (Syncthing, Nextcloud, Dropbox, a USB stick …) carries. The journal "
            "itself never goes into that folder: each computer writes its own changes there "
            "and reads the others'. With a passphrase (the same on every computer) nothing in "
            "the folder can be read without it; it is asked once on each computer."
        )
        self.intro = muted(plain_label(intro, self))
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(self.tr("No sync folder is chosen."))
        self.choose_button = QPushButton(self.tr("&Choose folder…"), self)
        self.device_name = QLineEdit(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.setup_button = QPushButton(self.tr("S&tart syncing"), self)
        self.devices = plain_label("", self)
        self.status = plain_label("", self)
        self.error = ErrorLabel(self)
        self.sync_button = QPushButton(self.tr("Sync n&ow"), self)
        self.leave_button = QPushButton(self.tr("L&eave sync"), self)

        form = QFormLayout()
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_button)
        folder_label = QLabel(self.tr("Sync &folder:"), self)
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form.addRow(folder_label, where)
        form.addRow(self.tr("This computer's na&me:"), self.device_name)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("Other computers:"), self.devices)
        buttons = QHBoxLayout()
        for button in (self.setup_button, self.sync_button, self.leave_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        settings_column(self, self.intro, form, buttons, self.status, self.error)

        self.choose_button.clicked.connect(self.choose)
        self.setup_button.clicked.connect(self.set_up)
        self.sync_button.clicked.connect(self.sync_now)
        self.leave_button.clicked.connect(self.leave)
        keeper.exchanged.connect(self._exchanged)
        keeper.failed.connect(self._failed)
        self.refresh()
        self.device_name.setText(self._settings.sync.get("device_name") or "")
        self.folder.setText(self._settings.sync.get("folder") or "")
        if not self.device_name.text():
            from colearn_desktop.core.sync.setup import default_device_name

            self.device_name.setText(default_device_name())

    def refresh(self) -> None:
        setup = self._settings.sync
        on = bool(setup.get("folder"))
        self.sync_button.setEnabled(on and not self._keeper.running)
        self.leave_button.setEnabled(on)
        self.setup_button.setText(self.tr("Sa&ve changes") if on else self.tr("S&tart syncing"))
        self.passphrase.setPlaceholderText(
            self.tr("Kept on this computer; type it only to choose another folder.")
            if setup.get("key")
            else self.tr("Optional: the same on every computer.")
        )
        self.devices.setText(self._devices_text() if on else "—")

    def _devices_text(self) -> str:
        from colearn_desktop.core.sync.setup import SyncSetupError, devices

        try:
            _folder, _setup, seen = devices(self._keeper.data_folder)
        except SyncSetupError as error:
            self.error.show_message(str(error))
            return "—"
        others = [device for device in seen if not device.this and not device.retired_for]
        if not others:
            return self.tr("None yet: set them up with the same folder.")
        return "\n".join(self._device_line(device) for device in others)

    def _device_line(self, device: DeviceSeen) -> str:
        name = device.name or device.device
        try:
            seen = datetime.fromisoformat(device.last_seen).astimezone().replace(tzinfo=None)
        except ValueError:
            return self.tr("%1: not seen yet").replace("%1", name)
        return self.tr("%1: last seen %2").replace("%1", name).replace("%2", moment_text(seen))

    def choose(self) -> None:
        chosen = self._choose_folder(self)
        if chosen:
            self.folder.setText(chosen)

    def set_up(self) -> None:
        """Use the folder, name and passphrase given; the first exchange starts at once."""
        from colearn_desktop.core.sync.setup import SyncSetupError, set_up

        self.error.show_message("")
        self.status.setText("")
        if not self.folder.text().strip():
            self.error.show_message(
                self.tr("Choose the folder your sync tool shares first; nothing was set up.")
            )
            return
        try:
            _folder, said = set_up(
                self._keeper.data_folder,
                Path(self.folder.text().strip()),
                self.device_name.text(),
                self.passphrase.text() or None,
            )
        except SyncSetupError as error:
            self.error.show_message(str(error))
            return
        self.passphrase.clear()  # kept as the folder's key on this computer, not as typed
        self.status.setText(said)
        self._keeper.settings_changed()
        self.refresh()

    def sync_now(self) -> None:
        self.error.show_message("")
        self.status.setText(self.tr("Exchanging with the other computers…"))
        self.sync_button.setEnabled(False)
        self._keeper.exchange_now()

    def _exchanged(self, _report: object) -> None:
        if not self._keeper.last_problem:
            self.status.setText(self._keeper.status_text())
        self.refresh()

    def _failed(self, sentence: str) -> None:
        self.status.setText("")
        self.error.show_message(sentence)
        self.refresh()

    def leave(self) -> None:
        from colearn_desktop.core.sync.setup import leave

        leave(self._keeper.data_folder)
        self._keeper.settings_changed()
        self.error.show_message("")
        self.status.setText(
            self.tr(
                "This computer no longer syncs. The journal and the files already in the "
                "sync folder were left as they are; set sync up again with the same folder "
                "to continue, and what changed meanwhile goes out then."
            )
        )
        self.refresh()
