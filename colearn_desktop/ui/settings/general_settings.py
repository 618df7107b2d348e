"""Preferences of this computer (not of the journal): notifications, language, CSV export
defaults, and where the data folder is — with a safe way to move the journal elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.desktop.autostart import Autostart, launch_command
from colearn_desktop.desktop.schedule import NotifyLevel
from colearn_desktop.paths import data_dir_to_name, resource_path
from colearn_desktop.ui.kit.file_folders import JOURNAL, remembered, start_folder
from colearn_desktop.ui.kit.plain_text import warn
from colearn_desktop.ui.kit.widgets import muted, plain_label
from colearn_desktop.ui.settings.notify_prefs import (
    DIGEST_AT_KEY,
    digest_time,
    notify_level,
    set_notify_level,
)

LANGUAGE_KEY = "ui/language"
EXCEL_SAFE_KEY = "export/excel_safe"
BOM_KEY = "export/bom"


def available_languages() -> list[str]:
    """Language codes the app has a translation for (English is always there)."""
    codes = {p.stem.removeprefix("colearn_") for p in resource_path("i18n").glob("colearn_*.qm")}
    return sorted(codes | {"en"})


def system_language_name(locale: QLocale | None = None) -> str:
    """The system's language in its own words ("Deutsch").  The C/POSIX locale names no
    language (its native name is empty): CoLearn then speaks English, so that is its name."""
    locale = locale or QLocale.system()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale.languageToString(QLocale.Language.English)
    return locale.nativeLanguageName() or QLocale.languageToString(locale.language())


def export_defaults(settings: QSettings) -> tuple[bool, bool]:
    """(Excel safety, byte-order mark) for CSV exports; both on unless the user said no."""
    return (
        bool(settings.value(EXCEL_SAFE_KEY, True, type=bool)),
        bool(settings.value(BOM_KEY, True, type=bool)),
    )


class GeneralSettingsPage(QWidget):
    move_requested = Signal(Path)

    def __init__(
        self,
        settings: QSettings,
        data_folder: Path,
        parent: QWidget | None = None,
        *,
        choose_folder: Callable[[QWidget], str] | None = None,
        autostart: Autostart | None = None,
    ):
        super().__init__(parent)
        self._settings = settings
        self._choose_folder = choose_folder or (
            lambda parent: remembered(
                JOURNAL,
                QFileDialog.getExistingDirectory(
                    parent, parent.tr("Move the journal to"), str(start_folder(JOURNAL))
                ),
            )
        )
        self.level = QComboBox(self)
        for level, text in (
            (NotifyLevel.OFF, self.tr("Off")),
            (NotifyLevel.DIGEST, self.tr("A daily digest of what is due")),
            (
                NotifyLevel.DIGEST_AND_DUE,
                self.tr("A daily digest, and each dated reminder as it falls due"),
            ),
        ):
            self.level.addItem(text, level.value)
        self.level.setCurrentIndex(self.level.findData(notify_level(settings).value))
        at = digest_time(settings)
        self.digest_at = QTimeEdit(QTime(at.hour, at.minute), self)
        self.digest_at.setDisplayFormat("HH:mm")
        self.level.currentIndexChanged.connect(self._level_changed)
        self._autostart = autostart or Autostart(
            command=launch_command(data_dir=data_dir_to_name(data_folder))
        )
        self.start_at_login = QCheckBox(
            self.tr("Start CoLearn in the &tray when I log in, so reminders reach me"), self
        )
        self.start_at_login.setChecked(self._autostart.status().enabled)
        self.language = QComboBox(self)
        self.language.addItem(
            self.tr("As the system (%1)").replace("%1", system_language_name()), ""
        )
        for code in available_languages():
            self.language.addItem(QLocale(code).nativeLanguageName() or code, code)
        self.language.setCurrentIndex(
            max(self.language.findData(settings.value(LANGUAGE_KEY, "", type=str)), 0)
        )
        excel, bom = export_defaults(settings)
        self.excel_safe = QCheckBox(
            self.tr("Make CSV exports &safe to open in a spreadsheet"), self
        )
        self.excel_safe.setChecked(excel)
        self.bom = QCheckBox(self.tr("Start CSV exports &with a byte-order mark"), self)
        self.bom.setChecked(bom)
        self.folder = plain_label(str(data_folder), self)
        self.move_button = QPushButton(self.tr("&Move my journal…"), self)
        self.move_button.clicked.connect(self._choose)
        form = QFormLayout()
        form.addRow(self.tr("&Reminder notifications"), self.level)
        form.addRow(self.tr("&Digest at"), self.digest_at)
        form.addRow(self.start_at_login)
        form.addRow(self.tr("Lang&uage"), self.language)
        form.addRow(
            muted(plain_label(self.tr("A new language applies when CoLearn starts again."), self))
        )
        form.addRow(self.excel_safe)
        form.addRow(self.bom)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.move_button)
        form.addRow(self.tr("Data folder"), folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self._level_changed()

    def _level_changed(self) -> None:
        self.digest_at.setEnabled(self.level.currentData() != NotifyLevel.OFF.value)

    def apply(self) -> None:
        set_notify_level(self._settings, NotifyLevel(self.level.currentData()))
        self._settings.setValue(DIGEST_AT_KEY, self.digest_at.time().toString("HH:mm"))
        if self.start_at_login.isChecked() != self._autostart.status().enabled:
            try:
                self._autostart.set_enabled(self.start_at_login.isChecked())
            except OSError as error:
                warn(
                    self,
                    self.tr("Start at login"),
                    self.tr(
                        "CoLearn could not change its login entry %1 (%2); your other "
                        "settings were saved. Check that the folder is writable and try again."
                    )
                    .replace("%1", self._autostart.location)
                    .replace("%2", error.strerror or str(error)),
                )
        self._settings.setValue(LANGUAGE_KEY, self.language.currentData())
        self._settings.setValue(EXCEL_SAFE_KEY, self.excel_safe.isChecked())
        self._settings.setValue(BOM_KEY, self.bom.isChecked())
        self._settings.sync()

    def _choose(self) -> None:
        chosen = self._choose_folder(self)
        if chosen:
            self.move_requested.emit(Path(chosen))
