"""The insights page: learnings browsed by tag, filters, themes, charts in light and dark."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QPalette

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.reports.insights import Period
from colearn_desktop.ui.insights.charts import BarChart
from colearn_desktop.ui.insights.insights_models import NO_TAG, TAG_ROLE
from colearn_desktop.ui.insights.insights_page import InsightsPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
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
    from colearn_desktop.core.reports.insights import InsightsService

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
    # All time: from the first conversation (June 2026) to this month.
    assert page.month_chart.items == [
        ("Jun 26", 1), ("Jul", 0), ("Aug", 0), ("Sep", 0), ("Oct", 2), ("Nov", 2),
    ]  # fmt: skip
    assert page.stage_chart.items[0][1] == 3  # network: Ben twice, Cleo once
    assert ("client", 1) in page.tag_chart.items


PERIOD_BARS = {
    # The demo journal's first conversation is in December 2023; today is 22 November 2026.
    Period.ALL: (36, "Conversations per month", "Dec 23", "Nov"),
    Period.YEAR: (13, "Conversations per month", "Nov 25", "Nov"),
    Period.DAYS_90: (4, "Conversations per month", "Aug 26", "Nov"),
    Period.DAYS_30: (2, "Conversations per month", "Oct 26", "Nov"),
}


@pytest.mark.parametrize("period", list(PERIOD_BARS))
def test_the_conversations_chart_follows_the_period(qtbot, make_page, demo_journal, period):
    page = make_page(demo_journal)
    page.tabs.setCurrentIndex(2)
    box = page.period_box
    if period is not Period.ALL:
        change(qtbot, page, lambda: box.setCurrentIndex(box.findData(period.value)))
    chart = page.month_chart
    bars, title, first, last = PERIOD_BARS[period]
    assert len(chart.items) == bars
    assert chart.title == title
    assert (chart.items[0][0], chart.items[-1][0]) == (first, last)
    expected = demo_journal.insights.conversations_per_month(page.current_filter())
    assert [n for _, n in chart.items] == [c.count for c in expected]
    # Labels never overlap: every n-th is drawn, with room for the widest.
    slot = (chart.width() - 16) / len(chart.items)
    widest = max(chart.fontMetrics().horizontalAdvance(label) for label, _ in chart.items)
    assert chart.label_step() * slot >= widest
    page.grab().save(f"/tmp/insights_chart_{period.value}.png")


def test_a_long_history_is_charted_by_quarter_then_by_year(qtbot, make_page, journal):
    ana = add_contact(journal, "Ana")
    log_call(journal, ana, when=datetime(2021, 2, 1, 9))
    log_call(journal, ana, when=datetime(2026, 11, 2, 9))
    page = make_page(journal)
    page.tabs.setCurrentIndex(2)
    chart = page.month_chart
    assert chart.title == "Conversations per quarter"
    assert len(chart.items) == 24  # 2021-Q1 to 2026-Q4
    assert chart.items[:5] == [("Q1 21", 1), ("Q2", 0), ("Q3", 0), ("Q4", 0), ("Q1 22", 0)]
    assert chart.items[-1] == ("Q4", 1)
    # Labels that do not all fit are thinned so that every first quarter (with its year)
    # is drawn.
    assert chart.label_step() in (1, 2, 4)
    assert all(chart.label_shown(i) for i in range(0, 24, 4))
    page.grab().save("/tmp/insights_chart_quarters.png")
    page.resize(500, 640)
    assert chart.label_step() > 1
    assert all(chart.label_shown(i) for i in range(0, 24, 4))
    page.grab().save("/tmp/insights_chart_quarters_narrow.png")
    page.resize(1000, 640)
    log_call(journal, ana, when=datetime(2012, 5, 1, 9))
    change(qtbot, page, page.reload)
    assert chart.title == "Conversations per year"
    assert chart.items[0] == ("2012", 1)
    assert chart.items[-1] == ("2026", 1)
    assert len(chart.items) == 15
    page.grab().save("/tmp/insights_chart_years.png")


def test_refreshes_when_the_journal_changes(qtbot, make_page, world, journal):
    page = make_page(journal)
    page.show()
    log_call(journal, world["cleo"], when=datetime(2026, 11, 21, 9), learned="Fresh lesson")
    qtbot.waitUntil(lambda: learnings(page)[0] == "Fresh lesson", timeout=3000)


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


def test_a_long_tag_name_never_holds_the_window_wide(qtbot, journal, drafts, ui_settings):
    from colearn_desktop.ui.shell.main_window import MainWindow

    tag = "Conference contacts from the 2025 Berlin design week trip (the second one)"
    ana = add_contact(journal, "Ana", tags=(tag,))
    log_call(journal, ana, when=datetime(2026, 11, 1, 10), learned="Long lead times")
    window = MainWindow(journal, drafts, ui_settings, screen="today")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.insights_page.loaded, timeout=10000):
        window.show_screen("insights")
    page = window.insights_page
    assert page.tag_box.findText(tag) >= 0  # the tag is offered, whole, in the list
    assert window.minimumSizeHint().width() <= 800
    window.resize(800, 600)
    assert window.width() == 800


def test_one_learning_is_counted_in_the_singular(make_page, journal):
    ana = add_contact(journal, "Ana")
    log_call(journal, ana, when=datetime(2026, 11, 2, 9), learned="Clients want fixed prices")
    page = make_page(journal)
    assert page.learnings_count.text() == "1 learning"
