"""Recording asks and following them up: asked, referred, declined, no answer."""

from __future__ import annotations

from datetime import date

import pytest

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.referrals import AskFilter, AskInput
from tests.core.referrals.helpers import TODAY, ask, client, days_ago
from tests.helpers import add_contact


def stored(journal, ask_id):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT status, status_on, message, subject, template_id, asked_on, updated_at "
            "FROM referral_ask WHERE id = ?",
            (ask_id,),
        ).fetchone()


def test_an_ask_keeps_the_exact_text_sent(journal):
    ana = client(journal, "Ana")
    journal.referrals.templates.ensure_defaults("en")
    template = journal.referrals.templates.all()[0]
    message = "Hi Ana,\n\n  indented & {braces} stay; trailing spaces too  \n"
    changes = []
    journal.subscribe(changes.append)
    ask_id = journal.referrals.asks.record(
        AskInput(ana, message, subject="  A  small   favour ", template_id=template.id)
    )
    assert stored(journal, ask_id)[:6] == (
        "asked",
        None,
        message,
        "A small favour",
        template.id,
        TODAY.isoformat(),
    )
    view = journal.referrals.asks.get(ask_id)
    assert (view.contact_name, view.template_name, view.status) == (
        "Ana Client",
        template.name,
        AskStatus.ASKED,
    )
    assert not view.answered
    assert [(c.topic, c.ids) for c in changes] == [("referrals", (ask_id,))]


