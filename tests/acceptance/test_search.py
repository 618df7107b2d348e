"""Job 7, finding: "I type a word and see every contact, conversation, learning and favour
with it."  Ctrl+K, keys only, read from the screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMainWindow, QWidget

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput
from tests.acceptance.contacts_keys import shown_contact
from tests.acceptance.dialogs import reactivate
from tests.acceptance.keys import press, type_text
from tests.acceptance.people import client_with_history, talked
from tests.acceptance.screen import render, view_rows, visible_text

RESULTS_TIMEOUT_MS = 3000


def nordlys_everywhere(journal) -> dict[str, int]:
    """The word "Nordlys" in a contact (Freja's company), a conversation, a learning and a
    favour (with Sam)."""
    people = client_with_history(journal)
    talked(
        journal,
        people["Sam"],
        5,
        notes="Talked about the Nordlys print run.",
        learned="Nordlys prints in Oslo every March.",
    )
    journal.favours.add(
        FavourInput(people["Sam"], FavourDirection.THEY_OWE, FavourKind.INTRO, "Intro at Nordlys")
    )
    return people


def shown_results() -> list[str]:
    """The rows of the list in the active window other than the main one (the search's)."""
    window = QApplication.activeWindow()
    if window is None or isinstance(window, QMainWindow) or not window.isVisible():
        return []
    views = [v for v in window.findChildren(QAbstractItemView) if v.isVisible()]
    return [row for view in views for row in view_rows(view)]


def results_text() -> str:
    return "\n".join(shown_results())


def search_for(qtbot, word: str) -> QWidget:
    """Ctrl+K, then ``word`` typed into the search that opens: the search window, once the
    results for ``word`` show (no Enter: they come as you type)."""
    press(qtbot, "Ctrl+K")
    qtbot.waitUntil(_search_has_the_keys, timeout=RESULTS_TIMEOUT_MS)
    search = QApplication.activeWindow()
    type_text(qtbot, word)
    qtbot.waitUntil(
        lambda: word.casefold() in results_text().casefold(), timeout=RESULTS_TIMEOUT_MS
    )
    return search


def _search_has_the_keys() -> bool:
    window = QApplication.activeWindow()
    focus = QApplication.focusWidget()
    return (
        window is not None
        and not isinstance(window, QMainWindow)
        and isinstance(focus, QLineEdit)
        and window.isAncestorOf(focus)
        and not focus.text()
    )


def choose_result(qtbot, window: QWidget, search: QWidget, text: str) -> None:
    """Down to the result that shows ``text``, then Enter: the search closes."""
    view = search.findChild(QAbstractItemView)
    for _ in range(len(shown_results())):
        if text in str(view.currentIndex().data()):
            break
        press(qtbot, "Down")
    assert text in str(view.currentIndex().data())
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: not search.isVisible())
    reactivate(qtbot, window)


def current_tab(window: QMainWindow) -> str:
    tabs = window.contact_page.tabs
    return tabs.tabText(tabs.currentIndex()).replace("&", "")


def other_windows(main: QWidget) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not main.window()]


def test_ctrl_k_shows_results_as_you_type(qtbot, start_app):
    start_app(nordlys_everywhere)
    press(qtbot, "Ctrl+K")
    type_text(qtbot, "Nordlys")
    qtbot.waitUntil(lambda: "Intro at Nordlys" in results_text(), timeout=RESULTS_TIMEOUT_MS)
    search = QApplication.activeWindow()
    press(qtbot, "Escape")
    qtbot.waitUntil(lambda: not search.isVisible())


