"""Settings (journal and this computer), moving the journal, and the first start."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths, read_location
from colearn_desktop.ui.settings.general_settings import GeneralSettingsPage
from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch.welcome import WelcomeDialog
from tests.helpers import add_contact


def test_settings_save_journal_and_machine_preferences(qtbot, window, journal, on_modal):
    def edit(dialog):
        assert isinstance(dialog, SettingsDialog)
        dialog.my_name.setText("Zoë")
        dialog.stage_cadence["help"].setValue(45)
        general = next(
            dialog.tabs.widget(i)
            for i in range(dialog.tabs.count())
            if isinstance(dialog.tabs.widget(i), GeneralSettingsPage)
        )
        general.excel_safe.setChecked(False)
        general.level.setCurrentIndex(general.level.findData("off"))
        dialog.save()

    on_modal(edit)
    window.menus.settings_action.trigger()
    settings = journal.settings.get()
    assert settings.my_name == "Zoë"
    assert settings.stage_cadence["help"] == 45
    assert window.settings.value("export/excel_safe", type=bool) is False
    assert window.settings.value("reminders/tray_digest", type=bool) is False
    assert window.settings.value("reminders/level") == "off"


def test_invalid_checkins_keep_the_dialog_open(qtbot, journal):
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.checkins.setText("two weeks")
    dialog.save()
    assert dialog.result() == 0
    assert "numbers" in dialog.banner.text()
    assert journal.settings.get().checkin_offsets == (14, 90)


def test_the_phone_region_is_saved_and_an_unknown_one_refused(qtbot, journal):
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.phone_region.setText("xx")
    dialog.save()
    assert dialog.result() == 0
    assert "phone_region: must be a two-letter region code" in dialog.banner.text()
    dialog.phone_region.setText("gb")
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert journal.settings.get().phone_region == "GB"


def test_moving_the_journal_copies_it_and_closes(qtbot, window, journal, tmp_path, monkeypatch):
    add_contact(journal, "Ana")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes.value)
    target = tmp_path / "synced"
    assert window.commands.move_journal(target) is True
    assert window.journal_moved
    assert not window.isVisible()
    assert read_location() == target
    moved = open_journal(target / "journal.sqlite3")
    assert [r.display_name for r in moved.contact_list.rows()] == ["Ana García"]
    moved.close()


def test_first_start_shows_welcome_and_saves_about_me(qtbot, tmp_path, on_modal):
    paths = DataPaths(tmp_path / "fresh")

    def choose(dialog):
        assert isinstance(dialog, WelcomeDialog)
        dialog.name.setText("Zoë")
        dialog.offer.setText("calm websites")
        dialog.empty_button.click()

    on_modal(choose)
    session, code = start_session(paths, demo=False, demo_contacts=0)
    assert code == 0
    qtbot.addWidget(session.window)
    assert session.journal.settings.get().my_name == "Zoë"
    assert session.journal.stats().contacts == 0
    session.end()


def test_first_start_can_try_the_demo_without_creating_a_real_journal(qtbot, tmp_path, on_modal):
    paths = DataPaths(tmp_path / "fresh")
    on_modal(lambda dialog: dialog.demo_button.click())
    session, _ = start_session(paths, demo=False, demo_contacts=12)
    qtbot.addWidget(session.window)
    assert session.journal.path == paths.demo().journal
    assert session.journal.stats().contacts == 12
    session.end()
    assert not paths.journal.exists()


def test_closing_the_welcome_creates_nothing(qtbot, tmp_path, on_modal):
    paths = DataPaths(tmp_path / "fresh")
    on_modal(lambda dialog: dialog.reject())
    session, code = start_session(paths, demo=False, demo_contacts=0)
    assert (session, code) == (None, 0)
    assert not paths.journal.exists()
