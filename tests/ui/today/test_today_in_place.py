"""Today's one-key actions change only the rows they concern: D, T and Ctrl+Z after them remove,
insert or repaint the item's own row (the model was reset and the tree laid out its 3,500 rows
again, ~100 ms at 100,000 contacts, and lost its scroll position), and an undo of D or T runs
again only the rule of the item it brought back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import Qt

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.due.rule import DueRule
from colearn_desktop.ui.today.today_model import TodayModel
from tests.ui.today.test_today_page import page, people, rows  # noqa: F401 - fixtures


@contextmanager
def model_signals(model: TodayModel) -> Iterator[list[tuple[object, ...]]]:
    """What ``model`` told its views while the block ran: ("reset",), ("removed", group,
    first, last), ("inserted", group, first, last), ("changed", group, first, last)."""
    seen: list[tuple[object, ...]] = []

    def where(parent) -> object:
        return parent.row() if parent.isValid() else None

    connections = [
        (model.modelReset, lambda: seen.append(("reset",))),
        (model.rowsRemoved, lambda p, a, b: seen.append(("removed", where(p), a, b))),
        (model.rowsInserted, lambda p, a, b: seen.append(("inserted", where(p), a, b))),
        (
            model.dataChanged,
            lambda a, b, _roles=(): seen.append(("changed", where(a.parent()), a.row(), b.row())),
        ),
    ]
    for signal, slot in connections:
        signal.connect(slot)
    try:
        yield seen
    finally:
        for signal, slot in connections:
            signal.disconnect(slot)


def test_d_removes_the_one_row_instead_of_resetting_the_list(page, people, qtbot):  # noqa: F811
    assert page.select_key(f"cadence:{people['ana']}")
    page.tree.setFocus()
    with model_signals(page.model) as seen:
        qtbot.keyClick(page.tree, Qt.Key.Key_D)
    # Ana's row (the first of "Keep in touch") went; its heading now counts one.
    assert ("reset",) not in seen
    assert ("removed", 0, 0, 0) in seen
    assert ("changed", None, 0, 0) in seen  # the group's title
    assert [g for g, _ in rows(page)] == ["Keep in touch (1)", "Follow-ups (1)"]
    assert page.selected_item().key == f"cadence:{people['ben']}"
    assert page.tree.isExpanded(page.model.index(0, 0))


def test_t_then_ctrl_z_brings_the_row_back_running_only_its_rule(
    page,  # noqa: F811
    journal,
    people,  # noqa: F811
    qtbot,
    monkeypatch,
):
    """The undo of a snooze names the kind of item it brought back and its contact, so
    Today runs that one rule again (all eight took ~80 ms at 100,000 contacts) and
    inserts the row, and a page about someone else has nothing to reload."""
    ran: list[DueKind] = []
    fetch = DueRule.fetch

    def counted(rule, connection, window, settings):
        if window.entity_id is None and window.contact_id is None:
            ran.append(rule.kind)
        return fetch(rule, connection, window, settings)

    monkeypatch.setattr(DueRule, "fetch", counted)
    published = []
    journal.events.subscribe(published.append)
    assert page.select_key(f"cadence:{people['ben']}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_T)
    assert [i[0] for i in rows(page)[0][1]] == ["Keep in touch with Ana García"]
    ran.clear()
    published.clear()

    with model_signals(page.model) as seen:
        journal.undo.undo()  # what Ctrl+Z does, from any screen
        with qtbot.waitSignal(page.loaded):
            pass  # the refresh the change asked for

    assert [(c.due_kinds, c.contacts) for c in published] == [
        (("keep_in_touch",), (people["ben"],))
    ]
    assert ran == [DueKind.KEEP_IN_TOUCH]
    assert ("reset",) not in seen
    assert ("inserted", 0, 1, 1) in seen
    assert [i[0] for i in rows(page)[0][1]] == [
        "Keep in touch with Ana García",
        "Keep in touch with Ben Okafor",
    ]


def test_an_item_whose_facts_changed_is_repainted_in_place(qtmodeltester, page, journal):  # noqa: F811
    model = page.model
    qtmodeltester.check(model)  # (and it keeps watching the changes below)
    report = journal.reminders.due(0, limit=500)
    first = report.on_today[0]
    facts = {**first.facts, "days_since": first.facts["days_since"] + 1}
    changed = replace(report, items=(replace(first, facts=facts), *report.items[1:]))
    with model_signals(model) as seen:
        model.set_report(changed, upcoming=False)
    assert seen == [("changed", 0, 0, 0)]
    assert model.item_at(model.index(0, 0, model.index(0, 0))).facts == facts
    # A new group (here: every group gone) is a reset: a row's index names its group.
    with model_signals(model) as seen:
        model.set_report(replace(report, items=()), upcoming=False)
    assert seen == [("reset",)]
    assert model.rowCount() == 0
