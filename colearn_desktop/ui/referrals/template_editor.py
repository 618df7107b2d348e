"""Editing referral templates: the list on the left, the template on the right, and every
mistake (unknown placeholder, stray brace) listed live with its line and column; activating a
mistake puts the cursor on it.  Templates are archived, never deleted."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError, StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.referrals import PLACEHOLDERS, TemplateInput, TemplateView, parse
from colearn_desktop.ui.kit.plain_text import Button, ask
from colearn_desktop.ui.kit.widgets import BuddyLabel, ErrorLabel, muted, plain_label
from colearn_desktop.ui.referrals import referral_format as rf

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2
POSITION_ROLE = Qt.ItemDataRole.UserRole + 3


class TemplatesModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[TemplateView] = []

    def set_rows(self, rows: list[TemplateView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_for_id(self, template_id: int | None) -> int | None:
        return next((i for i, t in enumerate(self._rows) if t.id == template_id), None)

    def template_at(self, row: int) -> TemplateView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        template = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if template.archived:
                return rf.fill(self.tr("{name} (archived)"), name=template.name)
            return template.name
        if role == ID_ROLE:
            return template.id
        if role == Qt.ItemDataRole.FontRole and template.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and template.archived:
            return QGuiApplication.palette().color(
                QGuiApplication.palette().ColorRole.PlaceholderText
            )
        return None


class TemplateEditor(QDialog):
    """``TemplateEditor(journal, parent)``; emits ``template_saved(id)`` after each save."""

    template_saved = Signal(int)

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._current: TemplateView | None = None
        self._loading = False
        self._dirty = False
        self.setWindowTitle(self.tr("Referral templates"))
        try:
            journal.referrals.templates.ensure_defaults(QLocale().name())
        except JournalError:
            log.exception("could not add the default referral templates")

        self.model = TemplatesModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.show_archived = QCheckBox(self.tr("Show arc&hived"), self)
        self.new_button = QPushButton(self.tr("&New"), self)
        self.duplicate_button = QPushButton(self.tr("D&uplicate"), self)
        self.archive_button = QPushButton(self.tr("&Archive"), self)

        self.name = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.name_error = ErrorLabel(self)
        self.banner = ErrorLabel(self)
        self.problems = QListWidget(self)
        self.problems.setMaximumHeight(self.fontMetrics().height() * 5)
        self.problems_title = plain_label(self.tr("Mistakes (activate one to go there):"), self)
        self.insert_button = QToolButton(self)
        self.insert_button.setText(self.tr("&Insert placeholder"))
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_button.setMenu(self._placeholder_menu())
        self.help = muted(
            plain_label(
                self.tr(
                    "Placeholders in braces are filled in for each person, e.g. {first_name}. "
                    "Write {{ and }} for a literal brace. Your name, offer and signature come "
                    "from Settings."
                ),
                self,
            )
        )
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("C&lose"), self)

        self._layout()
        self._connect()
        self.reload()
        self.resize(900, 600)

    # -- building -------------------------------------------------------------------------

    def _placeholder_menu(self) -> QMenu:
        menu = QMenu(self)
        for name in PLACEHOLDERS:
            action = menu.addAction(f"{{{name}}} — {rf.placeholder_label(name)}")
            action.triggered.connect(lambda _=False, n=name: self.insert_placeholder(n))
        return menu

    def _layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.show_archived)
        row = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.archive_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        right = QWidget(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget in ((self.tr("Nam&e"), self.name), (self.tr("Su&bject"), self.subject)):
            label = BuddyLabel(text, widget, self)
            field = QWidget(self)
            box = QVBoxLayout(field)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            if widget is self.name:
                box.addWidget(self.name_error)
            form.addRow(label, field)
        message_label = BuddyLabel(self.tr("&Message"), self.body, self)
        tools = QHBoxLayout()
        tools.addWidget(message_label)
        tools.addStretch(1)
        tools.addWidget(self.insert_button)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addLayout(form)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.body, 1)
        right_layout.addWidget(self.problems_title)
        right_layout.addWidget(self.problems)
        right_layout.addWidget(self.help)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 640])
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.archive_button.clicked.connect(self.toggle_archived)
        for edit in (self.name, self.subject):
            edit.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.problems.itemActivated.connect(self._go_to_problem)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    # -- loading --------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        rows = self._journal.referrals.templates.all(
            include_archived=self.show_archived.isChecked()
        )
        self.model.set_rows(rows)
        row = self.model.row_for_id(keep)
        if row is None and rows:
            row = 0
        if row is None:
            self._show(None)
            return
        self.list.setCurrentIndex(self.model.index(row, 0))
        self._show(self.model.template_at(row))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        template = self.model.template_at(current.row())
        if template is None or (self._current and template.id == self._current.id):
            return
        if not self._settle_unsaved():
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(previous)
            self.list.selectionModel().blockSignals(False)
            return
        self._show(template)

    def _show(self, template: TemplateView | None, *, draft: TemplateInput | None = None) -> None:
        self._current = template
        source = draft or (
            TemplateInput(template.name, template.body, template.subject) if template else None
        )
        self._loading = True
        try:
            self.name.setText(source.name if source else "")
            self.subject.setText(source.subject if source else "")
            self.body.setPlainText(source.body if source else "")
        finally:
            self._loading = False
        self._dirty = draft is not None
        self.banner.show_message(None)
        self.name_error.show_message(None)
        self.archive_button.setText(
            self.tr("&Restore") if template and template.archived else self.tr("&Archive")
        )
        self.archive_button.setEnabled(template is not None)
        self.duplicate_button.setEnabled(template is not None)
        for widget in (self.name, self.subject, self.body):
            widget.setEnabled(source is not None)
        self._check()

    # -- editing --------------------------------------------------------------------------

    def edited(self) -> TemplateInput:
        return TemplateInput(self.name.text(), self.body.toPlainText(), self.subject.text())

    def _changed(self) -> None:
        if not self._loading:
            self._dirty = True
        self._check()

    def _check(self) -> None:
        self.problems.clear()
        for field, text, edit in (
            (self.tr("Subject"), self.subject.text(), "subject"),
            (self.tr("Message"), self.body.toPlainText(), "body"),
        ):
            for problem in parse(text).problems:
                item = QListWidgetItem(f"{field}: {rf.problem_text(problem)}", self.problems)
                item.setData(FIELD_ROLE, edit)
                item.setData(POSITION_ROLE, (problem.line, problem.column))
        has_problems = self.problems.count() > 0
        self.problems.setVisible(has_problems)
        self.problems_title.setVisible(has_problems)
        self.save_button.setEnabled(self._dirty and not has_problems)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        line, column = item.data(POSITION_ROLE)
        if item.data(FIELD_ROLE) == "subject":
            self.subject.setFocus()
            self.subject.setCursorPosition(column - 1)
            return
        block = self.body.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=column - 1)
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    def insert_placeholder(self, name: str) -> None:
        self.body.insertPlainText("{" + name + "}")
        self.body.setFocus()

    def new_template(self) -> None:
        if not self._settle_unsaved():
            return
        self.list.setCurrentIndex(QModelIndex())
        draft = TemplateInput(self.tr("New template"), self.tr("Hi {first_name},") + "\n\n")
        self._show(None, draft=draft)
        self.name.setFocus()
        self.name.selectAll()

    def duplicate(self) -> None:
        if self._current is None or not self._settle_unsaved():
            return
        source = self._current
        name = rf.fill(self.tr("{name} (copy)"), name=source.name)
        self._show(None, draft=TemplateInput(name, source.body, source.subject))
        self.name.setFocus()

    def save(self) -> bool:
        data = self.edited()
        templates = self._journal.referrals.templates
        try:
            if self._current is None:
                template_id = templates.create(data)
            else:
                template_id = self._current.id
                templates.update(template_id, data)
        except ValidationError as error:
            self.name_error.show_message(error.for_field("name"))
            others = [p.message for p in error.problems if p.field != "name"]
            self.banner.show_message("\n".join(others) or None)
            return False
        except StorageError as error:
            self.banner.show_message(str(error))
            return False
        self._dirty = False
        self._current = None
        self.reload(template_id)
        self.template_saved.emit(template_id)
        return True

    def toggle_archived(self) -> None:
        if self._current is None:
            return
        templates = self._journal.referrals.templates
        try:
            if self._current.archived:
                templates.restore(self._current.id)
            else:
                templates.archive(self._current.id)
        except StorageError as error:
            self.banner.show_message(str(error))
            return
        self._dirty = False
        self.reload(self._current.id)

    def _settle_unsaved(self) -> bool:
        """True when it is fine to leave the current template (saved, discarded or clean)."""
        if not self._dirty:
            return True
        answer = ask(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this template?"),
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self._dirty = False
            return True
        return False

    def reject(self) -> None:
        if self._settle_unsaved():
            super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._settle_unsaved():
            super().closeEvent(event)
        else:
            event.ignore()
