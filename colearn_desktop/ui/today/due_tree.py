"""The list of Today and Upcoming: due items under their group, in three columns (what, why,
when), sized so that each stays readable from a wide window down to a narrow one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTreeView, QWidget

from colearn_desktop.ui.kit.widgets import pick_one_row
from colearn_desktop.ui.today.due_text import WORDS
from colearn_desktop.ui.today.today_model import Column, TodayModel

# "What" is this wide when there is room; the user can drag it.
WHAT_WIDTH = 380


class DueTree(QTreeView):
    """ "When" is as wide as its text, "Why" takes what is left, and "What" takes at most half
    of the room "When" leaves: a fixed 380 px "What" left "Why" a sliver in an 800 px window
    ("last talked 74 …")."""

    def __init__(self, model: TodayModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        pick_one_row(self)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setWordWrap(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.WHY, QHeaderView.ResizeMode.Stretch)
        # "When" is as wide as its longest possible text, worked out once: sizing it to its
        # contents measured rows on every refresh and layout (thousands of data() calls).
        header.setSectionResizeMode(Column.WHEN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.WHEN, self._when_width())
        header.resizeSection(Column.WHAT, WHAT_WIDTH)

    def _when_width(self) -> int:
        longest = (
            WORDS.text("due today"),
            WORDS.count("%n day(s) overdue", 999),
            WORDS.count("in %n day(s)", 999),
            self.model().headerData(Column.WHEN, Qt.Orientation.Horizontal),
        )
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(str(text)) for text in longest) + 24

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        header = self.header()
        room = self.viewport().width() - header.sectionSize(Column.WHEN)
        header.resizeSection(Column.WHAT, max(min(WHAT_WIDTH, room // 2), 0))
