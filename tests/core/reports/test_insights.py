"""Insights: learnings across clients, filtered and grouped; what clients ask for; counts."""

from __future__ import annotations

from datetime import datetime

import pytest

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.reports.insights import Count, InsightFilter, Period, themes
from tests.helpers import add_contact, log_call


@pytest.fixture
def world(journal):
    ana = add_contact(journal, "Ana", stage=Stage.HELP, tags=("client", "vip"))
    ben = add_contact(journal, "Ben", stage=Stage.SEARCH, tags=("client",))
    cleo = add_contact(journal, "Cleo", stage=Stage.NETWORK)
    calls = {
        "a1": log_call(
            journal,
            ana,
            when=datetime(2026, 11, 10, 9),
            learned="Clients prefer fixed prices",
            they_asked="A quote for the website redesign",
        ),
        "a2": log_call(
            journal,
            ana,
            when=datetime(2025, 1, 5, 9),
            learned="Budgets are set in January",
            they_asked="Examples of similar work",
        ),
        "b1": log_call(
            journal,
            ben,
            when=datetime(2026, 10, 1, 9),
            learned="Prices matter less than speed",
            they_asked="Help with the website redesign",
        ),
        "c1": log_call(
            journal,
            cleo,
            when=datetime(2026, 9, 1, 9),
            learned="Peers struggle to price retainers",
            they_asked="Whether I do maintenance retainers",
        ),
        "none": log_call(journal, cleo, when=datetime(2026, 11, 1, 9), notes="No learning"),
    }
    return {"ana": ana, "ben": ben, "cleo": cleo, **calls}


def learned(journal, **filters):
    return [row.conversation_id for row in journal.insights.learnings(InsightFilter(**filters))]


def test_every_learning_newest_first(journal, world):
    assert learned(journal) == [world["a1"], world["b1"], world["c1"], world["a2"]]
    row = journal.insights.learnings()[0]
    assert (row.learned, row.contact_name, row.stage, row.tags) == (
        "Clients prefer fixed prices",
        "Ana García",
        Stage.HELP,
        "client, vip",
    )
    assert journal.insights.learning_count() == 4


def test_filters_by_tag_stage_period_and_words(journal, world):
    assert learned(journal, tag="client") == [world["a1"], world["b1"], world["a2"]]
    assert learned(journal, tag="VIP") == [world["a1"], world["a2"]]
    assert learned(journal, stage=Stage.NETWORK) == [world["c1"]]
    assert learned(journal, period=Period.DAYS_90) == [world["a1"], world["b1"], world["c1"]]
    assert learned(journal, period=Period.DAYS_30) == [world["a1"]]
    assert learned(journal, text="price") == [world["a1"], world["b1"], world["c1"]]
    assert learned(journal, text="prices", tag="client", stage=Stage.SEARCH) == [world["b1"]]
    assert learned(journal, text='"NEAR(') == []
    assert journal.insights.learning_count(InsightFilter(tag="client")) == 3


def test_deleted_conversations_are_not_insights(journal, world):
    journal.conversations.delete(world["a1"])
    assert world["a1"] not in learned(journal)
    assert journal.insights.learning_count() == 3


def test_learnings_grouped_by_tag(journal, world):
    counts = journal.insights.learnings_by_tag()
    assert counts == [Count("client", 3), Count("vip", 2), Count(None, 1)]
    recent = journal.insights.learnings_by_tag(InsightFilter(period=Period.DAYS_90, tag="vip"))
    # The tag filter does not narrow its own list: every tag stays there to pick.
    assert recent == [Count("client", 2), Count("vip", 1), Count(None, 1)]


def test_what_clients_ask_for(journal, world):
    top = journal.insights.asked_themes()
    assert top[0] == Count("website redesign", 2)
    labels = [c.label for c in top]
    assert "website" not in labels  # the phrase says it better
    assert "retainers" in labels or "maintenance retainers" in labels
    assert "the" not in labels
    assert "whether" not in labels
    only_network = journal.insights.asked_themes(InsightFilter(stage=Stage.NETWORK))
    assert {c.label for c in only_network} >= {"maintenance", "retainers"}


def test_themes_count_each_ask_once_and_skip_stop_words():
    counted = themes([("Quote, quote and a QUOTE", 1), ("A quote for the logo", 3)])
    assert counted[0] == Count("quote", 4)
    assert Count("logo", 3) in counted
    assert all(c.label not in {"a", "and", "for", "the"} for c in counted)


def per_month(journal, **filters):
    return [
        (m.label, m.count)
        for m in journal.insights.conversations_per_month(InsightFilter(**filters))
    ]


