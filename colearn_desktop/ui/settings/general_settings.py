"""Preferences of this computer (not of the journal): notifications, language, CSV export
defaults, and where the data folder is — with a safe way to move the journal elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.paths import resource_path
from colearn_desktop.ui.kit.widgets import muted, plain_label

# Whether the tray shows the daily digest (read by the tray in ui/shell/tray.py).
NOTIFICATIONS_KEY = "reminders/tray_digest"
LANGUAGE_KEY = "ui/language"
EXCEL_SAFE_KEY = "export/excel_safe"
BOM_KEY = "export/bom"


def available_languages() -> list[str]:
    """Language codes the app has a translation for (English is always there)."""
    codes = {p.stem.removeprefix("colearn_") for p in resource_path("i18n").glob("colearn_*.qm")}
    return sorted(codes | {"en"})


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
    ):
        super().__init__(parent)
        self._settings = settings
        self._choose_folder = choose_folder or (
            lambda parent: QFileDialog.getExistingDirectory(
                parent, parent.tr("Move the journal to")
            )
        )
        self.notifications = QCheckBox(
            self.tr("Show a daily &digest of what is due in the system tray"), self
        )
        self.notifications.setChecked(bool(settings.value(NOTIFICATIONS_KEY, True, type=bool)))
        self.language = QComboBox(self)
        self.language.addItem(
            self.tr("As the system (%1)").replace("%1", QLocale.system().nativeLanguageName()), ""
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
        self.bom = QCheckBox(self.tr("Start CSV exports with a byte-order &mark"), self)
        self.bom.setChecked(bom)
        self.folder = plain_label(str(data_folder), self)
        self.move_button = QPushButton(self.tr("&Move my journal…"), self)
        self.move_button.clicked.connect(self._choose)
        form = QFormLayout()
        form.addRow(self.notifications)
        form.addRow(self.tr("&Language"), self.language)
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

    def apply(self) -> None:
        self._settings.setValue(NOTIFICATIONS_KEY, self.notifications.isChecked())
        self._settings.setValue(LANGUAGE_KEY, self.language.currentData())
        self._settings.setValue(EXCEL_SAFE_KEY, self.excel_safe.isChecked())
        self._settings.setValue(BOM_KEY, self.bom.isChecked())
        self._settings.sync()

    def _choose(self) -> None:
        chosen = self._choose_folder(self)
        if chosen:
            self.move_requested.emit(Path(chosen))
