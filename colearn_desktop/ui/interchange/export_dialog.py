"""Exporting contacts: which ones (all, the list as filtered now, a tag), in which format,
Excel safety and byte-order mark; then a file dialog, and the export on a worker thread.

:func:`choose_export_file` is how every export of the app (contacts here, the whole journal
from the main window) asks for its file: the file dialog's own overwrite question is turned off
so that the name is first checked by the core's rule (never the journal, a backup, a FIFO ...;
see ``core/interchange/export_target.py``) and only then, for an existing file, the user is
asked once whether to replace it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.interchange.formats import ImportFormat
from colearn_desktop.core.interchange.writers.csv_export import CsvOptions
from colearn_desktop.core.interchange.writers.export_query import ContactSelection
from colearn_desktop.core.interchange.writers.export_target import (
    ExportTargetError,
    check_export_target,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import ContactQuery, Scope
from colearn_desktop.ui.interchange.format_names import import_format_name
from colearn_desktop.ui.kit.background import EXPECTED, Background
from colearn_desktop.ui.kit.file_folders import EXPORT, in_start_folder, remember_folder
from colearn_desktop.ui.kit.plain_text import message_box

_SUFFIX = {"csv": ".csv", "google-csv": ".csv", "outlook-csv": ".csv", "vcard": ".vcf"}

# What the dialog writes, named as the import dialog names them.
EXPORT_FORMATS = (
    ImportFormat.CSV,
    ImportFormat.GOOGLE_CSV,
    ImportFormat.OUTLOOK_CSV,
    ImportFormat.VCARD,
)


def choose_export_file(
    parent: QWidget, journal: Journal, caption: str, suggested: str, filters: str
) -> Path | None:
    """The file to export to, or None: the user cancelled, was told why the file they chose
    cannot be written, or would rather keep the existing file.  A ``suggested`` file name
    without a folder is offered in the folder of the last export (``file_folders``)."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        caption,
        in_start_folder(EXPORT, suggested),
        filters,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    remember_folder(EXPORT, name)
    try:
        target = check_export_target(name, journal.path, journal.backups_dir)
    except ExportTargetError as error:
        tr = parent.tr
        message_box(parent, QMessageBox.Icon.Warning, tr("Choose another file"), str(error)).exec()
        return None
    if target.exists:
        tr = parent.tr
        box = message_box(
            parent,
            QMessageBox.Icon.Question,
            tr("Replace the file?"),
            tr("%1 already exists. Replace it with this export? What it holds now will be lost.")
            .replace("%1", str(target.path)),
        )  # fmt: skip
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
    return target.path


