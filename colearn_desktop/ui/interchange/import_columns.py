"""Step 2 of an import: for a CSV no known program wrote, the user says which column holds
what (each column with its first value, so the choice is made on real data).

The choices are the contact field list (core/contact_fields.py), so a new field can be
mapped as soon as it is in the list."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QVBoxLayout, QWidget

from colearn_desktop.core.interchange.formats import Source, preview_rows
from colearn_desktop.core.interchange.targets import Field, Target, field_of, mappable_fields
from colearn_desktop.ui.kit.format import column_title
from colearn_desktop.ui.kit.widgets import plain_label


class ColumnsStep(QWidget):
    """One row per column of the file: its name, its first value, and a choice of field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First value"), self.tr("Holds")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "No known program wrote this file. Say which column holds what; "
                    "columns set to 'ignore' are not imported."
                ),
                self,
            )
        )
        layout.addWidget(self.table)

    def choices(self) -> list[tuple[str, str]]:
        """(what a column holds, its name on screen): "ignore", then every field of the
        contact field list (the same list ``colearn import --map`` offers) under the name of
        its column in our CSV."""
        fields = [(name, column_title(field)) for name, field in mappable_fields()]
        return [(Field.IGNORE.value, self.tr("ignore")), *fields]

    def fill(self, source: Source) -> None:
        """Show ``source``'s columns with what they were guessed to hold."""
        first = preview_rows(source, 1)
        sample = first[0] if first else []
        self.table.setRowCount(len(source.header))
        choices = self.choices()
        for row, (name, target) in enumerate(zip(source.header, source.targets, strict=False)):
            self.table.setCellWidget(row, 0, plain_label(name))
            self.table.setCellWidget(row, 1, plain_label(sample[row] if row < len(sample) else ""))
            combo = QComboBox(self.table)
            for value, title in choices:
                combo.addItem(title, value)
            combo.setCurrentIndex(max(combo.findData(str(target.field)), 0))
            self.table.setCellWidget(row, 2, combo)

    def targets(self) -> list[Target]:
        """What each column holds, as the user chose it."""
        targets = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            targets.append(Target(field_of(combo.currentData())))
        return targets
