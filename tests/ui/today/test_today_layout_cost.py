"""Today holds up to 500 items of each kind (3,500 at 100,000 contacts), and a tree asks its
model about every row each time it lays itself out: those answers must cost a few cheap calls
per row, or one key on Today stalls the window (0.25 s of model calls per refresh at 100k)."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import timedelta

from colearn_desktop.core.due import DueItem, DueReport
from colearn_desktop.core.due.records import DueCount
from colearn_desktop.ui.kit import grouped_model
from colearn_desktop.ui.today import today_model
from tests.ui.today.test_today_page import page, people  # noqa: F401 - fixtures

PER_ITEM = 600  # copies of each real due item: like the 500 most overdue per kind at 100k


def _report(journal) -> DueReport:
    """The people fixture's real due items, each copied many times under new keys."""
    real = journal.reminders.due(0)
    items = tuple(
        DueItem(
            f"{item.key}:{n}",
            item.kind,
            item.due_on - timedelta(days=n),
            item.shown_from - timedelta(days=n),
            None,
            item.contact_id,
            item.contact_name,
            item.facts,
        )
        for item in real.items
        for n in range(PER_ITEM)
    )
    counts = {kind: DueCount(PER_ITEM, PER_ITEM, PER_ITEM) for kind in {i.kind for i in items}}
    return DueReport(real.today, real.until, real.grace_days, items, counts)


def test_showing_many_due_items_costs_few_model_calls_per_item(page, journal):  # noqa: F811
    report = _report(journal)
    watched = {today_model.__file__, grouped_model.__file__}
    calls: Counter[str] = Counter()

    def count(frame, event, arg):
        if event == "call" and frame.f_code.co_filename in watched:
            calls[frame.f_code.co_name] += 1

    sys.setprofile(count)
    try:
        page._show(report)  # what a refresh hands over from the worker
        page.tree.repaint()
    finally:
        sys.setprofile(None)
    items = len(report.items)
    assert page.model.item_count() == items
    assert len(report.items) >= 2 * PER_ITEM
    assert page.tree.isExpanded(page.model.index(page.model.group_count() - 1, 0))
    # Qt's layout asks index(), flags() and hasChildren() (rowCount()) about each row; the
    # column titles were translated on every index() (three tr() a row) and expandAll()
    # visited every item for children: 8.9 calls a row, now under 6.5.
    assert calls["column_titles"] < 20, calls
    # data() is asked for the rows on screen only: the "When" column measured 100 more.
    assert calls["data"] < 1000, calls
    # An item says it never has children, so the tree no longer asks rowCount() for each
    # one: 5.9 calls a row, now under 5.5.
    assert calls["rowCount"] < 100, calls
    assert calls.total() < 5.5 * items, calls


def test_a_repaint_words_no_item_again(page, journal, monkeypatch):  # noqa: F811
    """A paint asks for the text of every visible row, and D or T paints twice (the list
    changed, then the window): each item is worded once while it is on screen."""
    page._show(_report(journal))
    worded: list[str] = []
    reason = today_model.due_text.reason

    def counted(item, today):
        worded.append(item.key)
        return reason(item, today)

    monkeypatch.setattr(today_model.due_text, "reason", counted)
    page.tree.repaint()
    first = len(worded)
    assert first > 5  # the rows on screen
    page.tree.repaint()
    page.tree.viewport().repaint()
    assert len(worded) == first
    assert len(set(worded)) == first
