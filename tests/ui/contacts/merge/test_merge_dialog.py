"""The merge dialog: one row per field the contacts disagree on, the united lists and joined
notes previewed, what moves counted; Merge is one undoable step."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from colearn_desktop.core.contact_fields import Labelled
from colearn_desktop.ui.contacts.merge.field_rows import with_access_key
from colearn_desktop.ui.contacts.merge.merge_dialog import MergeDialog
from colearn_desktop.ui.contacts.merge.merge_with_dialog import MergeWithDialog
from tests.helpers import add_contact, email, log_call


def two_fredas(journal) -> tuple[int, int]:
    kept = add_contact(
        journal, "Freja", "Dahl", company="Nordlys", emails=(email("freja@nordlys.dk"),),
        notes="Met at a fair.",
    )  # fmt: skip
    other = add_contact(
        journal, "Freja", "D.", company="<b>Acme</b>", emails=(email("fd@acme.io"),),
        phones=(Labelled("+45 20 12 34 56"),), notes="Prefers mornings.",
    )  # fmt: skip
    log_call(journal, other, when=datetime(2026, 11, 1, 10))
    log_call(journal, other, when=datetime(2026, 11, 2, 10))
    return kept, other


def opened(qtbot, journal, ids) -> MergeDialog:
    dialog = MergeDialog.for_contacts(journal, ids)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_shows_what_differs_what_is_united_and_what_moves(qtbot, journal):
    kept, other = two_fredas(journal)
    dialog = opened(qtbot, journal, [kept, other])
    labels = [label.text() for label in dialog.rows.findChildren(QLabel)]
    assert labels == ["&Name", "&Company"]
    company = dialog.rows.combos["company"]
    assert [company.itemText(i) for i in range(company.count())] == [
        "Nordlys — from Freja Dahl",
        "<b>Acme</b> — from Freja D.",
    ]
    preview = dialog.preview.toPlainText()
    assert "E-mails: freja@nordlys.dk, fd@acme.io" in preview
    assert "Phones: +45 20 12 34 56" in preview
    assert "Met at a fair." in preview
    assert "Prefers mornings." in preview
    assert dialog.moves.text() == "Moves to Freja Dahl: 2 conversations."
    assert dialog.merge_button.text() == "&Merge"


def test_picking_the_others_company_then_merge_is_one_undoable_step(qtbot, journal):
    kept, other = two_fredas(journal)
    dialog = opened(qtbot, journal, [kept, other])
    company = dialog.rows.combos["company"]
    company.setFocus()
    qtbot.keyClick(company, Qt.Key.Key_Down)  # the keyboard picks Freja D.'s company
    assert "Company: Nordlys" in dialog.preview.toPlainText()  # the lost value is noted
    dialog.merge_button.click()
    assert dialog.result() == MergeDialog.DialogCode.Accepted
    assert dialog.status_text == "Merged Freja D. into Freja Dahl. Ctrl+Z brings them back."
    assert journal.contacts.get(kept).data.company == "<b>Acme</b>"
    assert not journal.contacts.exists(other)
    assert journal.undo.next_undo().label == "Merge Freja Dahl and Freja D."


def test_keeping_the_other_contact_plans_again(qtbot, journal):
    kept, other = two_fredas(journal)
    dialog = opened(qtbot, journal, [kept, other])
    dialog.keep.setFocus()
    qtbot.keyClick(dialog.keep, Qt.Key.Key_Down)
    assert dialog.plan.kept.id == other
    assert dialog.moves.text() == "No conversations, favours or purchases to move."


def test_an_archived_contact_is_refused_before_the_dialog_opens(qtbot, journal, monkeypatch):
    kept, other = two_fredas(journal)
    journal.contacts.archive(other)
    said = []
    monkeypatch.setattr(
        "colearn_desktop.ui.kit.user_action.warn", lambda _parent, title, text: said.append(text)
    )
    assert MergeDialog.for_contacts(journal, [kept, other]) is None
    assert said == [
        "contacts: Freja D. (#2) is archived: restore them from the archive first, then "
        "merge; nothing was merged"
    ]


def test_merge_with_asks_for_a_chosen_contact(qtbot, journal):
    kept, _ = two_fredas(journal)
    dialog = MergeWithDialog(journal, kept, "Freja Dahl")
    qtbot.addWidget(dialog)
    dialog.picker.setText("Freja")
    dialog._next()
    assert dialog.banner.text().startswith("Type part of a name and choose a contact")
    assert dialog.result() != MergeDialog.DialogCode.Accepted


def test_access_keys_are_never_shared():
    used = {"k", "m"}
    assert [with_access_key(t, used) for t in ("Company", "Keep in touch", "Kmk")] == [
        "&Company",
        "K&eep in touch",
        "Kmk",
    ]


def test_fewer_than_two_contacts_are_refused_with_a_sentence(qtbot, journal, monkeypatch):
    kept, _ = two_fredas(journal)
    said = []
    monkeypatch.setattr(
        "colearn_desktop.ui.contacts.merge.merge_dialog.warn",
        lambda _parent, _title, text: said.append(text),
    )
    assert MergeDialog.for_contacts(journal, [kept, kept]) is None
    assert said == ["Select two or more contacts to merge; nothing was merged."]
