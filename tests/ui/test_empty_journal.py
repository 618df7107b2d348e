"""An empty journal: every screen says what to do first, and offers no button that would act
on nothing."""

from __future__ import annotations

from colearn_desktop.ui.search.search_popup import SearchPopup
from tests.helpers import add_contact


def test_today_says_to_add_people_first(qtbot, window):
    page = window.today_page
    qtbot.waitUntil(lambda: page.empty.text().startswith("Your journal is empty."), timeout=5000)
    assert "File ▸ New contact… (Ctrl+N)" in page.empty.text()
    assert "File ▸ Import contacts… (Ctrl+Shift+I)" in page.empty.text()


def test_today_of_a_calm_journal_is_not_called_empty(qtbot, window, journal):
    add_contact(journal, "Ana")
    page = window.today_page
    qtbot.waitUntil(lambda: page.empty.text() == "Nothing is due today. Time for deep work.")


def test_referrals_say_who_shows_up_and_disable_their_buttons(qtbot, window):
    window.show_screen("referrals")
    page = window.referrals_page
    qtbot.waitUntil(page.ready_empty.isVisible, timeout=5000)
    assert page.ready_empty.text().startswith("Nobody is ready to ask yet.")
    assert page.ready_table.model().rowCount() == 0
    assert not page.ask_button.isEnabled()
    assert not page.never_button.isEnabled()
    assert not page.open_ready_button.isEnabled()


def test_insights_say_where_learnings_come_from(qtbot, window):
    window.show_screen("insights")
    page = window.insights_page
    qtbot.waitUntil(lambda: page.learnings_count.text().startswith("No learnings"), timeout=5000)
    assert "“What I learned”" in page.learnings_count.text()


def test_search_says_where_it_looked(qtbot, window):
    window.open_search("nobody")
    popup = window.findChild(SearchPopup)
    assert popup is not None
    qtbot.waitUntil(lambda: popup.status.text().startswith("Nothing found."), timeout=5000)
    assert "names, companies, e-mails" in popup.status.text()
