"""An ask waiting for an answer: due ``referral_ask_nudge_days`` (14) days after it was sent
until the user records an answer; done closes it as the Referrals screen does."""

from __future__ import annotations

from datetime import timedelta

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.due.describe import reason, title
from colearn_desktop.core.enums import AskStatus
from tests.core.due.conftest import TODAY, keys
from tests.core.referrals.helpers import ask
from tests.helpers import add_contact

KIND = DueKind.REFERRAL_ASK


def test_an_ask_without_answer_is_due_fourteen_days_after_it_was_sent(quiet):
    cleo = add_contact(quiet, "Cleo", "Martin")
    waited = ask(quiet, cleo, asked_days_ago=20)
    fresh = ask(quiet, add_contact(quiet, "Dan"), asked_days_ago=13)
    report = quiet.reminders.due(1)
    (item,) = [i for i in report.on_today if i.kind is KIND]
    assert item.key == f"ask:{waited}"
    assert (item.contact_id, item.due_on) == (cleo, TODAY - timedelta(days=6))
    assert title(item) == "Ask Cleo Martin again or close the ask"
    assert reason(item, TODAY) == "asked for a referral 20 days ago; no answer yet"
    assert keys(report.upcoming, KIND) == [f"ask:{fresh}"]
    assert report.counts[KIND].total == 2
    assert report.counts[KIND].overdue == 1


def test_answered_asks_and_archived_contacts_have_nothing_due(quiet):
    referred, declined, archived = (add_contact(quiet, n) for n in ("Ana", "Ben", "Cleo"))
    quiet.referrals.asks.set_status(ask(quiet, referred, 30), AskStatus.REFERRED)
    quiet.referrals.asks.set_status(ask(quiet, declined, 30), AskStatus.DECLINED)
    ask(quiet, archived, 30)
    quiet.contacts.archive(archived)
    assert keys(quiet.reminders.due(30).items, KIND) == []


def test_the_wait_is_a_journal_setting(quiet):
    ask(quiet, add_contact(quiet), asked_days_ago=20)
    quiet.settings.update(referral_ask_nudge_days=30)
    report = quiet.reminders.due(0)
    assert keys(report.items, KIND) == []
    (item,) = [i for i in quiet.reminders.due(10).upcoming if i.kind is KIND]
    assert item.due_on == TODAY + timedelta(days=10)


def test_done_closes_the_ask_as_no_answer(quiet):
    ask_id = ask(quiet, add_contact(quiet), asked_days_ago=15)
    changes = []
    quiet.subscribe(changes.append)
    quiet.reminders.done(f"ask:{ask_id}")
    view = quiet.referrals.asks.get(ask_id)
    assert (view.status, view.status_on, view.answered) == (AskStatus.NO_ANSWER, TODAY, True)
    assert keys(quiet.reminders.due(30).items, KIND) == []
    assert {change.topic for change in changes} >= {"referrals", "reminders"}


def test_a_snooze_moves_it_and_it_comes_back(quiet, clock):
    ask_id = ask(quiet, add_contact(quiet), asked_days_ago=15)
    quiet.reminders.snooze(f"ask:{ask_id}", TODAY + timedelta(days=3))
    assert keys(quiet.reminders.due(0).items, KIND) == []
    clock.advance(days=3)
    (item,) = [i for i in quiet.reminders.due(0).on_today if i.kind is KIND]
    assert item.snoozed_until == TODAY + timedelta(days=3)
    assert item.days_overdue(TODAY + timedelta(days=3)) == 0
