"""Importing contacts, step by step: file -> (columns) -> decisions -> import -> report.

1. Choose a file: the detected format and encoding and the first rows, decoded, are shown so
   the user can see the file is read right (and force another format); see import_preview.
2. For a CSV no known program wrote, say which column holds what (import_columns).
3. The plan: every row as new, merge into someone, or skip, each changeable; every problem
   with its row number (import_plan).  Reading runs on a worker thread with progress and cancel.
4. Import: one transaction after a backup, on a worker thread, cancellable; then the report.
Past imports are listed on the first page, each with an undo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.interchange.apply import ImportReport
from colearn_desktop.core.interchange.encoding import CHOICES as ENCODINGS
from colearn_desktop.core.interchange.formats import (
    NAMING_FIELDS,
    ImportFormat,
    Source,
)
from colearn_desktop.core.interchange.plan import ImportPlan
from colearn_desktop.core.interchange.values import DateOrder
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.interchange.format_names import import_format_name
from colearn_desktop.ui.interchange.import_columns import ColumnsStep
from colearn_desktop.ui.interchange.import_dates import DatesChoice
from colearn_desktop.ui.interchange.import_models import BatchesModel
from colearn_desktop.ui.interchange.import_plan import PlanStep
from colearn_desktop.ui.interchange.import_preview import FilePreview
from colearn_desktop.ui.kit.background import EXPECTED, Background, TaskCall
from colearn_desktop.ui.kit.file_folders import IMPORT, remember_folder, start_folder
from colearn_desktop.ui.kit.plain_text import inform
from colearn_desktop.ui.kit.user_action import attempt

FILE, COLUMNS, PLAN, RUN, REPORT = range(5)


def _label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ImportDialog(QDialog):
    # Emitted when the worker has read the whole file (the plan) and when an import is done.
    planned = Signal(object)  # ImportPlan
    imported = Signal(object)  # ImportReport

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._source: Source | None = None
        self._plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        # Reading and importing run in order; ValueError is how a file's content is refused.
        self._worker = Background(
            self, latest_only=False, what="in an import", expected=(*EXPECTED, ValueError)
        )
        self._worker.progress.connect(self._on_progress)
        self.setWindowTitle(self.tr("Import contacts"))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._file_page())
        self.columns_step = ColumnsStep(self)
        self.columns_table = self.columns_step.table
        self.pages.addWidget(self.columns_step)
        self.plan_step = PlanStep(self)
        self.plan_model = self.plan_step.model
        self.counts_label = self.plan_step.counts_label
        self.problems_view = self.plan_step.problems_view
        self.pages.addWidget(self.plan_step)
        self.pages.addWidget(self._run_page())
        self.pages.addWidget(self._report_page())
        # A wizard's order on every desktop: Back left of Next (the default), then Close.
        self.back_button = QPushButton(self.tr("&Back"), self)
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self._refresh_batches()
        self._show(FILE)

    # -- pages ------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        choose = QPushButton(self.tr("&Choose file…"), page)
        choose.clicked.connect(self._choose)
        # Beside the mnemonic, which setShortcut() on the button would replace.
        QShortcut(QKeySequence.StandardKey.Open, page, choose.animateClick)
        self.format_combo = QComboBox(page)
        for fmt in ImportFormat:
            self.format_combo.addItem(import_format_name(fmt), fmt.value)
        self.format_combo.currentIndexChanged.connect(lambda *_: self._inspect())
        # The encoding the file is read in: detected, or the user's pick when names read wrong.
        self.encoding_combo = QComboBox(page)
        self.encoding_combo.addItem(self.tr("detect"), "")
        for codec, title in ENCODINGS.items():
            self.encoding_combo.addItem(QCoreApplication.translate("EncodingNames", title), codec)
        self.encoding_combo.currentIndexChanged.connect(lambda *_: self._inspect())
        self.file_label = _label(self.tr("No file chosen yet."), page)
        self.detected_label = _label("", page)
        # Never squeezed by the preview: a failure message here must be read whole.
        self.detected_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.preview = FilePreview(self._journal, page)
        self.dates_choice = DatesChoice(page)
        self.dates_choice.chosen.connect(self._choose_dates)
        self.batches_model = BatchesModel(self)
        self.batches_view = QTableView(page)
        self.batches_view.setModel(self.batches_model)
        self.batches_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.batches_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton(self.tr("&Undo selected import…"), page)
        self.undo_button.clicked.connect(self._undo_selected)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(_label(self.tr("Format:"), page))
        row.addWidget(self.format_combo)
        row.addWidget(_label(self.tr("Encoding:"), page))
        row.addWidget(self.encoding_combo)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.file_label)
        layout.addWidget(self.detected_label)
        layout.addWidget(self.dates_choice)
        layout.addWidget(self.preview, 4)
        layout.addWidget(_label(self.tr("Past imports"), page))
        layout.addWidget(self.batches_view, 1)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _run_page(self) -> QWidget:
        page = QWidget(self)
        self.run_label = _label("", page)
        self.progress = QProgressBar(page)
        self.cancel_button = QPushButton(self.tr("C&ancel"), page)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.run_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget(self)
        self.report_label = _label("", page)
        self.report_problems = QPlainTextEdit(page)
        self.report_problems.setReadOnly(True)
        self.undo_report_button = QPushButton(self.tr("&Undo this import"), page)
        self.undo_report_button.clicked.connect(self._undo_report)
        layout = QVBoxLayout(page)
        layout.addWidget(self.report_label)
        layout.addWidget(self.report_problems, 1)
        layout.addWidget(self.undo_report_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # -- navigation -------------------------------------------------------------------------

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        running = page == RUN
        self.back_button.setEnabled(page in (COLUMNS, PLAN))
        self.next_button.setVisible(page in (FILE, COLUMNS, PLAN))
        self.next_button.setText(self.tr("&Import") if page == PLAN else self.tr("&Next"))
        self.next_button.setEnabled(self._can_go_on(page))
        self.close_button.setEnabled(not running)

    def _can_go_on(self, page: int) -> bool:
        if page == FILE:  # and, when dates could be read both ways, the user said how
            return self._source is not None and not self._source.dates.must_ask
        if page == PLAN:
            return self._plan is not None and self._plan.ok and bool(self._plan.rows)
        return page == COLUMNS

    def _back(self) -> None:
        self._show(FILE)

    def _next(self) -> None:
        page = self.pages.currentIndex()
        if page == FILE and self._source is not None:
            if self._source.needs_mapping:
                self.columns_step.fill(self._source)
                self._show(COLUMNS)
            else:
                self._read_plan()
        elif page == COLUMNS and self._source is not None:
            targets = self.columns_step.targets()
            if not any(t.field in NAMING_FIELDS for t in targets):
                inform(
                    self,
                    self.tr("Columns"),
                    self.tr("Choose at least one column with a name, e-mail or phone."),
                )
                return
            self._source = self._source.with_targets(targets)
            self._read_plan()
        elif page == PLAN:
            self._apply()

    # -- step 1: the file -------------------------------------------------------------------

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a contacts file"),
            str(start_folder(IMPORT)),
            self.tr("Contacts (*.csv *.vcf *.vcard *.json *.txt);;All files (*)"),
        )
        if name:
            remember_folder(IMPORT, name)
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self._path = path
        self.file_label.setText(str(path))
        # Another file: its own encoding is detected again.
        self.encoding_combo.blockSignals(True)
        self.encoding_combo.setCurrentIndex(0)
        self.encoding_combo.blockSignals(False)
        self._inspect()

    def _inspect(self) -> None:
        path = getattr(self, "_path", None)
        if path is None:
            return
        fmt = ImportFormat(self.format_combo.currentData())
        encoding = self.encoding_combo.currentData() or None
        self._source = None
        try:
            source = self._journal.interchange.inspect(
                path, fmt, allow_unmapped=True, encoding=encoding
            )
        except JournalError as error:
            self.detected_label.setText(str(error))
            self.preview.clear()
            self._show(FILE)
            return
        self._source = source
        read = self.tr("%1, %2.").replace("%1", source.title).replace("%2", source.encoding.label)
        if source.encoding.warning:
            check = self.tr(
                "The encoding is a guess: if names look wrong below, pick another encoding."
            )
        else:
            check = self.tr("Check below that names and accents read right.")
        self.detected_label.setText(f"{read} {check}")
        self.preview.show_source(source)
        self.dates_choice.show_source(source)
        self._show(FILE)

    def _choose_dates(self, order: DateOrder) -> None:
        if self._source is not None:
            self._source = self._source.with_date_order(order)
            self._show(self.pages.currentIndex())

    # -- steps 3 and 4: reading and importing on a worker --------------------------------------

    def _run(self, title: str, call: TaskCall, done: Callable[[Any], None]) -> None:
        self.run_label.setText(title)
        self.progress.setRange(0, 0)
        self._show(RUN)
        worker = self._worker
        worker.run(lambda: call(worker.report, worker.cancelled), done, self._on_failed)

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))

    def _on_failed(self, error: Exception) -> None:
        self.dates_choice.show_source(self._source)  # columns chosen since may hold dates
        self._show(FILE)
        self.detected_label.setText(str(error))

    def _cancel(self) -> None:
        self._worker.cancel()

    def _read_plan(self) -> None:
        source = self._source
        assert source is not None
        self._run(
            self.tr("Reading %1…").replace("%1", source.path.name),
            lambda progress, cancelled: self._journal.interchange.plan(source, progress, cancelled),
            self._on_plan,
        )

    def _on_plan(self, plan: ImportPlan) -> None:
        self._plan = plan
        self.plan_step.show_plan(plan)
        self._show(PLAN)
        self.planned.emit(plan)

    def _apply(self) -> None:
        plan = self._plan
        assert plan is not None
        decisions = self.plan_model.decisions()
        self._run(
            self.tr("Importing %1…").replace("%1", plan.source.path.name),
            lambda progress, cancelled: self._journal.interchange.apply(
                plan, decisions, progress, cancelled
            ),
            self._on_report,
        )

    def _on_report(self, report: ImportReport) -> None:
        self.report = report
        if report.up_to_date:
            summary = self.tr(
                "Nothing to import: every row of %1 is skipped (already in your journal, or "
                "chosen so). Nothing was changed and no backup was made."
            ).replace("%1", report.file)
        else:
            summary = (
                self.tr("Imported %1: %2 new, %3 merged, %4 skipped.")
                .replace("%1", report.file).replace("%2", str(report.new))
                .replace("%3", str(report.merged)).replace("%4", str(report.skipped))
            )  # fmt: skip
        self.report_label.setText(summary)
        self.report_problems.setPlainText("\n".join(str(p) for p in report.problems))
        self.undo_report_button.setEnabled(report.batch_id is not None)
        self._refresh_batches()
        self._show(REPORT)
        self.imported.emit(report)

    # -- undo -----------------------------------------------------------------------------------

    def _refresh_batches(self) -> None:
        self.batches_model.set_rows(self._journal.interchange.batches())

    def _undo(self, batch_id: int) -> bool:
        interchange = self._journal.interchange
        if not attempt(self, self.tr("Undo import"), lambda: interchange.undo(batch_id)):
            return False
        self._refresh_batches()
        return True

    def _undo_selected(self) -> None:
        rows = self.batches_view.selectionModel().selectedRows()
        batch = self.batches_model.row_at(rows[0].row()) if rows else None
        if batch is None or batch.undone:
            return
        self._undo(batch.id)

    def _undo_report(self) -> None:
        if (
            self.report is not None
            and self.report.batch_id is not None
            and self._undo(self.report.batch_id)
        ):
            self.undo_report_button.setEnabled(False)
            self.report_label.setText(self.tr("The import was undone."))

    def reject(self) -> None:
        self._worker.close()  # bounded: a stuck read never freezes the window
        super().reject()
