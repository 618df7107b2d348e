"""Small bar charts drawn with QPainter (PySide6-Essentials ships no QtCharts).

Colours come from the widget's palette (bars in the highlight colour, text in the window
text colour, guides in a mid tone), so a chart reads in light and dark themes alike.  The
numbers are also given as the accessible description, for screen readers.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 8


def bucket_labels(keys: list[str]) -> list[str]:
    """The conversations chart's labels: months "2026-03" → "Mar", quarters "2026-Q3" →
    "Q3", years as they are; the first bar and each January (first quarter) also say the
    year ("Jan 26", "Q1 26"), so the reader always knows which year a bar is in."""
    labels = []
    for index, key in enumerate(keys):
        year, _, part = key.partition("-")
        if not part:
            labels.append(year)
            continue
        if part.startswith("Q"):
            number = int(part[1:])
            name = QCoreApplication.translate("InsightsPage", "Q%1").replace("%1", str(number))
        else:
            number = int(part)
            name = QLocale().monthName(number, QLocale.FormatType.ShortFormat)
        labels.append(f"{name} {int(year) % 100:02d}" if number == 1 or index == 0 else name)
    return labels


class BarChart(QWidget):
    """Bars for (label, value) pairs: vertical columns (``horizontal=False``, for a time
    series) or horizontal bars with their labels on the left (for categories)."""

    def __init__(self, title: str, *, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self._horizontal = horizontal
        self._items: list[tuple[str, int]] = []
        self._empty_text = ""
        self._cycle = 0
        self._anchor = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)

    @property
    def items(self) -> list[tuple[str, int]]:
        return list(self._items)

    @property
    def title(self) -> str:
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def label_step(self) -> int:
        """Columns: every n-th label is drawn (counted back from the newest), so labels never
        overlap however many columns there are."""
        if self._horizontal or not self._items:
            return 1
        slot = max(self.width() - 2 * MARGIN, 1) / len(self._items)
        widest = max(self.fontMetrics().horizontalAdvance(label) for label, _ in self._items)
        step = max(1, math.ceil((widest + 8) / slot))
        if self._cycle and step > 1:
            # A divisor of the year (every 2nd, 3rd, 4th, 6th month) or whole years.
            fits = [d for d in range(step, self._cycle + 1) if self._cycle % d == 0]
            step = fits[0] if fits else math.ceil(step / self._cycle) * self._cycle
        return step

    def label_shown(self, index: int, step: int | None = None) -> bool:
        return (index - self._anchor) % (step or self.label_step()) == 0

    def set_data(
        self,
        items: list[tuple[str, int]],
        empty_text: str = "",
        *,
        cycle: int = 0,
        anchor: int | None = None,
    ) -> None:
        """``cycle``: columns per year (12 for months, 4 for quarters), ``anchor``: a column
        whose label must be drawn (the last January); when not every label fits, the ones
        drawn are then the same months of each year, starting from the anchor."""
        self._items = list(items)
        self._empty_text = empty_text
        self._cycle = cycle
        self._anchor = len(self._items) - 1 if anchor is None else anchor
        self.setAccessibleName(self._title)
        self.setAccessibleDescription(", ".join(f"{label}: {value}" for label, value in items))
        self.update()

    def sizeHint(self) -> QSize:
        if self._horizontal:
            return QSize(360, 48 + max(len(self._items), 3) * (self.fontMetrics().height() + 8))
        return QSize(420, 220)

    # -- painting -------------------------------------------------------------------------

    def colours(self) -> tuple[QColor, QColor, QColor]:
        palette = self.palette()
        bar = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        guide = QColor(text)
        guide.setAlpha(60)
        return bar, text, guide

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar, text, guide = self.colours()
        metrics = self.fontMetrics()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self._title)
        painter.setFont(self.font())
        area.setTop(area.top() + metrics.height() + 6)
        top = max((value for _, value in self._items), default=0)
        if top <= 0:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        if self._horizontal:
            self._paint_rows(painter, area, top, bar, text)
        else:
            self._paint_columns(painter, area, top, bar, text, guide)
        painter.end()

    def _paint_rows(
        self, painter: QPainter, area: QRectF, top: int, bar: QColor, text: QColor
    ) -> None:
        metrics = self.fontMetrics()
        label_width = min(
            max(metrics.horizontalAdvance(label) for label, _ in self._items) + 12,
            area.width() * 0.4,
        )
        value_width = metrics.horizontalAdvance(f"{top:,}") + 8
        row = min(area.height() / len(self._items), metrics.height() * 2.0)
        span = max(area.width() - label_width - value_width, 10)
        for index, (label, value) in enumerate(self._items):
            y = area.top() + index * row
            painter.setPen(text)
            label_rect = QRectF(area.left(), y, label_width - 6, row)
            elided = metrics.elidedText(
                label, Qt.TextElideMode.ElideRight, int(label_rect.width()) + 1
            )
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided
            )
            length = span * value / top
            bar_rect = QRectF(area.left() + label_width, y + row * 0.2, max(length, 1), row * 0.6)
            painter.fillRect(bar_rect, bar)
            painter.drawText(
                QRectF(bar_rect.right() + 4, y, value_width, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{value:,}",
            )

    def _paint_columns(
        self, painter: QPainter, area: QRectF, top: int, bar: QColor, text: QColor, guide: QColor
    ) -> None:
        metrics = self.fontMetrics()
        label_height = metrics.height() + 4
        value_height = metrics.height() + 2
        plot = area.adjusted(0, value_height, 0, -label_height)
        painter.setPen(guide)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        slot = plot.width() / len(self._items)
        width = max(slot * 0.7, 2)
        step = self.label_step()
        # Numbers above the bars only when the widest fits its column (the accessible
        # description always has them).
        values_fit = metrics.horizontalAdvance(f"{top:,}") + 2 <= slot
        for index, (label, value) in enumerate(self._items):
            x = plot.left() + index * slot + (slot - width) / 2
            height = plot.height() * value / top
            painter.fillRect(QRectF(x, plot.bottom() - height, width, height), bar)
            painter.setPen(text)
            if value and values_fit:
                painter.drawText(
                    QRectF(
                        x - slot / 2,
                        plot.bottom() - height - value_height,
                        width + slot,
                        value_height,
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    f"{value:,}",
                )
            if not self.label_shown(index, step):
                continue
            # A label may spill over the columns whose labels are skipped; it is centred under
            # its own column, moved in at the chart's edges.
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot * step))
            size = metrics.horizontalAdvance(shown) + 2
            centre = plot.left() + (index + 0.5) * slot
            left = min(max(centre - size / 2, area.left()), area.right() - size)
            painter.drawText(
                QRectF(left, plot.bottom() + 2, size, label_height),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                shown,
            )
