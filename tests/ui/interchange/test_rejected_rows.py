"""A row with nothing to make a contact of (no name, e-mail, phone or company) is on the plan
as skipped with its reason, counted, and cannot be changed to new (issue #15)."""

from __future__ import annotations

from pathlib import Path

from colearn_desktop.core.interchange.plan import Action
from colearn_desktop.ui.interchange.import_dialog import PLAN, ImportDialog
from colearn_desktop.ui.interchange.import_models import PlanModel

SAMPLE = Path(__file__).parents[2] / "samples" / "csv" / "crafted_outlook_nameless_row.csv"


def test_the_nameless_row_is_shown_skipped_with_why_and_offers_nothing_else(
    qtbot, qtmodeltester, journal
):
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(SAMPLE)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == PLAN
    model = dialog.plan_model
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    assert dialog.counts_label.text().startswith("3 new, 0 merged, 1 skipped.")
    texts = [model.index(2, column).data() for column in range(model.columnCount())]
    assert "skip" in texts
    assert any("no name, e-mail, phone or company" in str(text) for text in texts)
    assert model.choices(2) == [Action.SKIP]
    assert model.choices(0) == [Action.NEW, Action.SKIP]
    assert isinstance(model, PlanModel)
    dialog.resize(900, 600)
    dialog.grab().save("/tmp/match-rejected-plan.png")
