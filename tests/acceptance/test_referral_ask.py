"""Job 4, asking for a referral: "The app suggests happy clients I haven't asked lately. I pick
one, a template fills in their name and what they praised, I copy it ..., and the ask is
recorded. Later I record who they sent me, and the app reminds me to thank them."
Keys only, read from the screen (and the clipboard, where Copy puts the message)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.referrals.referral_composer import ReferralComposer
from tests.acceptance.dialogs import expect_dialog, in_dialog
from tests.acceptance.keys import press, type_text
from tests.acceptance.people import happy_client
from tests.acceptance.screen import popup_text, render, view_rows, visible_text


def test_ask_for_a_referral_then_record_who_they_sent(qtbot, start_app, screenshots):
    window = start_app(happy_client)
    press(qtbot, "Ctrl+3")
    page = window.referrals_page
    qtbot.waitUntil(lambda: any("Freja Dahl" in row for row in view_rows(page.ready_table)))
    render(window, screenshots, "referrals-ready")
    # Ctrl+3 hands the keys to the list of people ready to ask (its first row is current).
    assert QApplication.focusWidget() is page.ready_table

    def write_the_ask(composer: ReferralComposer) -> str:
        assert "Freja Dahl" in visible_text(composer)  # the one picked on the list
        # The template that quotes what she praised: Alt+E, then its first letter.
        press(qtbot, "Alt+E")
        type_text(qtbot, "T")
        qtbot.waitUntil(lambda: "Loved the new logo" in composer.body.toPlainText())
        message = composer.body.toPlainText()
        render(composer, screenshots, "composer")
        assert message.startswith("Hi Freja")
        press(qtbot, "Alt+C")  # Copy message
        qtbot.waitUntil(lambda: "Did you send it?" in visible_text(composer))
        press(qtbot, "Alt+Y")  # Yes, record the ask
        return message

    message = in_dialog(qtbot, "Alt+A", ReferralComposer, write_the_ask)
    assert QGuiApplication.clipboard().text() == message
    press(qtbot, "Alt+K")  # the Asks tab
    qtbot.waitUntil(lambda: any("Freja Dahl" in row for row in view_rows(page.asks_table)))
    render(window, screenshots, "referrals-asked")

    # A week later Sam Okafor writes: Freja sent him.  New contact, referred by Freja.
    def add_sam(editor: ContactEditor) -> None:
        type_text(qtbot, "Sam")
        press(qtbot, "Tab")
        type_text(qtbot, "Okafor")
        press(qtbot, "Alt+R")
        type_text(qtbot, "Frej")
        qtbot.waitUntil(lambda: "Freja Dahl" in popup_text())
        press(qtbot, "Down", "Return")
        render(editor, screenshots, "new-contact-referred")
        press(qtbot, "Return")  # Save (the dialog's default button)

    def yes(question: QMessageBox) -> None:
        assert "Freja Dahl referred Sam Okafor to you" in question.text()
        press(qtbot, "Alt+N")  # No: this story is not about favours

    question = expect_dialog(qtbot, QMessageBox, yes, title="Note a favour?")
    in_dialog(qtbot, "Ctrl+N", ContactEditor, add_sam, title="New contact")
    question.wait(after="saving Sam")
    # The ask shows Sam as the answer, and Today says to thank Freja.
    press(qtbot, "Ctrl+1")
    qtbot.waitUntil(
        lambda: "Thank Freja Dahl for referring Sam Okafor" in visible_text(window.today_page)
    )
    render(window, screenshots, "today-thank-freja")
    # On Referrals, the ask is answered: it has left the open asks, and All asks shows it
    # as referred.
    press(qtbot, "Ctrl+3")
    press(qtbot, "Alt+K")
    qtbot.waitUntil(lambda: not any("Freja Dahl" in row for row in view_rows(page.asks_table)))
    press(qtbot, "Alt+S")
    type_text(qtbot, "A")
    qtbot.waitUntil(lambda: any("Freja Dahl" in row for row in view_rows(page.asks_table)))
    render(window, screenshots, "referrals-all-asks")
    assert "Referred" in "\n".join(view_rows(page.asks_table))
