"""Settings ▸ Phone (vdir) and the window's keeper: choosing the folders writes the vdir, the
app keeps it current after a change, a phone edit comes back once (one undo step) and the
refresh that follows ends the chain, and a failing folder is a sentence while the save
stands."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.settings.vdir_page import VdirPage
from tests.helpers import add_contact
from tests.ui.settings.test_calendar_file import SHOTS, keeper  # noqa: F401 (a fixture)


def page_for(journal, keeper, qtbot, *chosen) -> VdirPage:  # noqa: F811
    folders = list(chosen)
    widget = VdirPage(journal, keeper, choose_folder=lambda parent, title: folders.pop(0))
    qtbot.addWidget(widget)
    widget.resize(700, 420)
    widget.show()
    return widget


def test_choosing_the_folders_writes_the_vdir_of_a_tag(journal, keeper, tmp_path, qtbot):  # noqa: F811
    add_contact(journal, "Ana", tags=("phone",))
    add_contact(journal, "Bo")
    contacts, calendar = tmp_path / "contacts", tmp_path / "calendar"
    page = page_for(journal, keeper, qtbot, str(contacts), str(calendar))
    assert not page.keep_button.isEnabled()
    page.contacts_button.click()
    page.calendar_button.click()
    assert page.contacts_label.text() == str(contacts)
    page.which.setCurrentIndex(page.which.findData("phone"))
    assert page.which.currentText() == "The contacts tagged phone"
    with qtbot.waitSignal(keeper.refreshed):
        page.keep_button.click()
    [card] = contacts.glob("*.vcf")
    assert b"FN:Ana Garc" in card.read_bytes()
    settings = LocalSettings(journal.path.parent)
    assert settings.vdir_folders == (contacts, calendar)
    assert settings.vdir_tag == "phone"
    # The card, and the events of Ana's and Bo's birthdays in the calendar folder.
    assert page.came_back.text() == (
        "Nothing came back from the phone; 3 file(s) written, 0 unchanged, 0 removed."
    )
    assert page.status.text() == "The vdir is up to date."
    assert page.written_label.text() not in ("", "—")
    assert not page.keep_button.isEnabled()
    page.grab().save(str(SHOTS / "vdir-page.png"))

    page.which.setCurrentIndex(0)  # every contact: applied at once, as it is kept
    with qtbot.waitSignal(keeper.refreshed):
        page.which.activated.emit(0)
    assert len(list(contacts.glob("*.vcf"))) == 2
    page.stop_button.click()
    assert settings.vdir_folders is None
    assert page.status.text() == (
        "The vdir is no longer kept up to date; both folders were left as they are."
    )
    assert len(list(contacts.glob("*.vcf"))) == 2


def test_one_folder_for_both_is_refused_on_the_page(journal, keeper, tmp_path, qtbot):  # noqa: F811
    page = page_for(journal, keeper, qtbot, str(tmp_path), str(tmp_path))
    page.contacts_button.click()
    page.calendar_button.click()
    page.keep_button.click()
    assert page.error.text().startswith("calendar: the contacts and the calendar need two")
    assert LocalSettings(journal.path.parent).vdir_folders is None


def test_a_phone_edit_comes_back_once_and_the_chain_ends(journal, keeper, tmp_path, qtbot):  # noqa: F811
    ana = add_contact(journal, "Ana", notes="Old note.")
    contacts, calendar = tmp_path / "contacts", tmp_path / "calendar"
    LocalSettings(journal.path.parent).set_vdir_folders((contacts, calendar))
    with qtbot.waitSignal(keeper.refreshed):
        keeper.refresh_now()
    [card] = contacts.glob("*.vcf")
    card.write_bytes(card.read_bytes().replace(b"NOTE:Old note.", b"NOTE:From the phone."))
    steps = len(journal.undo.history())

    with qtbot.waitSignal(keeper.refreshed) as first:
        keeper.refresh_now()
    assert journal.contacts.get(ana).data.notes == "From the phone."
    [result] = first.args[0]
    assert result.message.startswith("1 contact(s) changed and 0 added from the phone; ")
    assert keeper.waiting  # reading it back was a change: one more refresh is asked for
    with qtbot.waitSignal(keeper.refreshed) as second:
        pass
    [result] = second.args[0]
    assert result.message.startswith("Nothing came back from the phone; ")
    QCoreApplication.processEvents()
    assert not keeper.waiting  # that one changed nothing: no third
    history = journal.undo.history()
    assert len(history) == steps + 1
    assert "vdir" in history[0].label
    assert b"NOTE:From the phone." in card.read_bytes()


def test_the_window_keeps_the_vdir_and_a_failing_folder_is_a_sentence(
    window, journal, tmp_path, qtbot
):
    contacts, calendar = tmp_path / "contacts", tmp_path / "calendar"
    LocalSettings(journal.path.parent).set_vdir_folders((contacts, calendar))
    with qtbot.waitSignal(window.live_outputs.refreshed, timeout=10_000):
        add_contact(journal, "Ana")
    assert len(list(contacts.glob("*.vcf"))) == 1
    # The contacts' folder is now a file (a drive mounted over it, a slip in a file manager).
    for card in contacts.iterdir():
        card.unlink()
    contacts.rmdir()
    contacts.write_text("not a folder", encoding="utf-8")
    with qtbot.waitSignal(window.live_outputs.failed, timeout=10_000) as failure:
        bo = journal.contacts.create(ContactInput(given_name="Bo"))
    assert failure.args[0].startswith(f"The vdir {contacts} could not be updated: ")
    assert "Your change is saved in the journal" in failure.args[0]
    assert window.statusBar().currentMessage() == failure.args[0]
    assert journal.contacts.get(bo).data.given_name == "Bo"
