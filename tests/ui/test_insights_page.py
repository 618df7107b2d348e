"""The insights page: learnings browsed by tag, filters, themes, charts in light and dark."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QPalette

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.insights import Period
from colearn_desktop.ui.charts import BarChart
from colearn_desktop.ui.insights_page import (
    NO_TAG,
    TAG_ROLE,
    InsightsPage,
    LearningsModel,
    TagGroupsModel,
    ThemesModel,
)
from colearn_desktop.ui.journal_signals import JournalSignals
from tests.helpers import add_contact, log_call


@pytest.fixture
def make_page(qtbot):
    made = []

    def make(journal):
        signals = JournalSignals(journal)
        page = InsightsPage(journal, signals)
        qtbot.addWidget(page)
        page.resize(1000, 640)
        made.append((page, signals))
        page.show()  # nothing is read before the page is shown
        qtbot.waitSignal(page.loaded, timeout=10000).wait()
        return page

    yield make
    for page, signals in made:
        page.wait_idle()
        signals.detach()


def test_nothing_is_read_until_the_page_is_shown(qtbot, journal, monkeypatch):
    from colearn_desktop.core.insights import InsightsService

    calls = []
    overview = InsightsService.overview
    monkeypatch.setattr(
        InsightsService, "overview", lambda self, f: calls.append(f) or overview(self, f)
    )
    ana = add_contact(journal, "Ana")
    signals = JournalSignals(journal)
    page = InsightsPage(journal, signals)
    qtbot.addWidget(page)
    log_call(journal, ana, when=datetime(2026, 11, 2, 9), learned="Read when shown")
    page.wait_idle()  # a read started on the worker would have finished by now
    assert calls == []
    assert page.learnings_model.rowCount() == 0
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert len(calls) == 1
    assert page.learnings_model.rowCount() == 1
    page.wait_idle()
    signals.detach()


def change(qtbot, page, action):
    """Do ``action`` and wait until the page shows the insights it asked for."""
    with qtbot.waitSignal(page.loaded, timeout=10000):
        action()


@pytest.fixture
def world(journal):
    ana = add_contact(journal, "Ana", stage=Stage.HELP, tags=("client",))
    ben = add_contact(journal, "Ben", stage=Stage.NETWORK, tags=("mentor",))
    cleo = add_contact(journal, "Cleo")
    log_call(journal, ana, when=datetime(2026, 11, 1, 9), learned="Clients want fixed prices")
    log_call(journal, ben, when=datetime(2026, 6, 1, 9), learned="Retainers need a clear scope")
    log_call(journal, cleo, when=datetime(2026, 11, 20, 9), learned="Video calls tire people")
    log_call(journal, ana, when=datetime(2026, 10, 1, 9), they_asked="A quote for the website")
    log_call(journal, ben, when=datetime(2026, 10, 2, 9), they_asked="Help with the website")
    return {"ana": ana, "ben": ben, "cleo": cleo}


def learnings(page):
    model = page.learnings_model
    return [model.index(r, 2).data() for r in range(model.rowCount())]


def tags(page):
    model = page.tag_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_learnings_newest_first_and_grouped_by_tag(make_page, world, journal):
    page = make_page(journal)
    assert learnings(page) == [
        "Video calls tire people",
        "Clients want fixed prices",
        "Retainers need a clear scope",
    ]
    assert tags(page) == ["All tags (3)", "client (1)", "mentor (1)", "No tag (1)"]
    assert page.learnings_count.text() == "3 learnings"


def test_picking_a_tag_browses_its_learnings(qtbot, make_page, world, journal):
    page = make_page(journal)
    page.show()
    row = next(r for r in range(page.tag_model.rowCount()) if "mentor" in tags(page)[r])
    index = page.tag_model.index(row, 0)
    change(qtbot, page, lambda: page.tag_list.clicked.emit(index))
    assert page.tag_box.currentData() == "mentor"
    assert learnings(page) == ["Retainers need a clear scope"]
    # The tag list keeps every tag to pick from.
    assert len(tags(page)) == 4
    change(qtbot, page, lambda: page.set_tag(NO_TAG))
    assert learnings(page) == ["Video calls tire people"]
    selected = page.tag_list.currentIndex().data(TAG_ROLE)
    assert selected == NO_TAG
    change(qtbot, page, lambda: page.set_tag(None))
    assert len(learnings(page)) == 3


def test_stage_period_and_word_filters(qtbot, make_page, world, journal):
    page = make_page(journal)
    stage = page.stage_box
    change(qtbot, page, lambda: stage.setCurrentIndex(stage.findData(Stage.HELP.value)))
    assert learnings(page) == ["Clients want fixed prices"]
    change(qtbot, page, lambda: stage.setCurrentIndex(0))
    period = page.period_box
    change(qtbot, page, lambda: period.setCurrentIndex(period.findData(Period.DAYS_30.value)))
    assert learnings(page) == ["Video calls tire people", "Clients want fixed prices"]
    change(qtbot, page, lambda: period.setCurrentIndex(period.findData(Period.ALL.value)))
    qtbot.keyClicks(page.search_edit, "retain")
    qtbot.waitUntil(lambda: learnings(page) == ["Retainers need a clear scope"], timeout=3000)
    page.search_edit.setText('"((NEAR')
    change(qtbot, page, page.reload)
    assert learnings(page) == []


def test_enter_on_a_learning_opens_its_contact(qtbot, make_page, world, journal):
    page = make_page(journal)
    page.show()
    index = page.learnings_model.index(1, 2)
    with qtbot.waitSignal(page.open_contact_requested) as opened:
        page.learnings_view.activated.emit(index)
    assert opened.args == [world["ana"]]


def test_themes_and_charts(make_page, world, journal):
    page = make_page(journal)
    model = page.themes_model
    assert (model.index(0, 0).data(), model.index(0, 1).data()) == ("website", "2")
    months = page.month_chart.items
    assert len(months) == 12
    assert months[-1][1] == 2  # November 2026
    assert page.stage_chart.items[0][1] == 3  # network: Ben twice, Cleo once
    assert ("client", 1) in page.tag_chart.items


def test_refreshes_when_the_journal_changes(qtbot, make_page, world, journal):
    page = make_page(journal)
    page.show()
    log_call(journal, world["cleo"], when=datetime(2026, 11, 21, 9), learned="Fresh lesson")
    qtbot.waitUntil(lambda: learnings(page)[0] == "Fresh lesson", timeout=3000)


@pytest.mark.parametrize("which", ["learnings", "tags", "themes"])
def test_models_pass_the_model_tester(qtmodeltester, world, journal, which):
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


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1f2328"),
        (QPalette.ColorRole.WindowText, "#e6edf3"),
        (QPalette.ColorRole.Base, "#0d1117"),
        (QPalette.ColorRole.AlternateBase, "#161b22"),
        (QPalette.ColorRole.Text, "#e6edf3"),
        (QPalette.ColorRole.Button, "#21262d"),
        (QPalette.ColorRole.ButtonText, "#e6edf3"),
        (QPalette.ColorRole.Highlight, "#388bfd"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#8b949e"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def app_palette(qapp):
    """Set the application's palette for one test (as the platform theme would)."""
    original = qapp.palette()
    yield qapp.setPalette
    qapp.setPalette(original)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_charts_render_in_light_and_dark(qtbot, make_page, demo_journal, app_palette, theme):
    if theme == "dark":
        app_palette(dark_palette())
    page = make_page(demo_journal)
    page.tabs.setCurrentIndex(2)
    page.show()
    image = page.grab().toImage()
    image.save(f"/tmp/insights_charts_{theme}.png")
    background = image.pixelColor(5, image.height() - 5)
    assert (background.lightness() < 128) == (theme == "dark")
    bar = page.month_chart.colours()[0]
    text = page.month_chart.colours()[1]
    # Bars and labels stand out from the background.
    assert abs(bar.lightness() - background.lightness()) > 40
    assert abs(text.lightness() - background.lightness()) > 100
    page.tabs.setCurrentIndex(0)
    page.grab().save(f"/tmp/insights_learnings_{theme}.png")
    page.tabs.setCurrentIndex(1)
    page.grab().save(f"/tmp/insights_themes_{theme}.png")


def test_an_empty_chart_says_so(qtbot):
    chart = BarChart("Nothing")
    qtbot.addWidget(chart)
    chart.set_data([], "Nothing in this period")
    chart.resize(300, 200)
    chart.show()
    chart.grab()
    assert chart.accessibleDescription() == ""
    chart.set_data([("a", 1), ("b", 0)])
    assert chart.accessibleDescription() == "a: 1, b: 0"
