"""The Referrals screen: ready to ask with reasons, asks and their answers, referrals received,
the funnel; and the whole loop on the demo journal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.enums import AskStatus
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.referrals.referral_composer import ReferralComposer
from colearn_desktop.ui.referrals.referrals_models import (
    AsksModel,
    ReadyColumn,
    ReadyToAskModel,
    ReferredPeopleModel,
    ReferrersModel,
)
from colearn_desktop.ui.referrals.referrals_page import ReferralsPage
from colearn_desktop.ui.referrals.template_editor import TemplateEditor
from tests.core.referrals.helpers import ask, client
from tests.helpers import add_contact
from tests.ui.referral_fixtures import (  # noqa: F401
    MY_DETAILS,
    happy_fixture,
    no_unexpected_questions_fixture,
)


def make_page(qtbot, journal):
    signals = JournalSignals(journal)
    page = ReferralsPage(journal, signals)
    page._test_signals = signals  # keep the relay alive as long as the page
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_every_model_passes_the_model_tester(qtmodeltester, demo_journal):
    referrals = demo_journal.referrals
    today = demo_journal.clock.today
    ready = ReadyToAskModel(today, lambda *_: None)
    suggestions = referrals.ready_to_ask(include_excluded=True)
    ready.set_rows(suggestions)
    ask(demo_journal, suggestions[0].contact_id, message="Hi")
    asks = AsksModel(today)
    asks.set_rows(referrals.asks.rows())
    referrers = ReferrersModel(today)
    received = referrals.history.received()
    referrers.set_rows(received)
    people = ReferredPeopleModel(today)
    people.set_rows(referrals.history.referred_by(received[0].contact_id))
    for model in (ready, asks, referrers, people):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
        model.set_rows([])
        qtmodeltester.check(model, force_py=True)


def test_ready_to_ask_shows_reasons_and_never_ask_hides(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    assert page.ready_model.rowCount() == 1
    assert page.tabs.tabText(0) == "&Ready to ask (1)"
    name = page.ready_model.index(0, ReadyColumn.NAME)
    why = page.ready_model.index(0, ReadyColumn.WHY)
    assert name.data() == "Ana Client"
    assert why.data() == (
        "Praised your work 20 days ago · “Brand identity” 30 days ago · never asked"
    )
    assert "They said: “You made our whole team feel heard & understood.”" in why.data(
        Qt.ItemDataRole.ToolTipRole
    )
    never = page.ready_model.index(0, ReadyColumn.NEVER_ASK)
    assert never.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert page.ready_model.setData(
        never, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 0)
    page.show_excluded.setChecked(True)
    assert page.ready_model.rowCount() == 1
    assert (
        page.ready_model.index(0, ReadyColumn.NEVER_ASK).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert page.never_button.text() == "Allow asking a&gain"
    qtbot.mouseClick(page.never_button, Qt.MouseButton.LeftButton)
    page.show_excluded.setChecked(False)
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 1)


def test_ask_button_opens_the_composer_for_the_selected_person(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    qtbot.mouseClick(page.ask_button, Qt.MouseButton.LeftButton)
    composer = page.findChild(ReferralComposer)
    assert composer is not None
    assert composer.isVisible()
    assert composer.contact_id == happy
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 0)
    assert page.tabs.tabText(1) == "As&ks (1 open)"
    assert page.asks_model.rowCount() == 1
    assert page.funnel_label.text().startswith("1 ask →")


def test_answering_an_ask_from_the_asks_tab(qtbot, journal, happy):
    ask_id = ask(journal, happy, asked_days_ago=3, message="Hello Ana & co")
    page = make_page(qtbot, journal)
    page.tabs.setCurrentIndex(1)
    assert page.asks_table.currentIndex().row() == 0
    assert page.message_view.toPlainText() == "Hello Ana & co"
    assert not page.status_buttons[AskStatus.ASKED].isEnabled()
    qtbot.mouseClick(page.status_buttons[AskStatus.DECLINED], Qt.MouseButton.LeftButton)
    assert journal.referrals.asks.get(ask_id).status is AskStatus.DECLINED
    qtbot.waitUntil(lambda: page.asks_model.rowCount() == 0)  # no longer waiting
    page.ask_filter.setCurrentIndex(page.ask_filter.findText("All asks"))
    assert page.asks_model.index(0, 3).data() == "Declined"


def test_opening_a_contact_is_requested_by_signal(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    with qtbot.waitSignal(page.open_contact_requested) as opened:
        qtbot.mouseClick(page.open_ready_button, Qt.MouseButton.LeftButton)
    assert opened.args == [happy]


def test_template_editor_opens_from_the_page(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    qtbot.mouseClick(page.templates_button, Qt.MouseButton.LeftButton)
    editor = page.findChild(TemplateEditor)
    assert editor is not None
    assert editor.model.rowCount() == 4


def test_the_whole_loop_on_the_demo_journal(qtbot, demo_journal):
    """Who should I ask? → copied message → recorded ask → the referral comes back → thank."""
    journal = demo_journal
    journal.settings.update(**MY_DETAILS)
    page = make_page(qtbot, journal)
    assert page.ready_model.rowCount() > 0
    person = page.selected_ready_id()
    top_name = page.ready_model.index(0, 0).data()
    composer = page.open_composer(person)
    assert composer.contact_id == person
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Hi ")
    qtbot.mouseClick(composer.yes_button, Qt.MouseButton.LeftButton)
    (recorded,) = journal.referrals.asks.rows(contact_id=person)[:1]
    assert recorded.message == copied
    qtbot.waitUntil(lambda: top_name not in [r.display_name for r in page.ready_model.rows()])

    # The referral comes back: a new contact referred by that person.
    new = add_contact(journal, "Nia", "Referred", referred_by_id=person)
    assert journal.referrals.asks.get(recorded.id).status is AskStatus.REFERRED
    thanks = [i for i in journal.reminders.items_for_contact(person) if i.kind is DueKind.THANKS]
    assert thanks

    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: any(r.contact_id == person for r in page.referrers_model.rows()))
    row = next(i for i, r in enumerate(page.referrers_model.rows()) if r.contact_id == person)
    page.referrers_table.setCurrentIndex(page.referrers_model.index(row, 0))
    assert any(p.contact_id == new for p in page.referred_model.rows())
    qtbot.mouseClick(page.thank_button, Qt.MouseButton.LeftButton)
    assert not [i for i in journal.reminders.items_for_contact(person) if i.kind is DueKind.THANKS]


def test_the_funnel_follows_the_period(qtbot, journal, happy):
    ask(journal, happy, asked_days_ago=200)
    add_contact(journal, "Lea", referred_by_id=happy)
    page = make_page(qtbot, journal)
    page.period_box.setCurrentIndex(page.period_box.findText("Last 90 days"))
    assert page.funnel_label.text() == (
        "0 asks → 0 answered with a referral → 1 referral received → 0 new clients"
    )
    page.period_box.setCurrentIndex(page.period_box.findText("All time"))
    assert page.funnel_label.text().startswith("1 ask → 1 answered with a referral")


def test_page_reloads_only_when_visible(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    page.hide()
    client(journal, "Ben")
    assert page.ready_model.rowCount() == 1
    page.show()
    assert page.ready_model.rowCount() == 2


def test_a_computed_no_answer_can_be_confirmed(qtbot, journal, happy):
    ask_id = ask(journal, happy, asked_days_ago=45)  # no answer after 30 days
    page = make_page(qtbot, journal)
    page.tabs.setCurrentIndex(1)
    assert page.asks_model.index(0, 3).data() == "No answer"
    button = page.status_buttons[AskStatus.NO_ANSWER]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert journal.referrals.asks.get(ask_id).answered
    qtbot.waitUntil(lambda: page.asks_model.rowCount() == 0)


def test_answering_an_ask_deleted_meanwhile_says_so_on_the_page(qtbot, journal, happy):
    """The ask's contact was deleted (with the ask) before the page refreshed: the journal's
    "does not exist" is shown in the page's banner, not thrown at the crash dialog."""
    ask(journal, happy, asked_days_ago=3)
    page = make_page(qtbot, journal)
    page.tabs.setCurrentIndex(1)
    journal.contacts.archive(happy)
    journal.contacts.delete_permanently(happy)
    page.set_selected_status(AskStatus.DECLINED)  # the row is still on screen
    assert page.error_label.text() == (
        "Nothing was changed: referral ask 1 does not exist any more (it was deleted "
        "meanwhile, perhaps with its contact). The screen now shows what is in the journal."
    )
    assert page.error_label.isVisibleTo(page)
    with qtbot.waitSignal(page.refresh_policy.refreshed):
        pass  # the deletion's refresh
    assert page.asks_model.rowCount() == 0
    assert page.message_view.toPlainText() == ""
    assert not page.open_ask_button.isEnabled()


def test_the_received_tab_counts_referrals_to_thank_in_words(qtbot, journal, happy):
    page = make_page(qtbot, journal)
    page.reload()
    hint = page.received.hint.text()
    assert hint.startswith("Who sent people your way in this period.")
    assert "(s)" not in hint  # the English plural forms are found


def test_never_ask_on_everyone_selected_is_one_undo_step(qtbot, journal):
    for name in ("Ana", "Ben", "Cy"):
        client(journal, name)
    page = make_page(qtbot, journal)
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 3)
    page.ready_table.setFocus()
    qtbot.keyClick(page.ready_table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.never_button.text() == "&Never ask"

    qtbot.mouseClick(page.never_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 0)
    assert journal.undo.next_undo().label == "Never ask 3 contacts for referrals"
    journal.undo.undo()
    qtbot.waitUntil(lambda: page.ready_model.rowCount() == 3)