class ExportDialog(QDialog):
    exported = Signal(int)  # how many contacts were written

    def __init__(
        self,
        journal: Journal,
        query: ContactQuery | None,
        parent: QWidget | None = None,
        *,
        excel_safe: bool = True,
        bom: bool = True,
        selected: bool = False,
    ):
        """``selected``: ``query`` is the contacts the user selected in the list (the
        choice then names them so), not the list's filter."""
        super().__init__(parent)
        self._journal = journal
        self._query, self._selected = query, selected
        self._worker = Background(
            self, latest_only=False, what="in an export", expected=(*EXPECTED, ValueError)
        )
        self.written: int | None = None
        self.setWindowTitle(self.tr("Export contacts"))
        self.format_combo = QComboBox(self)
        for fmt in EXPORT_FORMATS:
            self.format_combo.addItem(import_format_name(fmt), fmt.value)
        self.version_combo = QComboBox(self)
        self.version_combo.addItem(self.tr("4.0 (current)"), "4.0")
        self.version_combo.addItem(self.tr("3.0 (older programs)"), "3.0")
        self.all_radio = QRadioButton(self)
        self.list_radio = QRadioButton(self)
        self.tag_radio = QRadioButton(self.tr("Contacts with the &tag"), self)
        self.list_radio.setEnabled(query is not None)
        group = QButtonGroup(self)
        for radio in (self.all_radio, self.list_radio, self.tag_radio):
            group.addButton(radio)
        (self.list_radio if query is not None else self.all_radio).setChecked(True)
        self.tag_combo = QComboBox(self)
        for tag in journal.tags.all():
            self.tag_combo.addItem(tag.name)
        self.tag_radio.setEnabled(self.tag_combo.count() > 0)
        self.archived_check = QCheckBox(self.tr("Include a&rchived contacts"), self)
        self.archived_check.toggled.connect(lambda _on: self._count_choices())
        self._count_choices()
        self.excel_check = QCheckBox(self.tr("&Safe to open in a spreadsheet (recommended)"), self)
        self.excel_check.setChecked(excel_safe)
        self.excel_check.setToolTip(
            self.tr(
                "Cells starting with = + - @ get a leading apostrophe so Excel never runs them."
            )
        )
        self.bom_check = QCheckBox(
            self.tr("Add a &byte-order mark (Excel reads accents right)"), self
        )
        self.bom_check.setChecked(bom)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow(self.tr("vCard &version:"), self.version_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.all_radio, self.list_radio, self.tag_radio, self.tag_combo,
                       self.archived_check, self.excel_check, self.bom_check, self.status,
                       self.progress):  # fmt: skip
            layout.addWidget(widget)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self._choose_file)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _count_choices(self) -> None:
        """Each choice says how many contacts it writes, so picking the filtered list (the
        default when there is one) never exports 12 contacts by surprise."""
        contacts = self._journal.contact_list
        scope = Scope.ALL if self.archived_check.isChecked() else Scope.ACTIVE
        everyone = f"{contacts.count(ContactQuery(scope=scope)):,}"
        self.all_radio.setText(self.tr("&All contacts (%1)").replace("%1", everyone))
        if self._query is not None and self._selected:
            chosen = contacts.count(self._query)
            self.list_radio.setText(self.tr("The %n se&lected contact(s)", "", chosen))
            return
        listed = f"{contacts.count(self._query):,}" if self._query is not None else "—"
        self.list_radio.setText(
            self.tr("The contacts &list as filtered now (%1)").replace("%1", listed)
        )

    def _format_changed(self) -> None:
        is_csv = self.format_combo.currentData() != "vcard"
        self.version_combo.setEnabled(not is_csv)
        self.excel_check.setEnabled(is_csv)
        self.bom_check.setEnabled(is_csv)

    def selection(self) -> ContactSelection:
        if self.list_radio.isChecked() and self._query is not None:
            return ContactSelection(query=self._query)
        tag = self.tag_combo.currentText() if self.tag_radio.isChecked() else None
        return ContactSelection(tag=tag, include_archived=self.archived_check.isChecked())

    def _choose_file(self) -> None:
        suffix = _SUFFIX[self.format_combo.currentData()]
        path = choose_export_file(
            self, self._journal, self.tr("Export contacts to"), f"contacts{suffix}", f"*{suffix}"
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        fmt = self.format_combo.currentData()
        selection = self.selection()
        options = CsvOptions(self.excel_check.isChecked(), self.bom_check.isChecked())
        version = self.version_combo.currentData()
        interchange = self._journal.interchange

        def call(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> int:
            return interchange.export_contacts(
                path, fmt, selection, options, vcard_version=version,
                progress=lambda done: progress(done, 0), cancelled=cancelled,
            )  # fmt: skip

        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        worker = self._worker
        worker.run(
            lambda: call(worker.report, worker.cancelled),
            lambda count: self._done(path, count),
            self._failed,
        )

    def _done(self, path: Path, count: int) -> None:
        self.written = count
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(
            self.tr("Wrote %Ln contact(s) to %1.", "", count).replace("%1", str(path))
        )
        self.exported.emit(count)

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(str(error))

    def reject(self) -> None:
        self._worker.close()  # bounded: a stuck export never freezes the window
        super().reject()
