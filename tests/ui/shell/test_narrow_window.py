"""The window works at 800 px wide on every screen: no screen's minimum (Insights' charts,
the contact header's buttons, the list's filter boxes) may hold it wider."""

from __future__ import annotations

import pytest

from colearn_desktop.ui.shell.main_window import SCREENS

NARROW = 800


@pytest.fixture
def narrow(qtbot, demo_journal, drafts, ui_settings):
    from colearn_desktop.ui.shell.main_window import MainWindow

    main = MainWindow(demo_journal, drafts, ui_settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_every_screen_fits_an_800_px_window(qtbot, narrow, demo_journal):
    contact = demo_journal.contact_list.rows()[0].id
    for key in SCREENS:  # each built and shown once: Insights used to widen the window
        narrow.show_screen(key)
        qtbot.waitUntil(lambda k=key: narrow.page(k).isVisible())
    narrow.open_contact(contact)
    for key in SCREENS:
        narrow.show_screen(key)
        narrow.resize(NARROW, 600)
        qtbot.waitUntil(lambda k=key: narrow.page(k).isVisible())
        assert narrow.minimumSizeHint().width() <= NARROW, key
        assert narrow.minimumWidth() <= NARROW, key
        qtbot.waitUntil(lambda: narrow.width() == NARROW)


def test_the_contact_actions_that_do_not_fit_wait_under_more(qtbot, narrow, demo_journal):
    narrow.open_contact(demo_journal.contact_list.rows()[0].id)
    page = narrow.contact_page
    bar = page.actions_bar
    narrow.resize(NARROW, 600)
    qtbot.waitUntil(lambda: bar.folded() != [])
    assert page.log_button.isVisibleTo(page)
    assert bar.more_button.isVisibleTo(page)
    shown = [b for b in (page.log_button, page.edit_button) if b.isVisibleTo(page)]
    assert sum(b.width() for b in shown) + bar.more_button.width() <= bar.width()
    titles = [a.text() for a in bar.more_button.menu().actions()]
    assert "Ask for a referral…" in titles
    asked: list[int] = []
    page.referral_requested.connect(asked.append)
    next(a for a in bar.more_button.menu().actions() if a.text() == "Ask for a referral…").trigger()
    assert asked == [page.contact_id]
    narrow.resize(1400, 700)  # room again: every button is a button
    qtbot.waitUntil(lambda: bar.folded() == [])
    assert not bar.more_button.isVisibleTo(page)
    assert page.referral_button.isVisibleTo(page)
