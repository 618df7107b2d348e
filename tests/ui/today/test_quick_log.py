"""Quick log: typing within seconds, Enter to save, a new contact in one step, drafts that
survive a crash, and failed saves that keep what was typed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from colearn_desktop.ui.today.quick_log import DRAFT_KIND, QuickLogDialog
from tests.helpers import add_contact


def test_picker_suggests_by_name_and_enter_saves(qtbot, journal, drafts):
    add_contact(journal, "Zoe", "Orsted")
    ana = add_contact(journal, "Ana", "Garcia")
    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.picker, "gar")
    dialog.picker.refresh_suggestions()
    completer_model = dialog.picker._model
    assert [completer_model.item(i).text() for i in range(completer_model.rowCount())] == [
        "Ana Garcia"
    ]
    dialog.picker._choose(completer_model.index(0, 0))
    assert dialog.participant_ids() == (ana,)
    assert dialog.picker.text() == ""
    qtbot.keyClicks(dialog.notes, "Quick catch-up")
    qtbot.keyClicks(dialog.next_step, "Call back")
    qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    logged = journal.conversations.for_contact(ana)
    assert [(v.data.notes, v.data.next_step) for v in logged] == [("Quick catch-up", "Call back")]


def test_a_new_name_becomes_a_contact_in_the_same_step(qtbot, journal, drafts):
    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.picker, "Nia Okafor")
    assert "not in your journal yet" in dialog.new_hint.text()
    dialog.notes.setPlainText("Met at the meetup")
    dialog.save()
    rows = journal.contact_list.rows()
    assert [r.display_name for r in rows] == ["Nia Okafor"]
    assert journal.contacts.get(rows[0].id).data.given_name == "Nia"
    assert journal.stats().conversations == 1


def test_a_name_that_matches_someone_is_not_added_as_a_new_contact(qtbot, journal, drafts):
    freja = add_contact(journal, "Freja", "Dahl")
    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.picker, "Freja")
    with qtbot.waitSignal(dialog.picker.suggestions_changed):
        pass  # the suggestions arrive after a short pause in typing
    # No promise to add "Freja" while Freja Dahl is listed ...
    assert not dialog.new_hint.isVisible()
    dialog.notes.setPlainText("Quick call")
    dialog.save()
    # ... and saving refuses instead of creating a second person.
    assert dialog.result() == 0
    assert "matches people in your journal" in dialog.errors._fields["contacts"][0].text()
    assert [r.id for r in journal.contact_list.rows()] == [freja]
    assert journal.stats().conversations == 0


def test_validation_errors_show_inline_and_nothing_is_saved(qtbot, journal, drafts):
    ana = add_contact(journal)
    dialog = QuickLogDialog(journal, drafts, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Promised a proposal")
    dialog.has_due.setChecked(True)  # a due date without saying what the next step is
    dialog.save()
    assert dialog.result() == 0
    assert dialog.errors._fields["next_step"][0].text().startswith("Say what the next step is")
    assert journal.stats().conversations == 0
    assert dialog.notes.toPlainText() == "Promised a proposal"


def test_disk_full_keeps_the_form_and_the_draft(qtbot, journal, drafts):
    ana = add_contact(journal)
    with journal.db.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    journal.db.engine.dispose()

    @event.listens_for(journal.db.engine, "connect")
    def _full(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    dialog = QuickLogDialog(journal, drafts, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("x" * 400_000)
    dialog.save()
    assert dialog.result() == 0
    assert "disk is full" in dialog.banner.text()
    assert dialog.notes.toPlainText() == "x" * 400_000
    assert len(drafts.pending(DRAFT_KIND)) == 1
    assert journal.stats().conversations == 0


def test_read_only_journal_keeps_the_form(qtbot, journal, drafts):
    ana = add_contact(journal)
    journal.db.engine.dispose()

    @event.listens_for(journal.db.engine, "connect")
    def _read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = 1")

    dialog = QuickLogDialog(journal, drafts, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("kept")
    dialog.save()
    assert "read-only" in dialog.banner.text()
    assert dialog.notes.toPlainText() == "kept"


def test_draft_survives_a_crash_and_is_offered_back(
    qtbot, journal, drafts, ui_settings, monkeypatch
):
    from colearn_desktop.ui.shell.main_window import MainWindow

    ana = add_contact(journal)
    dialog = QuickLogDialog(journal, drafts, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.notes, "They want a shop by spring")
    qtbot.keyClicks(dialog.learned, "Budgets are set in January")
    # The autosave timer writes the draft within a few seconds of typing.
    qtbot.waitUntil(lambda: bool(drafts.pending(DRAFT_KIND)), timeout=5000)
    # "Crash": the dialog vanishes without save or cancel.
    dialog.hide()
    dialog._autosave.stop()
    dialog.deleteLater()

    window = MainWindow(journal, drafts, ui_settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Open.value)
    restored = {}

    def resume(draft):
        reopened = QuickLogDialog(journal, drafts, window, draft=draft)
        qtbot.addWidget(reopened)
        restored["notes"] = reopened.notes.toPlainText()
        restored["learned"] = reopened.learned.toPlainText()
        restored["who"] = reopened.participant_ids()
        reopened.save()
        return reopened.conversation_id

    monkeypatch.setattr(window.actions_, "resume_draft", resume)
    window.commands.offer_drafts()
    assert restored == {
        "notes": "They want a shop by spring",
        "learned": "Budgets are set in January",
        "who": (ana,),
    }
    assert drafts.pending(DRAFT_KIND) == []  # deleted only now that it is committed
    assert journal.conversations.for_contact(ana)[0].data.learned == "Budgets are set in January"


def test_cancel_asks_before_throwing_a_note_away(qtbot, journal, drafts, monkeypatch):
    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("half a thought")
    dialog.save_draft_now()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel.value)
    dialog.reject()
    assert dialog.result() == 0
    assert len(drafts.pending(DRAFT_KIND)) == 1
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard.value)
    dialog.reject()
    assert drafts.pending(DRAFT_KIND) == []


def test_draft_records_every_field(qtbot, journal, drafts):
    ana = add_contact(journal)
    dialog = QuickLogDialog(journal, drafts, contact_id=ana)
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("n")
    dialog.next_step.setText("step")
    dialog.has_due.setChecked(True)
    dialog.praise.setChecked(True)
    dialog.save_draft_now()
    fields = drafts.pending(DRAFT_KIND)[0].fields
    assert fields["participants"] == [[ana, "Ana García"]]
    assert fields["praise"] is True
    assert date.fromisoformat(fields["next_step_due"]) > date(2026, 11, 22)
    assert datetime.fromisoformat(fields["happened_at"]) == datetime(2026, 11, 22, 9, 30)


def test_a_name_the_duplicate_finder_knows_is_named_before_a_new_contact(qtbot, journal, drafts):
    """Saved before the list's suggestions arrive (they wait for a pause in typing), "Dahl,
    Freja" is still found to be Freja Dahl: the quick log asks the duplicate finder (#17).
    Saving again adds a new contact anyway."""
    freja = add_contact(journal, "Freja", "Dahl")
    dialog = QuickLogDialog(journal, drafts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.picker, "Dahl, Freja")
    assert not dialog.picker.has_suggestions()  # typed fast: the list has not asked yet
    dialog.notes.setPlainText("Quick call")
    dialog.save()
    assert dialog.result() == 0
    message = dialog.errors._fields["contacts"][0].text()
    assert f"looks like Freja Dahl (#{freja})" in message
    assert journal.stats().conversations == 0

    dialog.save()  # the user means it: a second person of that name
    assert dialog.result() == QuickLogDialog.DialogCode.Accepted
    assert len(journal.contact_list.rows()) == 2
    assert journal.stats().conversations == 1
