"""Step 3 of an import: the plan, one line per contact of the file, each decision changeable
(new, merge into someone, skip), with the counts and every problem found with its row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.interchange.plan import ImportPlan
from colearn_desktop.ui.interchange.import_models import PlanModel
from colearn_desktop.ui.kit.table_model import Index
from colearn_desktop.ui.kit.widgets import plain_label


class ActionDelegate(QStyledItemDelegate):
    """A combo box with the decisions a row allows."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, PlanModel)
        planned = model.row_at(index.row())
        combo = QComboBox(parent)
        for action in model.choices(index.row()):
            assert planned is not None
            combo.addItem(model.action_label(action, planned), action.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class PlanStep(QWidget):
    """What the import will do; the counts follow each decision the user changes."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan: ImportPlan | None = None
        self.model = PlanModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PlanModel.ACTION, ActionDelegate(self.view))
        self.view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.model.dataChanged.connect(lambda *_: self.update_counts())
        self.counts_label = plain_label("", self)
        self.problems_view = QPlainTextEdit(self)
        self.problems_view.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 3)
        layout.addWidget(plain_label(self.tr("Problems"), self))
        layout.addWidget(self.problems_view, 1)

    def show_plan(self, plan: ImportPlan) -> None:
        self._plan = plan
        self.model.set_plan(plan.rows, editable=not plan.restore)
        self.view.resizeColumnsToContents()
        lines = [
            str(p) if p.severity == "error" else f"{p} ({self.tr('warning')})"
            for p in plan.problems
        ]
        if plan.omitted_problems:
            lines.append(self.tr("… and %1 more").replace("%1", str(plan.omitted_problems)))
        self.problems_view.setPlainText("\n".join(lines) or self.tr("No problems found."))
        self.update_counts()

    def update_counts(self) -> None:
        if self._plan is None:
            return
        new, merged, skipped = self.model.counts()
        text = self.tr("%1 new, %2 merged, %3 skipped.").replace("%1", str(new)).replace(
            "%2", str(merged)).replace("%3", str(skipped))  # fmt: skip
        if not self._plan.ok:
            text += " " + self.tr(
                "The file has errors (listed below): nothing can be imported until they are fixed."
            )
        self.counts_label.setText(text)