def test_an_ask_is_validated_before_anything_is_written(journal):
    ana = client(journal, "Ana")
    with pytest.raises(ValidationError) as caught:
        journal.referrals.asks.record(
            AskInput(999, "  \n ", template_id=777, asked_on=days_ago(-1))
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {"message", "asked_on", "contact", "template"}
    assert journal.stats().referral_asks == 0
    assert journal.referrals.asks.record(AskInput(ana, "ok", asked_on=days_ago(3)))


def test_status_flow_and_no_answer_computed_on_read(journal, clock):
    ana = client(journal, "Ana")
    ask_id = ask(journal, ana, asked_days_ago=0)
    asks = journal.referrals.asks
    assert [a.id for a in asks.rows(AskFilter.WAITING)] == [ask_id]
    clock.advance(days=29)
    assert asks.get(ask_id).status is AskStatus.ASKED
    clock.advance(days=1)
    view = asks.get(ask_id)
    # No answer after 30 days, shown but not written: the stored status is still "asked".
    assert (view.status, view.status_on, view.answered) == (
        AskStatus.NO_ANSWER,
        date(2026, 12, 22),
        False,
    )
    assert stored(journal, ask_id)[:2] == ("asked", None)
    assert [a.id for a in asks.rows(AskFilter.NO_ANSWER)] == [ask_id]
    assert [a.id for a in asks.rows(AskFilter.UNANSWERED)] == [ask_id]
    assert asks.rows(AskFilter.WAITING) == []
    # The setting applies at once, to every ask.
    journal.settings.update(referral_no_answer_days=60)
    assert asks.get(ask_id).status is AskStatus.ASKED
    journal.settings.update(referral_no_answer_days=30)

    asks.set_status(ask_id, AskStatus.DECLINED)
    view = asks.get(ask_id)
    assert (view.status, view.status_on, view.answered) == (
        AskStatus.DECLINED,
        clock.today(),
        True,
    )
    assert asks.rows(AskFilter.UNANSWERED) == []
    asks.set_status(ask_id, AskStatus.REFERRED, on=days_ago(-5))
    assert asks.get(ask_id).status_on == days_ago(-5)
    asks.set_status(ask_id, AskStatus.NO_ANSWER)
    assert stored(journal, ask_id)[:2] == ("no_answer", clock.today().isoformat())
    asks.set_status(ask_id, AskStatus.ASKED)  # undo: back to waiting, no outcome date
    assert stored(journal, ask_id)[:2] == ("asked", None)


def test_status_dates_must_fall_between_the_ask_and_today(journal):
    ana = client(journal, "Ana")
    ask_id = ask(journal, ana, asked_days_ago=10)
    with pytest.raises(ValidationError) as caught:
        journal.referrals.asks.set_status(ask_id, AskStatus.REFERRED, on=days_ago(11))
    assert caught.value.field == "status_on"
    with pytest.raises(ValidationError):
        journal.referrals.asks.set_status(ask_id, AskStatus.REFERRED, on=days_ago(-1))
    with pytest.raises(ValidationError):
        journal.referrals.asks.set_status(ask_id, "maybe")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        journal.referrals.asks.set_status(12345, AskStatus.DECLINED)
    assert stored(journal, ask_id)[:2] == ("asked", None)


def test_lists_are_newest_first_and_per_contact(journal):
    ana = client(journal, "Ana")
    ben = client(journal, "Ben")
    old = ask(journal, ana, asked_days_ago=200)
    new = ask(journal, ana, asked_days_ago=1)
    other = ask(journal, ben, asked_days_ago=5)
    assert [a.id for a in journal.referrals.asks.rows()] == [new, other, old]
    assert [a.id for a in journal.referrals.asks.rows(contact_id=ana)] == [new, old]
    assert [a.id for a in journal.referrals.asks.rows(limit=1)] == [new]


def test_a_referred_contact_answers_the_referrers_open_ask(journal, clock):
    sam = client(journal, "Sam")
    ask_id = ask(journal, sam, asked_days_ago=12)
    clock.advance(hours=3)
    new = add_contact(journal, "Lea", referred_by_id=sam)
    view = journal.referrals.asks.get(ask_id)
    assert (view.status, view.status_on, view.answered) == (AskStatus.REFERRED, TODAY, True)
    # The ask's audit stamp comes from the journal clock, like the contact's.
    assert stored(journal, ask_id)[6] == stored_contact_updated_at(journal, new)
    assert stored(journal, ask_id)[6].startswith("2026-11-22 12:30")


def stored_contact_updated_at(journal, contact_id):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT updated_at FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()[0]


def test_editing_referred_by_answers_the_latest_unanswered_ask_only(journal, clock):
    sam = client(journal, "Sam")
    declined = ask(journal, sam, asked_days_ago=300)
    journal.referrals.asks.set_status(declined, AskStatus.DECLINED, on=days_ago(290))
    older = ask(journal, sam, asked_days_ago=200)  # computed no answer by now
    latest = ask(journal, sam, asked_days_ago=100)
    lea = add_contact(journal, "Lea")
    journal.contacts.update(lea, journal.contacts.get(lea).data.with_changes(notes="hi"))
    assert journal.referrals.asks.get(latest).status is AskStatus.NO_ANSWER
    journal.contacts.update(lea, journal.contacts.get(lea).data.with_changes(referred_by_id=sam))
    statuses = {a.id: a.status for a in journal.referrals.asks.rows(contact_id=sam)}
    assert statuses == {
        latest: AskStatus.REFERRED,
        older: AskStatus.NO_ANSWER,
        declined: AskStatus.DECLINED,
    }
    # A second referral answers the next unanswered one.
    add_contact(journal, "Max", referred_by_id=sam)
    assert journal.referrals.asks.get(older).status is AskStatus.REFERRED
    # Saving again without changing "referred by" changes nothing more.
    journal.contacts.update(lea, journal.contacts.get(lea).data.with_changes(notes="again"))
    assert journal.referrals.asks.get(declined).status is AskStatus.DECLINED


def test_a_referral_long_after_the_ask_is_not_its_answer(journal):
    sam = client(journal, "Sam")
    ask_id = ask(journal, sam, asked_days_ago=400)
    add_contact(journal, "Lea", referred_by_id=sam)
    assert journal.referrals.asks.get(ask_id).status is AskStatus.NO_ANSWER


def test_a_failed_contact_save_leaves_the_ask_alone(journal):
    sam = client(journal, "Sam")
    ask_id = ask(journal, sam)
    with pytest.raises(ValidationError):
        add_contact(journal, "", "", referred_by_id=sam)
    assert journal.referrals.asks.get(ask_id).status is AskStatus.ASKED
