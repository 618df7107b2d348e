"""Editing templates: mistakes listed live with their position, saving, archiving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from colearn_desktop.ui.referrals.template_editor import TemplateEditor, TemplatesModel
from tests.ui.referral_fixtures import (  # noqa: F401
    answer_fixture,
    no_unexpected_questions_fixture,
)


def make(qtbot, journal):
    editor = TemplateEditor(journal)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_templates_model_passes_the_model_tester(qtmodeltester, journal):
    journal.referrals.templates.ensure_defaults("en")
    model = TemplatesModel()
    model.set_rows(journal.referrals.templates.all())
    qtmodeltester.check(model, force_py=True)
    journal.referrals.templates.archive(model.template_at(0).id)
    model.set_rows(journal.referrals.templates.all(include_archived=True))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data().endswith("(archived)")
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()


def discard(editor, answer):
    """Close the editor, dropping unsaved edits (so teardown never meets a question)."""
    answer(QMessageBox.StandardButton.Discard)
    editor.close()
    assert not editor.isVisible()


def test_mistakes_are_listed_with_positions_and_block_saving(qtbot, journal, answer):
    editor = make(qtbot, journal)
    assert editor.model.rowCount() == 4  # the shipped defaults, added on first open
    editor.body.setPlainText("Hi {frist_name},\nthanks } {name.__class__}")
    texts = [editor.problems.item(i).text() for i in range(editor.problems.count())]
    assert texts == [
        "Message: Unknown placeholder {frist_name} at line 1, column 4. Did you mean {first_name}?",
        "Message: A “}” with no “{” before it at line 2, column 8. Write }} for a brace.",
        "Message: Unknown placeholder {name.__class__} at line 2, column 10. Did you mean {name}?",
    ]
    assert not editor.save_button.isEnabled()
    editor.problems.itemActivated.emit(editor.problems.item(1))
    cursor = editor.body.textCursor()
    assert (cursor.blockNumber(), cursor.positionInBlock()) == (1, 7)
    editor.body.setPlainText("Hi {first_name}, {{literally}}")
    assert editor.problems.count() == 0
    assert editor.save_button.isEnabled()
    discard(editor, answer)


def test_new_template_is_saved_and_listed(qtbot, journal):
    editor = make(qtbot, journal)
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    editor.name.setText("Coffee?")
    editor.subject.setText("Coffee, {first_name}?")
    editor.body.setPlainText("Hi {first_name}, fancy a coffee?\n\n{signature}")
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    editor.insert_placeholder("my_name")
    with qtbot.waitSignal(editor.template_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    view = journal.referrals.templates.get(saved.args[0])
    assert (view.name, view.subject) == ("Coffee?", "Coffee, {first_name}?")
    assert view.body == "Hi {first_name}, fancy a coffee?\n\n{signature}{my_name}"
    assert editor.list.currentIndex().data() == "Coffee?"
    assert not editor.save_button.isEnabled()


def test_a_missing_name_is_shown_under_the_field(qtbot, journal, answer):
    editor = make(qtbot, journal)
    editor.name.setText("")
    assert not editor.save()
    assert editor.name_error.text() == "give the template a name"
    discard(editor, answer)


def test_archive_and_restore(qtbot, journal):
    editor = make(qtbot, journal)
    first = editor.list.currentIndex().data()
    qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    assert first not in [t.name for t in journal.referrals.templates.all()]
    editor.show_archived.setChecked(True)
    row = next(
        i for i in range(editor.model.rowCount()) if editor.model.template_at(i).name == first
    )
    editor.list.setCurrentIndex(editor.model.index(row, 0))
    assert editor.archive_button.text() == "&Restore"
    qtbot.mouseClick(editor.archive_button, Qt.MouseButton.LeftButton)
    assert first in [t.name for t in journal.referrals.templates.all()]


def test_leaving_unsaved_changes_asks(qtbot, journal, answer):
    editor = make(qtbot, journal)
    original = editor.list.currentIndex().data()
    editor.name.setText("Changed")
    questions = answer(QMessageBox.StandardButton.Cancel)
    editor.list.setCurrentIndex(editor.model.index(1, 0))
    assert questions == ["Save the changes to this template?"]
    assert editor.list.currentIndex().data() == original
    assert editor.name.text() == "Changed"
    answer(QMessageBox.StandardButton.Save)
    editor.list.setCurrentIndex(editor.model.index(1, 0))
    assert "Changed" in [t.name for t in journal.referrals.templates.all()]