def test_conversations_per_month_follow_the_period(journal, world):
    # All time: from the month of the first conversation (January 2025) to this month.
    everything = per_month(journal)
    assert len(everything) == 23
    assert everything[0] == ("2025-01", 1)
    assert everything[1] == ("2025-02", 0)
    assert everything[-3:] == [("2026-09", 1), ("2026-10", 1), ("2026-11", 2)]
    # Today is 22 November 2026: the last 30 days start on 23 October (after Ben's call).
    assert per_month(journal, period=Period.DAYS_30) == [("2026-10", 0), ("2026-11", 2)]
    assert per_month(journal, period=Period.DAYS_90) == [
        ("2026-08", 0), ("2026-09", 1), ("2026-10", 1), ("2026-11", 2),
    ]  # fmt: skip
    year = per_month(journal, period=Period.YEAR)
    assert [label for label, _ in year] == [
        "2025-11", "2025-12", *(f"2026-{m:02d}" for m in range(1, 12)),
    ]  # fmt: skip
    assert sum(n for _, n in year) == 4  # the January 2025 call is older than that


def test_conversations_per_month_start_at_the_first_conversation_of_the_filter(journal, world):
    assert per_month(journal, stage=Stage.NETWORK) == [
        ("2026-09", 1), ("2026-10", 0), ("2026-11", 1),
    ]  # fmt: skip
    assert per_month(journal, tag="client")[0] == ("2025-01", 1)
    assert per_month(journal, tag="nobody-has-this") == []
    assert per_month(journal, tag="nobody-has-this", period=Period.DAYS_30) == [
        ("2026-10", 0), ("2026-11", 0),
    ]  # fmt: skip


def test_long_histories_are_grouped_by_quarter_then_by_year(journal, world):
    log_call(journal, world["cleo"], when=datetime(2022, 3, 15, 9))
    # March 2022 to November 2026 is 57 months: more than 36 bars, so quarters.
    quarters = per_month(journal)
    assert quarters[0] == ("2022-Q1", 1)
    assert quarters[-2:] == [("2026-Q3", 1), ("2026-Q4", 3)]
    assert len(quarters) == 20
    assert ("2025-Q1", 1) in quarters
    assert sum(n for _, n in quarters) == 6
    # A shorter period keeps its months.
    assert len(per_month(journal, period=Period.YEAR)) == 13
    log_call(journal, world["cleo"], when=datetime(2010, 6, 1, 9))
    # 2010 to 2026 is 66 quarters: years.
    years = per_month(journal)
    assert [label for label, _ in years] == [str(y) for y in range(2010, 2027)]
    assert years[0] == ("2010", 1)
    assert years[12] == ("2022", 1)
    assert years[-1] == ("2026", 4)


def test_an_empty_journal_has_no_bars_for_all_time(journal):
    assert per_month(journal) == []


def test_counts_for_the_charts(journal, world):
    stages = journal.insights.touches_per_stage()
    assert stages == [
        Count("network", 2),
        Count("search", 1),
        Count("shop", 0),
        Count("help", 2),
    ]
    recent = journal.insights.touches_per_stage(InsightFilter(period=Period.DAYS_30))
    assert recent == [Count("network", 1), Count("search", 0), Count("shop", 0), Count("help", 1)]


def test_learnings_of_people_without_tags(journal, world):
    assert learned(journal, untagged=True) == [world["c1"]]
    assert journal.insights.touches_per_stage(InsightFilter(untagged=True))[0] == Count(
        "network", 2
    )


def test_the_overview_holds_every_figure_for_one_filter(journal, world):
    overview = journal.insights.overview(InsightFilter(tag="client"))
    assert [r.conversation_id for r in overview.learnings] == [
        world["a1"],
        world["b1"],
        world["a2"],
    ]
    assert (overview.learning_count, overview.all_tags_count) == (3, 4)
    assert overview.by_tag[0] == Count("client", 3)
    assert overview.themes[0] == Count("website redesign", 2)
    assert len(overview.months) == 23
    assert [s.label for s in overview.stages] == ["network", "search", "shop", "help"]


def test_counts_with_very_common_words_are_marked_as_lower_bounds(journal, world, monkeypatch):
    from colearn_desktop.core.reports import insights

    monkeypatch.setattr(insights, "MAX_TEXT_MATCHES", 2)
    overview = journal.insights.overview(InsightFilter(text="p"))
    assert overview.counts_capped is True
    assert overview.learning_count == 2
    assert journal.insights.overview(InsightFilter(text="retainers")).counts_capped is False
