"""Referrals received per person, thanking, and the funnel asks → referrals → clients."""

from __future__ import annotations

from datetime import date

import pytest

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.errors import NotFoundError, ValidationError
from colearn_desktop.core.referrals import Funnel
from tests.core.referrals.helpers import TODAY, ask, buy, client, days_ago
from tests.helpers import add_contact


def thank_state(journal, contact_id):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT referred_on, thanked_on FROM contact_referral_state WHERE contact_id = ?",
            (contact_id,),
        ).fetchone()


def test_referrals_received_per_person(journal, clock):
    sam = client(journal, "Sam")
    ana = client(journal, "Ana")
    lea = add_contact(journal, "Lea", referred_by_id=sam)
    buy(journal, lea, 0)
    clock.advance(days=2)
    add_contact(journal, "Max", referred_by_id=sam)
    add_contact(journal, "Ivo", referred_by_id=ana)
    rows = journal.referrals.history.received()
    assert [(r.display_name, r.referred, r.became_clients, r.unthanked) for r in rows] == [
        ("Sam Client", 2, 1, 2),
        ("Ana Client", 1, 0, 1),
    ]
    assert rows[0].last_referred_on == date(2026, 11, 24)
    people = journal.referrals.history.referred_by(sam)
    assert [(p.display_name, p.referred_on, p.thanked_on, p.is_client) for p in people] == [
        ("Max García", date(2026, 11, 24), None, False),
        ("Lea García", TODAY, None, True),
    ]


def test_thanking_a_referrer_marks_each_referral_thanked(journal, clock):
    sam = client(journal, "Sam")
    lea = add_contact(journal, "Lea", referred_by_id=sam)
    max_ = add_contact(journal, "Max", referred_by_id=sam)
    clock.advance(days=3)
    changes = []
    journal.subscribe(changes.append)
    assert sorted(journal.referrals.history.thank_referrer(sam)) == sorted([lea, max_])
    assert thank_state(journal, lea) == (TODAY.isoformat(), "2026-11-25")
    assert journal.referrals.history.received()[0].unthanked == 0
    assert changes[-1].topic == "referrals"
    # Nothing left to thank: no write at all.
    assert journal.referrals.history.thank_referrer(sam) == []


def test_mark_thanked_is_validated(journal):
    sam = client(journal, "Sam")
    lea = add_contact(journal, "Lea", referred_by_id=sam)
    with pytest.raises(ValidationError):
        journal.referrals.history.mark_thanked([sam])  # Sam was not referred
    with pytest.raises(NotFoundError):
        journal.referrals.history.mark_thanked([lea, 999])
    with pytest.raises(ValidationError):
        journal.referrals.history.mark_thanked([lea], on=days_ago(-1))
    assert thank_state(journal, lea) == (TODAY.isoformat(), None)


def test_the_funnel_over_a_period(journal, clock):
    sam = client(journal, "Sam")
    ana = client(journal, "Ana")
    ben = client(journal, "Ben")
    ask(journal, sam, asked_days_ago=100)  # outside a 90-day period
    ask(journal, ana, asked_days_ago=20)
    ask(journal, ben, asked_days_ago=10)
    declined = ask(journal, ben, asked_days_ago=5)
    journal.referrals.asks.set_status(declined, AskStatus.DECLINED)
    lea = add_contact(journal, "Lea", referred_by_id=ana)  # answers Ana's ask
    buy(journal, lea, 0)
    add_contact(journal, "Max", referred_by_id=sam)  # Sam's old ask: answered too
    funnel = journal.referrals.history.funnel(since=days_ago(90), until=TODAY)
    assert funnel == Funnel(asks=3, asks_referred=1, referrals=2, clients=1)
    assert journal.referrals.history.funnel() == Funnel(4, 2, 2, 1)
    assert journal.referrals.history.funnel(since=days_ago(-1)) == Funnel(0, 0, 0, 0)


def test_old_referrals_without_a_recorded_date_count_from_when_the_contact_was_added(journal):
    sam = client(journal, "Sam")
    lea = add_contact(journal, "Lea", referred_by_id=sam)
    with journal.db.raw() as connection:
        connection.execute("DELETE FROM contact_referral_state WHERE contact_id = ?", (lea,))
    (row,) = journal.referrals.history.received()
    assert (row.referred, row.last_referred_on, row.unthanked) == (1, TODAY, 0)
