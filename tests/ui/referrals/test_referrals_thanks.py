"""A referred contact answers the referrer's ask, puts "thank them" on Today, and the app
offers to note the referral as a favour I owe the referrer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.enums import AskStatus, FavourDirection, FavourKind, FavourStatus
from colearn_desktop.ui.referrals.referral_thanks import offer_referral_favour
from tests.core.referrals.helpers import TODAY, ask, client
from tests.helpers import add_contact
from tests.ui.referral_fixtures import (  # noqa: F401
    answer_fixture,
    no_unexpected_questions_fixture,
)


def test_creating_a_referred_contact_answers_the_ask_and_offers_the_favour(qtbot, journal, answer):
    sam = client(journal, "Sam")
    ask_id = ask(journal, sam, asked_days_ago=14)
    lea = add_contact(journal, "Lea", "<b>Ngata</b>", referred_by_id=sam)

    assert journal.referrals.asks.get(ask_id).status is AskStatus.REFERRED
    (thanks,) = [i for i in journal.reminders.items_for_contact(sam) if i.kind is DueKind.THANKS]
    assert thanks.due_on == TODAY

    parent = QWidget()
    qtbot.addWidget(parent)
    questions = answer(QMessageBox.StandardButton.Yes)
    favour_id = offer_referral_favour(parent, journal, lea)
    assert questions == [
        "Sam Client referred Lea <b>Ngata</b> to you. Note it as a favour you owe Sam Client, "
        "so you remember to return the kindness?"
    ]
    favour = journal.favours.get(favour_id)
    assert favour.data.contact_id == sam
    assert favour.data.direction is FavourDirection.I_OWE
    assert favour.data.kind is FavourKind.REFERRAL
    assert favour.data.description == "Referred Lea <b>Ngata</b> to me"
    assert favour.status is FavourStatus.OPEN
    assert journal.favours.balance(sam).i_owe_open == 1


def test_declining_the_offer_records_nothing(qtbot, journal, answer):
    sam = client(journal, "Sam")
    lea = add_contact(journal, "Lea", referred_by_id=sam)
    answer(QMessageBox.StandardButton.No)
    assert offer_referral_favour(None, journal, lea) is None
    assert journal.favours.for_contact(sam) == []


def test_no_referrer_no_question(qtbot, journal):
    lea = add_contact(journal, "Lea")
    assert offer_referral_favour(None, journal, lea) is None  # would fail if it asked
