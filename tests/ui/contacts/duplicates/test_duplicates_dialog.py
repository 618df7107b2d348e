"""Contact ▸ Find duplicates shows the groups with why; "Not the same person" marks the
selected pair (undoable) and the group goes; "Merge…" opens the merge dialog on the selected
group or contacts."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPushButton

from colearn_desktop.ui.contacts.duplicates.duplicates_dialog import DuplicatesDialog
from colearn_desktop.ui.contacts.duplicates.duplicates_model import CONTACT_ROLE, DuplicatesModel
from tests.helpers import add_contact, email

SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def opened(qtbot, journal) -> DuplicatesDialog:
    dialog = DuplicatesDialog(journal)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        pass  # the groups are read on a worker; the answer arrives through the event loop
    return dialog


def three_and_two(journal) -> tuple[int, ...]:
    return (
        add_contact(journal, "Ana", "García", emails=(email("ana@x.org"),)),
        add_contact(journal, "A.", "García", emails=(email("ANA@x.org"),), company="Acme"),
        add_contact(journal, "García", "Ana"),
        add_contact(journal, "Bo", "Lind"),
        add_contact(journal, "Lind,", "Bo"),
    )


def test_groups_show_how_sure_why_and_each_contact(qtbot, qtmodeltester, journal):
    ana, a_garcia, garcia_ana, *_ = three_and_two(journal)
    dialog = opened(qtbot, journal)
    model = dialog.model
    qtmodeltester.check(model)
    assert dialog.status.text() == (
        "2 groups of contacts that are probably one person, surest first."
    )
    first = model.index(0, 0)
    assert model.data(first) == "3 contacts, 100% sure"
    assert model.data(model.index(0, 3)) == (
        "same e-mail (ana@x.org), similar name (89%), same e-mail domain (x.org), same name"
    )
    rows = [
        [model.data(model.index(r, c, first)) for c in range(4)]
        for r in range(model.rowCount(first))
    ]
    assert rows == [
        [f"Ana García  (#{ana})", "", "ana@x.org", None],
        [f"A. García  (#{a_garcia})", "Acme", "ANA@x.org", None],
        [f"García Ana  (#{garcia_ana})", "", "", None],
    ]
    assert model.data(model.index(1, 0, first), CONTACT_ROLE) == a_garcia
    tip = model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert f"#{ana} – #{garcia_ana}: same name" in tip.splitlines()
    buttons = [b.text() for b in dialog.findChildren(QPushButton)]
    assert "&Merge…" in buttons


def test_not_the_same_person_marks_the_selected_pair(qtbot, journal):
    *_, bo, lind_bo = three_and_two(journal)
    dialog = opened(qtbot, journal)
    selection = dialog.view.selectionModel()
    assert not dialog.not_same.isEnabled()
    selection.select(dialog.model.index(0, 0), SELECT)  # a group of three: which two?
    assert not dialog.not_same.isEnabled()
    selection.clearSelection()
    selection.select(dialog.model.index(1, 0), SELECT)  # the group of two
    assert dialog.selected_pair() == (bo, lind_bo)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.not_same.click()
    assert dialog.model.rowCount() == 1
    assert journal.duplicates.not_same_pairs() == [(bo, lind_bo)]
    assert journal.undo.next_undo().label == "Mark Bo Lind and Lind, Bo as not the same person"


def test_an_empty_journal_says_there_is_nothing(qtbot, qtmodeltester, journal):
    dialog = opened(qtbot, journal)
    qtmodeltester.check(dialog.model)
    assert dialog.status.text() == "No likely duplicates among the active contacts."
    assert isinstance(dialog.model, DuplicatesModel)


def test_the_contact_menu_opens_it_with_ctrl_shift_d(window, journal, monkeypatch):
    opened_with: list[object] = []
    monkeypatch.setattr(DuplicatesDialog, "exec", lambda self: opened_with.append(self._journal))
    action = window.menus.duplicates_action
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    assert action in window.menus.contact_menu.actions()
    action.trigger()
    assert opened_with == [journal]


def test_merge_takes_the_selected_group_or_the_selected_contacts_of_one(qtbot, journal):
    ana, a_garcia, garcia_ana, *_ = three_and_two(journal)
    dialog = opened(qtbot, journal)
    selection = dialog.view.selectionModel()
    # The surest group is selected as the dialog opens: Alt+M merges it.
    assert dialog.selected_to_merge() == [ana, a_garcia, garcia_ana]
    assert dialog.merge_button.isEnabled()
    first = dialog.model.index(0, 0)
    selection.clearSelection()
    assert not dialog.merge_button.isEnabled()
    selection.select(dialog.model.index(2, 0, first), SELECT)
    assert not dialog.merge_button.isEnabled()  # one contact: nothing to merge it with
    selection.select(dialog.model.index(0, 0, first), SELECT)
    assert dialog.selected_to_merge() == [ana, garcia_ana]
