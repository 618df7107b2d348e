"""The import window's question "day or month first?", shown only when a CSV's dates could be
read both ways (``core/interchange/readers/date_order.py``).  What the file's other dates or its
language decided is shown preselected, so the user sees it and can change it; when nothing
decided, nothing is preselected and the import cannot go on until the user picks."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from colearn_desktop.core.interchange.formats import Source
from colearn_desktop.core.interchange.values import DateOrder


class DatesChoice(QWidget):
    chosen = Signal(object)  # DateOrder

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.combo = QComboBox(self)
        self.combo.addItem(self.tr("— choose how dates are written —"), "")
        self.combo.addItem(self.tr("Day first: 03/04/1980 is 3 April"), DateOrder.DMY.value)
        self.combo.addItem(self.tr("Month first: 03/04/1980 is 4 March"), DateOrder.MDY.value)
        self.label.setBuddy(self.combo)
        self.combo.currentIndexChanged.connect(self._changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.combo)
        self.hide()

    def show_source(self, source: Source | None) -> None:
        dates = source.dates if source is not None else None
        self.setVisible(bool(dates and dates.ambiguous))
        if dates is None or not dates.ambiguous:
            return
        self.label.setText(
            self.tr("&Dates such as %1 could be day or month first:").replace("%1", dates.ambiguous)
            if dates.must_ask
            else self.tr("&Dates such as %1 are read as:").replace("%1", dates.ambiguous)
        )
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(self.combo.findData(dates.order or ""), 0))

    def _changed(self) -> None:
        value = self.combo.currentData()
        if value:
            self.chosen.emit(DateOrder(value))
