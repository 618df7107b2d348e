"""The composer: from a suggestion to a copied message and a recorded ask."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.ui.referrals.referral_composer import ReferralComposer
from tests.core.referrals.helpers import TODAY, client
from tests.helpers import add_contact, email
from tests.ui.referral_fixtures import (  # noqa: F401
    answer_fixture,
    happy_fixture,
    no_unexpected_questions_fixture,
)

THANKS = "Thank you, and a small ask"


def make(qtbot, journal, contact_id=None, template=THANKS):
    composer = ReferralComposer(journal, contact_id)
    qtbot.addWidget(composer)
    composer.show()
    if template:
        composer.template_box.setCurrentIndex(composer.template_box.findText(template))
    return composer


def test_from_suggestion_to_copied_message_and_recorded_ask(qtbot, journal, happy):
    composer = make(qtbot, journal)
    assert composer.contact_id == happy
    assert composer.suggested.currentText().startswith("Ana Client — praised your work")
    expected = (
        "Hi Ana,\n\n"
        "It's been less than a month since we finished “Brand identity”, and I keep coming back "
        'to what I learned working with you. You once told me: "You made our whole team feel '
        'heard & understood." That stayed with me.\n\n'
        "Most of my work comes from people like you mentioning me to someone they trust. If you "
        "know someone who is wrestling with something similar, I'd be glad to offer them calm "
        "websites for small shops. No pitch, just a conversation.\n\n"
        "No pressure at all, and thank you either way.\n\n"
        "Sam Okafor\nWeb design"
    )
    assert composer.message() == expected
    assert composer.subject.text() == "Thank you again, Ana"
    assert composer.blanks() == ()
    assert composer.missing_label.text() == "Everything is filled in. Read it once, then send."

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected
    assert composer.sent_bar.isVisible()
    assert journal.referrals.asks.rows() == []  # nothing recorded until confirmed

    with qtbot.waitSignal(composer.ask_recorded) as recorded:
        qtbot.mouseClick(composer.yes_button, Qt.MouseButton.LeftButton)
    (ask,) = journal.referrals.asks.rows()
    assert recorded.args == [ask.id]
    assert (ask.contact_id, ask.asked_on, ask.status) == (happy, TODAY, AskStatus.ASKED)
    assert ask.message == expected
    assert ask.subject == "Thank you again, Ana"
    assert ask.template_name == THANKS
    assert composer.result() == QDialog.DialogCode.Accepted
    # Asked: Ana is no longer suggested.
    assert journal.referrals.ready_to_ask() == []


def test_edits_in_the_preview_are_what_gets_recorded(qtbot, journal, happy):
    composer = make(qtbot, journal)
    composer.body.setPlainText("My own words, Ana.")
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "My own words, Ana."
    qtbot.mouseClick(composer.yes_button, Qt.MouseButton.LeftButton)
    assert journal.referrals.asks.rows()[0].message == "My own words, Ana."


def test_not_yet_records_nothing(qtbot, journal, happy):
    composer = make(qtbot, journal)
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.not_yet_button, Qt.MouseButton.LeftButton)
    assert not composer.sent_bar.isVisible()
    assert journal.referrals.asks.rows() == []


def test_blanks_are_shown_selected_and_filled_in_the_preview(qtbot, journal, answer):
    ben = client(journal, "Ben", praised_days_ago=None)  # no praise, no settings
    composer = make(qtbot, journal, ben)
    assert composer.contact_id == ben  # not a suggestion, but given by the caller
    assert composer.blanks() == ("praise", "my_offer", "signature")
    assert "{praise}" in composer.missing_label.text()
    assert composer.settings_hint.isVisibleTo(composer)
    assert len(composer.body.extraSelections()) == 3
    assert "None" not in composer.message()

    assert composer.select_next_blank()
    assert composer.body.textCursor().selectedText() == "{praise}"
    qtbot.keyClicks(composer.body, "Great work")
    assert composer.blanks() == ("my_offer", "signature")
    assert '"Great work"' in composer.message()

    # Copying with blanks left asks first; "No" copies nothing.
    questions = answer(QMessageBox.StandardButton.No)
    QGuiApplication.clipboard().setText("untouched")
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    assert questions == ["The message still shows {my_offer}, {signature}. Use it anyway?"]
    assert QGuiApplication.clipboard().text() == "untouched"
    assert not composer.sent_bar.isVisible()
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == composer.message()


def test_open_in_mail_app_builds_an_exact_mailto_link(qtbot, journal, happy, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    journal.contacts.update(
        happy,
        journal.contacts.get(happy).data.with_changes(emails=(email("ana+work@example.org"),)),
    )
    composer = make(qtbot, journal, happy)
    body = "Zoë & Łukasz?\n#1 tip: 100% = ☕\n\nthanks & bye"
    composer.body.setPlainText(body)
    composer.subject.setText("Q&A #2 — ça va?")
    qtbot.mouseClick(composer.mail_button, Qt.MouseButton.LeftButton)
    (url,) = opened
    encoded = bytes(url.toEncoded()).decode("ascii")
    parts = urlsplit(encoded)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "ana+work@example.org"
    query = parse_qs(parts.query, strict_parsing=True)
    assert query["subject"] == ["Q&A #2 — ça va?"]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert composer.sent_bar.isVisible()
    qtbot.mouseClick(composer.yes_button, Qt.MouseButton.LeftButton)
    assert journal.referrals.asks.rows()[0].message == body


def test_without_a_mail_program_the_message_is_copied(qtbot, journal, happy, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    composer = make(qtbot, journal)
    qtbot.mouseClick(composer.mail_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == composer.message()
    assert "copied" in composer.sent_question.text()


def test_changing_template_after_editing_asks_before_replacing(qtbot, journal, happy, answer):
    composer = make(qtbot, journal)
    composer.body.setPlainText("Edited by hand")
    questions = answer(QMessageBox.StandardButton.No)
    composer.template_box.setCurrentIndex(composer.template_box.findText("Check in first"))
    assert questions
    assert composer.message() == "Edited by hand"
    assert composer.template_box.currentText() == THANKS
    answer(QMessageBox.StandardButton.Yes)
    composer.template_box.setCurrentIndex(composer.template_box.findText("Check in first"))
    assert composer.message().startswith(
        "Hi Ana,\n\nIt's been less than a month since we wrapped up"
    )


def test_choosing_anyone_by_name(qtbot, journal, happy):
    zoe = add_contact(journal, "Zoë", "Ørsted")
    composer = make(qtbot, journal)
    composer.picker.contact_chosen.emit(zoe, "Zoë Ørsted")
    assert composer.contact_id == zoe
    assert composer.message().startswith("Hi Zoë,")
    assert "last_project" in composer.blanks()


def test_nobody_ready_and_no_templates(qtbot, journal):
    composer = make(qtbot, journal, template=None)
    assert composer.contact_id is None
    assert composer.suggested.currentText() == "Nobody is ready to ask right now"
    assert not composer.copy_button.isEnabled()
    assert not composer.mail_button.isEnabled()


def test_the_composer_starts_from_the_template_used_last(qtbot, journal, happy):
    first = make(qtbot, journal, template="Check in first")
    qtbot.mouseClick(first.copy_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(first.yes_button, Qt.MouseButton.LeftButton)
    second = make(qtbot, journal, happy, template=None)
    assert second.template_box.currentText() == "Check in first"


def ink_columns(widget) -> list[int]:
    """The x of every pixel column of ``widget`` where its text left ink (darker than the
    background), rendered as the user sees it."""
    image = widget.grab().toImage()
    background = image.pixelColor(image.width() - 1, 0).lightness()
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < background - 60 for y in range(image.height()))
    ]


def test_the_form_labels_are_whole_and_stand_apart_from_their_fields(qtbot, journal, happy):
    composer = make(qtbot, journal)
    for box, name in ((composer.suggested, "To"), (composer.template_box, "Template")):
        label = next(
            lb for lb in composer.findChildren(QLabel) if lb.buddy() is box and lb.isVisible()
        )
        assert label.text().replace("&", "") == name
        # The same label with room to spare shows every letter: the form's one shows as much.
        roomy = QLabel(label.text())
        roomy.setBuddy(box)
        roomy.setFont(label.font())
        roomy.resize(label.width() + 20, label.height())
        qtbot.addWidget(roomy)
        assert ink_columns(label) == ink_columns(roomy), f"the end of {name!r} is cut off"
        field_left = box.mapTo(composer, box.rect().topLeft()).x()
        label_ink_right = label.mapTo(composer, label.rect().topLeft()).x() + ink_columns(label)[-1]
        assert field_left - label_ink_right >= 8, f"{name!r} touches its field"
