"""The import window names the columns it will not import (nothing is dropped silently), and
reads our own "E-mails" and "Phones" headers in a CSV that is not all ours."""

from __future__ import annotations

from colearn_desktop.ui.import_dialog import COLUMNS, PLAN, ImportDialog
from tests.core.interchange.test_columns_and_names import _twenty_people


def test_the_plan_names_the_columns_not_imported(qtbot, journal, tmp_path):
    path = tmp_path / "extra.csv"
    _twenty_people(path, ",Shoe size", lambda n: f",{n}")
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == COLUMNS
    table = dialog.columns_table
    chosen = [table.cellWidget(row, 2).currentData() for row in range(table.rowCount())]
    assert chosen == ["name", "email", "phone", "company", "ignore"]
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PLAN, timeout=10_000)
    assert "columns not imported: 'Shoe size'" in dialog.problems_view.toPlainText()
    assert dialog.counts_label.text().startswith("20 new, 0 merged, 0 skipped.")
