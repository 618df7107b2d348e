from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from colearn_desktop.ui.kit.table_model import RIGHT, SORT_ROLE, Column, TableModel


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    amount: int


ID_ROLE = Qt.ItemDataRole.UserRole + 1


def items_model() -> TableModel[Item]:
    return TableModel(
        (
            Column("Name", lambda i: i.name, tooltip=lambda i: f"about {i.name}"),
            Column(
                "Amount",
                lambda i: f"{i.amount:,}",
                align=RIGHT,
                sort_key=lambda i: i.amount,
                foreground=lambda i: QColor("red") if i.amount < 0 else None,
            ),
        ),
        row_roles={ID_ROLE: lambda i: i.id},
    )


ROWS = [Item(7, "<b>Ana</b>", 1200), Item(9, "Sam", -5)]


def test_the_kit_model_passes_the_model_tester_empty_and_full(qtmodeltester):
    model = items_model()
    qtmodeltester.check(model, force_py=True)
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)


def test_columns_declared_as_data_answer_every_role():
    model = items_model()
    model.set_rows(ROWS)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]
    assert header == ["Name", "Amount"]
    assert model.index(0, 0).data() == "<b>Ana</b>"  # a row's text, as it is
    assert model.index(0, 1).data() == "1,200"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "about <b>Ana</b>"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 1).data(SORT_ROLE) == -5  # a number sorts as a number
    assert model.index(1, 0).data(SORT_ROLE) == "Sam"  # without a key, by its text
    assert [model.index(r, 1).data(ID_ROLE) for r in range(2)] == [7, 9]


def test_rows_are_found_by_number_and_by_what_they_hold(qtbot):
    model = items_model()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS)
    assert model.row_at(1) == ROWS[1]
    assert model.row_at(2) is None
    assert model.row_at(-1) is None
    assert model.row_for(lambda i: i.id == 9) == 1
    assert model.row_for(lambda i: i.id == 1) is None
    assert model.rows() == ROWS
