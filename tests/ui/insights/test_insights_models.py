"""The Insights screen's models: every one passes Qt's model tester, and reads as it should."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.ui.insights.insights_models import (
    CONTACT_ROLE,
    LearningsModel,
    TagGroupsModel,
    ThemesModel,
)
from tests.ui.insights.test_insights_page import world  # noqa: F401 - a fixture


@pytest.mark.parametrize("which", ["learnings", "tags", "themes"])
def test_models_pass_the_model_tester(qtmodeltester, world, journal, which):  # noqa: F811
    insights = journal.insights
    if which == "learnings":
        model = LearningsModel()
        model.set_rows(insights.learnings())
    elif which == "tags":
        model = TagGroupsModel()
        model.set_counts(insights.learning_count(), insights.learnings_by_tag())
    else:
        model = ThemesModel()
        model.set_rows(insights.asked_themes())
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_learnings_and_themes_read_as_rows(journal, world):  # noqa: F811 - the fixture
    learnings = LearningsModel()
    learnings.set_rows(journal.insights.learnings())
    headers = [learnings.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Date", "Contact", "What I learned"]
    first = learnings.row_at(0)
    assert learnings.index(0, 2).data() == " ".join(first.learned.split())
    assert learnings.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == first.learned
    assert learnings.index(0, 0).data(CONTACT_ROLE) == first.contact_id
    themes = ThemesModel()
    themes.set_rows(journal.insights.asked_themes())
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert themes.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert themes.index(0, 1).data() == f"{themes.row_at(0).count:,}"
