"""Fusion with check box and radio button frames that show in a dark palette (installed
by :func:`colearn_desktop.ui.kit.widgets.install_readable_style`, only when the palette is
dark)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from colearn_desktop.ui.kit.format import is_dark

# How much of the text colour the frame takes (of 255): clearly a box, quieter than the text.
FRAME_ALPHA = 120
_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


class ReadableStyle(QProxyStyle):
    """Fusion, with check box and radio button frames that show in a dark palette.

    Qt's Fusion style (what Qt uses on GNOME and other desktops without a Qt theme, and what the
    screenshots use) fills an unchecked box with the palette's Base colour and frames it with the
    Window colour made darker.  In a dark palette that frame is darker than both the box and the
    window behind it, so an unchecked "Never ask", "Include archived contacts" or "Show excluded
    people" box all but disappears (8 levels of lightness out of 255 between the box and the
    window).  :class:`ReadableStyle` draws Fusion as it is and, when the palette is dark, adds a
    frame in the palette's own text colour, softened, so the box reads like it does in a light
    palette.  No colour is hard-coded: a desktop's palette decides.  Other styles (Breeze,
    Windows, macOS) draw their own frames and are left alone.
    """

    def __init__(self, base: str = "Fusion"):
        super().__init__(base)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _INDICATORS or not is_dark(option.palette):
            return
        colour = QColor(option.palette.color(QPalette.ColorRole.Text))
        colour.setAlpha(FRAME_ALPHA)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.drawRect(rect)
        painter.restore()
