"""The self-test's walk through every screen of the main window, as a user would click it.

Each method is one step of ``colearn --self-test``
(see :mod:`colearn_desktop.ui.self_check.self_test`): it works through the window's own actions
and dialogs, then checks what the user would see or what was stored, and raises
:class:`SelfTestError` with a sentence when something is wrong.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.enums import AskStatus, FavourKind
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.self_check.self_test_driver import (
    ModalAnswers,
    check,
    click,
    close,
    wait_until,
)
from colearn_desktop.ui.shell.main_window import MainWindow
from colearn_desktop.ui.today.quick_log import QuickLogDialog

REFERRER = "Rhea Referrer"
REFERRER_FIRST_NAME = "Rhea"


class Screens:
    def __init__(self, window: MainWindow):
        self.window = window
        self.journal = window.journal
        self.modals = ModalAnswers(window)
        self.contact = self.journal.contacts.create(
            ContactInput(given_name="Self", family_name="Test", cadence_days=7)
        )
        self.journal.conversations.log(
            ConversationInput((self.contact,), self.journal.clock.now() - timedelta(days=10))
        )
        self.referrer = self.journal.contacts.create(ContactInput(name=REFERRER))
        self.ask_id: int | None = None  # recorded by compose_ask, answered by referral

    def _refresh_today(self) -> None:
        page = self.window.today_page
        self.window.show_screen("today")
        page.refresh()
        wait_until(page.wait_idle, "the Today screen never finished working out its list")

    def today_lists_overdue(self) -> None:
        key = f"cadence:{self.contact}"
        due = self.journal.reminders.due(0)
        check(any(i.key == key for i in due.items), "Today does not list the overdue contact")
        self._refresh_today()
        page = self.window.today_page
        wait_until(lambda: page.model.index_of(key).isValid(), "the Today screen shows nothing")

    def quick_log_clears_today(self) -> None:
        dialog = QuickLogDialog(
            self.journal, self.window.drafts, self.window, contact_id=self.contact
        )
        dialog.notes.setPlainText("Self-test call")
        dialog.save()
        check(dialog.conversation_id is not None, "the quick log did not save")
        key = f"cadence:{self.contact}"
        due = self.journal.reminders.due(0)
        check(all(i.key != key for i in due.items), "logging a touch did not clear Today")

    def contact_page(self) -> None:
        self.window.open_contact(self.contact)
        page = self.window.contact_page
        check(self.window.current_screen() == "contacts", "the Contacts screen did not open")
        check(page.contact_id == self.contact, "the contact's page shows someone else")
        check(
            "Self Test" in page.name_label().text(), "the contact's page does not show their name"
        )
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            self.window.grab()  # paints the tab, as showing it would
        page.tabs.setCurrentIndex(0)

    def compose_ask(self) -> None:
        self.window.show_screen("referrals")
        composer = self.window.referrals_page.open_composer(self.referrer)
        check(REFERRER_FIRST_NAME in composer.message(), "the composed message lacks the name")
        self.ask_id = composer.record_ask()
        check(self.ask_id is not None, "the composer did not record the ask")

    def referral(self) -> None:
        """A new contact, referred by the person asked, through the contact editor."""
        questions: list[str] = []

        def fill_in(editor: QWidget) -> None:
            check(isinstance(editor, ContactEditor), "the contact editor did not open")
            assert isinstance(editor, ContactEditor)
            assert isinstance(editor.given, QLineEdit)
            assert isinstance(editor.family, QLineEdit)
            editor.given.setText("Newly")
            editor.family.setText("Referred")
            editor.referred_by.set_contact(self.referrer, REFERRER)
            editor.save()
            check(editor.result(), f"the contact was not saved: {editor.banner.text()}")

        def thank(box: QWidget) -> None:
            questions.append(box.text() if isinstance(box, QMessageBox) else "")
            click(QMessageBox.StandardButton.Yes)(box)

        self.modals.run(
            self.window.new_contact, ("contact editor", fill_in), ("thank-you offer", thank)
        )
        check(REFERRER in questions[0], "the thank-you offer does not name the referrer")
        check(self.ask_id is not None, "no ask was recorded before the referral")
        assert self.ask_id is not None
        status = self.journal.referrals.asks.get(self.ask_id).status
        check(status is AskStatus.REFERRED, f"the ask was not marked referred (it is {status})")
        favours = self.journal.favours.for_contact(self.referrer)
        check(
            any(f.data.kind is FavourKind.REFERRAL for f in favours),
            "the referral was not noted as a favour",
        )
        thanks = [i for i in self.journal.reminders.due(0).items if i.kind is DueKind.THANKS]
        check(thanks, "no thank-you is due on Today")
        self._refresh_today()
        check(
            self.window.today_page.model.index_of(thanks[0].key).isValid(),
            "the Today screen does not show the thank-you",
        )
        self.window.show_screen("referrals")
        page = self.window.referrals_page
        page.reload()
        check(
            any(r.contact_id == self.referrer for r in page.referrers_model.rows()),
            "the Referrals screen does not list the referral received",
        )

    def insights(self) -> None:
        self.window.show_screen("insights")
        page = self.window.insights_page
        page.reload()
        wait_until(page.wait_idle, "the Insights screen never finished its overview")

    def search(self) -> None:
        self.window.open_search("Referred")
        popup = self.window.navigation.search_popup
        wait_until(popup.model.hit_rows, "the search for a contact found nothing")
        popup.close()

    def dialogs(self) -> None:
        window = self.window
        window.show_screen("contacts")
        self.modals.run(window.commands.open_settings, ("Settings dialog", close))
        self.modals.run(window.commands.import_contacts, ("import dialog", close))
        self.modals.run(window.commands.export_contacts, ("export dialog", close))