def test_search_everything_then_open_the_contact(qtbot, start_app, screenshots):
    window = start_app(nordlys_everywhere)
    search = search_for(qtbot, "Nordlys")
    assert search.windowTitle() == "Search everything"
    render(search, screenshots, "search-results")
    found = results_text()
    # Every kind of thing with the word in it, in its group.
    for group in ("Contacts", "Conversations", "What I learned", "Favours"):
        assert group in found, f"no {group!r} group in:\n{found}"
    for hit in (
        "Freja Dahl",
        "Talked about the Nordlys print run.",
        "Nordlys prints in Oslo every March.",
        "Intro at Nordlys",
    ):
        assert hit in found, f"{hit!r} is not among the results:\n{found}"
    # The first result is Freja (her company); Enter opens her.
    choose_result(qtbot, window, search, "Freja Dahl")
    qtbot.waitUntil(lambda: shown_contact(window) == "Freja Dahl")
    render(window, screenshots, "search-opened-freja")
    # Again (the search opens empty), Down to the learning: Enter opens Sam, with whom it
    # was learned, on the timeline at that conversation.
    assert search_for(qtbot, "Nordlys") is search
    choose_result(qtbot, window, search, "Nordlys prints in Oslo")
    qtbot.waitUntil(lambda: shown_contact(window) == "Sam Okafor")
    assert current_tab(window) == "Timeline"
    assert not other_windows(window)


@pytest.mark.parametrize(
    ("word", "found", "whose", "tab"),
    [
        ("Nordlys", "Intro at Nordlys", "Sam Okafor", "Favours"),
        ("identity", "Brand identity", "Freja Dahl", "Purchases"),
    ],
)
def test_enter_on_a_favour_or_purchase_opens_it_on_its_tab(
    qtbot, start_app, word, found, whose, tab
):
    window = start_app(nordlys_everywhere)
    choose_result(qtbot, window, search_for(qtbot, word), found)
    qtbot.waitUntil(lambda: shown_contact(window) == whose)
    assert current_tab(window) == tab
    table = window.contact_page.tabs.currentWidget().findChild(QAbstractItemView)
    current = table.currentIndex()
    shown = [str(current.siblingAtColumn(c).data()) for c in range(table.model().columnCount())]
    assert found in shown, shown  # that row is selected
    assert QApplication.focusWidget() is table  # and the keys act on it


def test_enter_on_a_conversation_opens_the_timeline_at_it(qtbot, start_app, screenshots):
    """The older of Freja's two conversations: marked, in view, and the only one marked."""
    window = start_app(nordlys_everywhere)
    choose_result(qtbot, window, search_for(qtbot, "kick"), "Kick-off for the new brand")
    qtbot.waitUntil(lambda: shown_contact(window) == "Freja Dahl")
    assert current_tab(window) == "Timeline"
    timeline = window.contact_page.timeline
    card = timeline.current_card()
    assert card is not None
    assert "Kick-off for the new brand." in visible_text(card)
    assert [c for c in timeline.cards() if c.current] == [card]  # the only one marked
    qtbot.waitUntil(lambda: _in_view(timeline, card))
    render(window, screenshots, "search-opened-conversation")


def _in_view(scroll_area, widget: QWidget) -> bool:
    top = widget.mapTo(scroll_area.viewport(), widget.rect().topLeft()).y()
    return 0 <= top < scroll_area.viewport().height()


def test_a_group_with_more_results_shows_them_all(qtbot, start_app):
    """Six conversations about the print run: four show, "Show all" brings the other two."""

    def print_runs(journal) -> None:
        people = nordlys_everywhere(journal)
        for day in range(6):
            talked(journal, people["Sam"], 30 + day, notes=f"Print run number {day}.")

    window = start_app(print_runs)
    search = search_for(qtbot, "number")
    assert "Conversations (4+)" in results_text()
    assert "Print run number 1." not in results_text()  # the newest four show
    choose_more = "Show all conversations found"
    view = search.findChild(QAbstractItemView)
    while choose_more not in str(view.currentIndex().data()):
        press(qtbot, "Down")
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: "Conversations (6)" in results_text())
    assert "Print run number 0." in results_text()
    # The cursor is on the first result that was not shown before; Enter opens it.
    current = str(view.currentIndex().data())
    assert "Print run number 1." in current or "Print run number 0." in current
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: not search.isVisible())
    reactivate(qtbot, window)
    assert current_tab(window) == "Timeline"
