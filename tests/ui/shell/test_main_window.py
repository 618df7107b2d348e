"""The main window end to end: create a contact, log a call, see the screens update; archive,
undo, restore; keyboard shortcuts; remembered layout."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.shell.main_window import MainWindow
from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.helpers import add_contact, log_call


def test_create_contact_then_log_a_call_updates_list_and_page(qtbot, window, journal, on_modal):
    def fill_contact(dialog):
        assert isinstance(dialog, ContactEditor)
        # QTest can only type ASCII; other text is set directly.
        dialog.given.setText("Zoë")
        dialog.family.setText("Ørsted")
        qtbot.keyClicks(dialog.company, "Nordlys")
        dialog.save()

    on_modal(fill_contact)
    window.menus.new_contact_action.trigger()
    assert journal.stats().contacts == 1
    assert window.contacts_page.model.rowCount() == 1
    assert window.contact_page.header.name.text() == "Zoë Ørsted"
    contact_id = window.contact_page.contact_id

    def fill_log(dialog):
        assert isinstance(dialog, QuickLogDialog)
        assert dialog.participant_ids() == (contact_id,)  # the contact on screen
        qtbot.keyClicks(dialog.notes, "Talked about the shop")
        qtbot.keyClicks(dialog.learned, "They budget in January")
        qtbot.keyClicks(dialog.next_step, "Send quote")
        qtbot.keyClick(dialog.next_step, Qt.Key.Key_Return)  # Enter saves

    on_modal(fill_log)
    window.menus.log_action.trigger()
    timeline = journal.conversations.for_contact(contact_id)
    assert [v.data.notes for v in timeline] == ["Talked about the shop"]
    window.contact_page.tabs.setCurrentWidget(window.contact_page.timeline)
    texts = [
        label.text()
        for card in window.contact_page.timeline.cards()
        for label in card.findChildren(QLabel)
    ]
    assert "Learned: They budget in January" in texts
    assert window.contacts_page.model.index(0, 3).data() == "today"


def test_contact_validation_is_shown_inline_and_nothing_is_saved(qtbot, journal):
    editor = ContactEditor(journal)
    qtbot.addWidget(editor)
    editor.emails.set_values((Labelled("not-an-email"),))
    editor.save()
    assert editor.result() == 0  # not accepted: the dialog stays with what was typed
    assert editor.emails.values() == (Labelled("not-an-email", ""),)
    name_error = editor.errors._fields["name"][0]
    assert name_error.text() == "A contact needs a name"
    email_error = editor.errors._fields["emails[0]"][0]
    assert "not a valid e-mail address" in email_error.text()
    assert journal.stats().contacts == 0
    qtbot.keyClicks(editor.given, "Ana")
    editor.emails.set_values(())
    editor.save()
    assert editor.result() == ContactEditor.DialogCode.Accepted
    assert journal.stats().contacts == 1


def test_archive_undo_redo_and_restore_from_the_archive(qtbot, window, journal):
    ana = add_contact(journal, "Ana")
    add_contact(journal, "Ben")
    window.open_contact(ana)
    window.menus.archive_action.trigger()
    assert journal.contacts.get(ana).archived
    assert [r.display_name for r in journal.contact_list.rows()] == ["Ben García"]
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.menus.undo_action.trigger()
    assert not journal.contacts.get(ana).archived
    window.menus.redo_action.trigger()
    assert journal.contacts.get(ana).archived
    window.navigation.show_archive()
    assert window.contacts_page.model.rowCount() == 1
    window.contacts_page.table.selectRow(0)
    assert window.contact_page.contact_id == ana
    # The page shows the archived state once the changes' refresh has run.
    qtbot.waitUntil(lambda: not window.contact_page.refresh_policy.pending)
    assert window.contact_page.restore_button.isVisibleTo(window.contact_page)
    window.contact_page.restore_button.click()
    assert not journal.contacts.get(ana).archived


def test_permanent_delete_only_from_the_archive_after_confirmation(
    qtbot, window, journal, monkeypatch
):
    ana = add_contact(journal, "Ana")
    window.open_contact(ana)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    buttons: list[str] = []

    def answer(box: QMessageBox) -> int:
        buttons.append(box.button(QMessageBox.StandardButton.Discard).text())
        return next(answers).value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window.menus.archive_action.trigger()  # archives
    window.menus.archive_action.trigger()  # already archived: asks, cancelled
    assert journal.contacts.get(ana).archived
    assert buttons == ["&Delete permanently"]  # (says what it does, not "Discard")
    window.menus.archive_action.trigger()  # asks again, confirmed
    assert journal.stats().archived_contacts == 0
    backups = list(journal.backups_dir.glob("*before-delete*"))
    assert len(backups) == 1
    assert str(backups[0]) in window.statusBar().currentMessage()


def test_undo_edit_and_log(qtbot, window, journal, on_modal):
    ana = add_contact(journal, "Ana", company="Old Co")
    window.open_contact(ana)

    def change_company(dialog):
        dialog.company.setText("New Co")
        dialog.save()

    on_modal(change_company)
    window.menus.edit_contact_action.trigger()
    assert journal.contacts.get(ana).data.company == "New Co"
    window.menus.undo_action.trigger()
    assert journal.contacts.get(ana).data.company == "Old Co"

    def log(dialog):
        dialog.notes.setPlainText("hello")
        dialog.save()

    on_modal(log)
    window.menus.log_action.trigger()
    assert journal.stats().conversations == 1
    window.menus.undo_action.trigger()
    assert journal.stats().conversations == 0
    assert journal.contacts.get(ana).last_contact_at is None


def test_markup_in_a_name_is_shown_as_plain_text(window, journal):
    ana = journal.contacts.create(ContactInput(name="<b>x</b><img src=y>"))
    window.open_contact(ana)
    label = window.contact_page.header.name
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>x</b><img src=y>"
    assert window.contacts_page.model.index(0, 0).data() == "<b>x</b><img src=y>"


def test_right_to_left_and_emoji_names_display(window, journal):
    layla = journal.contacts.create(ContactInput(name="ليلى حداد 🌿"))
    window.open_contact(layla)
    assert window.contact_page.header.name.text() == "ليلى حداد 🌿"


def test_long_notes_are_cut_with_a_way_to_read_all(window, journal):
    ana = add_contact(journal)
    log_call(journal, ana, when=datetime(2026, 11, 20, 9), notes="word " * 100_000)
    window.open_contact(ana)
    window.contact_page.tabs.setCurrentWidget(window.contact_page.timeline)
    card = window.contact_page.timeline.cards()[0]
    shown = [label.text() for label in card.findChildren(QLabel)]
    assert max(len(text) for text in shown) < 5000
    assert [b.text() for b in card.findChildren(QPushButton)] == ["Show all (499,999 characters)"]


def test_keyboard_shortcuts_exist_for_every_menu_action(window):
    missing = []
    for menu in window.menuBar().findChildren(type(window.menus.file_menu)):
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            has_key = not action.shortcut().isEmpty() or "&" in action.text()
            if not has_key:
                missing.append(action.text())
    assert missing == []


def test_the_window_knows_which_display_it_is_on(window):
    """QWidget.screen() stays Qt's (the QScreen the window is on: dialogs and the window's
    size are placed by it); a screen of the app is a page."""
    assert window.screen() is window.windowHandle().screen()
    assert window.page("today") is window.today_page


def test_window_layout_and_last_screen_are_remembered(qtbot, journal, drafts, tmp_path):
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)

    def open_window() -> MainWindow:
        window = MainWindow(journal, drafts, settings)
        qtbot.addWidget(window)
        window.show()
        return window

    first = open_window()
    first.resize(790, 540)
    first.contacts_splitter.setSizes([300, 400])
    sizes = first.contacts_splitter.sizes()
    size = first.size()
    first.close()
    second = open_window()
    assert second.current_screen() == "contacts"
    assert second.size() == size
    assert second.contacts_splitter.sizes() == sizes
    second.show_screen("insights")
    second.insights_page.wait_idle()
    second.close()
    third = open_window()
    assert third.current_screen() == "insights"
    third.show_screen("contacts")  # built now, with the splitter as it was left
    # (once laid out: the window grows to the screen's minimum width, which is wider than
    # the offscreen platform's 800-pixel screen it was restored to)
    qtbot.waitUntil(lambda: third.contacts_splitter.sizes() == sizes)


def test_file_menu_opens_import_and_export_and_writes_the_journal(
    qtbot, window, journal, on_modal, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    from colearn_desktop.ui.interchange.export_dialog import ExportDialog
    from colearn_desktop.ui.interchange.import_dialog import ImportDialog

    add_contact(journal, "Ana")
    seen = []

    def close(dialog):
        seen.append(type(dialog))
        dialog.reject()

    on_modal(close)
    window.menus.import_action.trigger()
    on_modal(close)
    window.menus.export_action.trigger()
    assert seen == [ImportDialog, ExportDialog]
    target = tmp_path / "everything.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.commands.export_journal()
    assert "Ana" in target.read_text("utf-8")
    assert str(target) in window.statusBar().currentMessage()
