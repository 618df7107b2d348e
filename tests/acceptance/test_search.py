"""Job 7, finding: "I type a word and see every contact, conversation, learning and favour
with it."  Ctrl+K, keys only, read from the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QWidget
from pytestqt.exceptions import TimeoutError

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.records import FavourInput
from tests.acceptance.contacts_keys import shown_contact
from tests.acceptance.dialogs import reactivate
from tests.acceptance.keys import press, type_text
from tests.acceptance.known_bugs import bug_of_14
from tests.acceptance.people import client_with_history, talked
from tests.acceptance.screen import render, view_rows

RESULTS_TIMEOUT_MS = 3000


def nordlys_everywhere(journal) -> None:
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
    """Ctrl+K, ``word``, Enter: the search window, once its results are shown."""
    press(qtbot, "Ctrl+K")
    type_text(qtbot, word)
    press(qtbot, "Return")
    qtbot.waitUntil(lambda: bool(shown_results()), timeout=RESULTS_TIMEOUT_MS)
    return QApplication.activeWindow()


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


def other_windows(main: QWidget) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not main.window()]


@bug_of_14(
    "Finding: Ctrl+K only focuses the side bar box; results show after Enter, "
    "not as you type as the README promises",
    raises=TimeoutError,
)
def test_ctrl_k_shows_results_as_you_type(qtbot, start_app):
    start_app(nordlys_everywhere)
    press(qtbot, "Ctrl+K")
    type_text(qtbot, "Nordlys")
    qtbot.waitUntil(lambda: "Intro at Nordlys" in results_text(), timeout=RESULTS_TIMEOUT_MS)


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
    # Again, Down to the learning: Enter opens Sam, with whom it was learned.  (The search
    # shows its previous results until the new ones arrive, which put the cursor back on
    # the first: the story waits for them as a person would see them settle.)
    press(qtbot, "Ctrl+K")
    type_text(qtbot, "Nordlys")
    with qtbot.waitSignal(search.results_shown, timeout=RESULTS_TIMEOUT_MS):
        press(qtbot, "Return")
    assert QApplication.activeWindow() is search
    choose_result(qtbot, window, search, "Nordlys prints in Oslo")
    qtbot.waitUntil(lambda: shown_contact(window) == "Sam Okafor")
    assert not other_windows(window)


@bug_of_14(
    "Finding: Enter opens the contact's Brief, not the item that matched (README: "
    "'opens the contact at that item')",
)
def test_enter_on_a_favour_opens_it_on_the_favours_tab(qtbot, start_app):
    window = start_app(nordlys_everywhere)
    choose_result(qtbot, window, search_for(qtbot, "Nordlys"), "Intro at Nordlys")
    qtbot.waitUntil(lambda: shown_contact(window) == "Sam Okafor")
    tabs = window.contact_page.tabs
    assert tabs.tabText(tabs.currentIndex()).replace("&", "") == "Favours"
    favours = window.contact_page.favours.table
    assert "Intro at Nordlys" in str(favours.currentIndex().siblingAtColumn(2).data())
