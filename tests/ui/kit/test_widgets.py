"""Unchecked check boxes and radio buttons can be seen in a dark palette as in a light one:
the dialogs' check boxes ("Include archived contacts", "Show excluded people") and the
"Never ask" boxes in the referrals table, rendered offscreen and measured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.readable_style import ReadableStyle
from colearn_desktop.ui.kit.widgets import DarkPaletteWatch, install_readable_style
from colearn_desktop.ui.referrals.referrals_models import ReadyColumn
from colearn_desktop.ui.referrals.referrals_page import ReferralsPage
from tests.core.referrals.helpers import client
from tests.ui.insights.test_insights_page import dark_palette

# Lightness (0-255) between an unchecked box's frame and what is around it.  Fusion in a light
# palette gives about 60; in a dark palette, before this style, 8.
READABLE = 40


@pytest.fixture
def styled(qapp) -> Iterator:
    """``styled(style, dark)``: the application's style and palette for one test."""
    before = (qapp.style().name(), qapp.palette())

    def use(style: QStyle, dark: bool) -> None:
        qapp.setStyle(style)
        qapp.setPalette(
            dark_palette() if dark else QStyleFactory.create("Fusion").standardPalette()
        )

    yield use
    for watch in qapp.findChildren(DarkPaletteWatch):  # (install_readable_style's)
        shiboken6.delete(watch)
    qapp.setStyle(before[0])
    qapp.setPalette(before[1])


def frame_contrast(image: QImage, box: QRect) -> int:
    """The largest lightness difference between the background just outside the box and its
    edge (the outer three pixels along the middle of each side: a square's frame, or the
    antialiased ring of a radio button)."""
    middle = box.center()
    background = image.pixelColor(box.left() - 2, middle.y()).lightness()
    edge = [QPoint(box.left() + i, middle.y()) for i in range(3)]
    edge += [QPoint(box.right() - i, middle.y()) for i in range(3)]
    edge += [QPoint(middle.x(), box.top() + i) for i in range(3)]
    edge += [QPoint(middle.x(), box.bottom() - i) for i in range(3)]
    return max(abs(image.pixelColor(p).lightness() - background) for p in edge)


def indicator(button: QCheckBox | QRadioButton, root: QWidget) -> QRect:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    rect = button.style().subElementRect(element, option, button)
    return rect.translated(button.mapTo(root, QPoint(0, 0)))


def export_dialog_contrasts(qtbot, journal, name: str) -> dict[str, int]:
    dialog = ExportDialog(journal, ContactQuery())  # "the list as filtered" is picked
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab().toImage()
    image.save(f"/tmp/export_dialog_{name}.png")
    archived = dialog.archived_check
    assert not archived.isChecked()
    assert not dialog.all_radio.isChecked()
    return {
        "check box": frame_contrast(image, indicator(archived, dialog)),
        "radio button": frame_contrast(image, indicator(dialog.all_radio, dialog)),
    }


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_dialog_check_boxes_and_radio_buttons_stand_out(qtbot, journal, styled, dark):
    styled(ReadableStyle("Fusion"), dark)
    contrasts = export_dialog_contrasts(qtbot, journal, "dark" if dark else "light")
    assert min(contrasts.values()) >= READABLE, contrasts


def test_plain_fusion_hides_them_in_a_dark_palette(qtbot, journal, styled):
    """The defect this style fixes, measured the same way."""
    styled(QStyleFactory.create("Fusion"), True)
    contrasts = export_dialog_contrasts(qtbot, journal, "dark_plain_fusion")
    assert max(contrasts.values()) < 20, contrasts


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_never_ask_boxes_in_the_referrals_table_stand_out(qtbot, journal, styled, dark):
    styled(ReadableStyle("Fusion"), dark)
    client(journal, "Ana")
    signals = JournalSignals(journal)
    page = ReferralsPage(journal, signals)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 1, timeout=5000)
    view = page.ready_table
    view.clearSelection()
    index = page.ready_model.index(0, ReadyColumn.NEVER_ASK)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    box = box.translated(view.viewport().mapTo(page, QPoint(0, 0)))
    image = page.grab().toImage()
    image.save(f"/tmp/referrals_never_ask_{'dark' if dark else 'light'}.png")
    assert frame_contrast(image, box) >= READABLE
    signals.detach()


def test_installed_only_over_fusion_in_a_dark_palette(qapp, styled):
    styled(QStyleFactory.create("Windows"), True)
    install_readable_style(qapp)
    assert not isinstance(qapp.style(), ReadableStyle)
    # In a light palette Fusion's frames show: the style (a Python call for every primitive
    # drawn) waits until the palette turns dark, as when the desktop switches themes.
    styled(QStyleFactory.create("Fusion"), False)
    install_readable_style(qapp)
    assert not isinstance(qapp.style(), ReadableStyle)
    qapp.setPalette(dark_palette())
    assert isinstance(qapp.style(), ReadableStyle)
    install_readable_style(qapp)  # never wrapped twice, never watched twice
    assert len(qapp.findChildren(DarkPaletteWatch)) == 1
    qapp.setPalette(QStyleFactory.create("Fusion").standardPalette())
    qapp.setPalette(dark_palette())
    assert isinstance(qapp.style().baseStyle(), QStyle)
    assert not isinstance(qapp.style().baseStyle(), ReadableStyle)
