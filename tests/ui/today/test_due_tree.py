"""Today's list keeps every column readable from a wide window down to an 800 px one."""

from __future__ import annotations

import pytest

from colearn_desktop.ui.today.today_model import Column
from tests.ui.today.test_today_page import page, people  # noqa: F401 - fixtures


@pytest.mark.parametrize("width", [620, 700])
def test_why_keeps_its_share_in_a_narrow_window(qtbot, page, width):  # noqa: F811
    # 620 px: the page in an 800 px window beside the navigation.
    page.resize(width, 500)
    header = page.tree.header()
    qtbot.waitUntil(lambda: page.tree.viewport().width() < width)
    room = page.tree.viewport().width() - header.sectionSize(Column.WHEN)
    assert header.sectionSize(Column.WHY) >= room * 0.45
    assert header.sectionSize(Column.WHAT) >= room * 0.45
    why = page.model.index(0, Column.WHY, page.model.index(0, 0)).data()
    assert why == "last talked 74 days ago; every 60 days"


def test_what_keeps_its_width_when_there_is_room(page):  # noqa: F811
    page.resize(1200, 500)
    assert page.tree.header().sectionSize(Column.WHAT) == 380
    assert page.tree.header().sectionSize(Column.WHY) > 380
