"""Who is ready to ask, in what order, and why."""

from __future__ import annotations

from datetime import date, datetime

from colearn_desktop.core.enums import AskStatus, FavourDirection, Stage
from colearn_desktop.core.referrals import ReasonKind
from tests.core.referrals.helpers import ask, buy, client, days_ago, owe
from tests.helpers import add_contact, log_call


def ready(journal, **kw):
    return journal.referrals.ready_to_ask(**kw)


def names(journal, **kw):
    return [s.display_name for s in ready(journal, **kw)]


def kinds(suggestion):
    return [r.kind for r in suggestion.reasons]


def test_only_praising_clients_with_a_recent_project_are_suggested(journal):
    client(journal, "Ana")
    client(journal, "NoPraise", praised_days_ago=None)
    client(journal, "OldProject", bought_days_ago=400)
    client(journal, "NoProject", bought_days_ago=None)
    client(journal, "Shopper", stage=Stage.SHOP)
    client(journal, "Peer", stage=Stage.NETWORK)
    archived = client(journal, "Archived")
    journal.contacts.archive(archived)
    assert names(journal) == ["Ana Client"]
    assert journal.referrals.count_ready() == 1


def test_ranking_follows_recency_loyalty_and_past_referrals(journal):
    # 30 praise + 30 project + 10 repeat + 15 referrer = 85
    best = client(journal, "Best", bought_days_ago=10, praised_days_ago=5)
    buy(journal, best, 300)
    add_contact(journal, "Friend", referred_by_id=best)
    # 30 + 30 = 60
    client(journal, "Recent", bought_days_ago=20, praised_days_ago=40)
    # praise 200 days ago (20) + project 150 days ago (20) = 40
    client(journal, "Older", bought_days_ago=150, praised_days_ago=200)
    # praise 2 years ago (10) + project 300 days ago (10) = 20
    client(journal, "Oldest", bought_days_ago=300, praised_days_ago=800)
    rows = ready(journal)
    assert [(s.display_name, s.score) for s in rows] == [
        ("Best Client", 85),
        ("Recent Client", 60),
        ("Older Client", 40),
        ("Oldest Client", 20),
    ]
    top = rows[0]
    assert kinds(top) == [
        ReasonKind.PRAISE,
        ReasonKind.RECENT_PROJECT,
        ReasonKind.REPEAT_CLIENT,
        ReasonKind.PAST_REFERRER,
        ReasonKind.NEVER_ASKED,
    ]
    praise, project, repeat, referrer, _never = top.reasons
    assert praise.on == days_ago(5)
    assert praise.text == "Loved how clearly you explained the options."
    assert (project.on, project.text) == (days_ago(10), "Website redesign")
    assert repeat.count == 2
    assert referrer.count == 1
    assert all(r.positive for r in top.reasons)
    assert (top.last_project, top.purchases, top.referred) == ("Website redesign", 2, 1)


def test_ties_go_to_the_most_recent_praise_then_the_name(journal):
    client(journal, "Bea", praised_days_ago=50)
    client(journal, "Abe", praised_days_ago=50)
    client(journal, "Cy", praised_days_ago=10)
    assert names(journal) == ["Cy Client", "Abe Client", "Bea Client"]


def test_recently_asked_people_wait_for_the_interval(journal, clock):
    ana = client(journal, "Ana")
    asked = ask(journal, ana, asked_days_ago=40)
    journal.referrals.asks.set_status(asked, AskStatus.DECLINED, on=days_ago(35))
    assert names(journal) == []  # asked 40 days ago; the interval is 90
    journal.settings.update(referral_ask_interval_days=30)
    (row,) = ready(journal)
    assert row.last_asked_on == days_ago(40)
    assert ReasonKind.LAST_ASKED in kinds(row)
    assert ReasonKind.NEVER_ASKED not in kinds(row)


def test_an_ask_waiting_for_an_answer_blocks_until_it_turns_no_answer(journal, clock):
    journal.settings.update(referral_ask_interval_days=10, referral_no_answer_days=30)
    ana = client(journal, "Ana", bought_days_ago=30, praised_days_ago=20)
    ask(journal, ana, asked_days_ago=20)
    assert names(journal) == []  # still waiting: 20 days < 30
    clock.advance(days=10)
    assert names(journal) == ["Ana Client"]  # no answer after 30 days


def test_owing_them_one_favour_ranks_lower_two_excludes(journal):
    one = client(journal, "One")
    owe(journal, one, FavourDirection.I_OWE)
    two = client(journal, "Two")
    owe(journal, two, FavourDirection.I_OWE, 2)
    balanced = client(journal, "Balanced")
    owe(journal, balanced, FavourDirection.I_OWE, 2)
    owe(journal, balanced, FavourDirection.THEY_OWE, 1)
    giver = client(journal, "Giver")
    owe(journal, giver, FavourDirection.THEY_OWE)
    rows = {s.display_name: s for s in ready(journal)}
    assert set(rows) == {"One Client", "Balanced Client", "Giver Client"}
    assert rows["Giver Client"].score == 65
    assert rows["One Client"].score == 45
    (caution,) = [r for r in rows["One Client"].reasons if r.kind is ReasonKind.I_OWE_THEM]
    assert (caution.count, caution.positive) == (1, False)
    (credit,) = [r for r in rows["Giver Client"].reasons if r.kind is ReasonKind.THEY_OWE_ME]
    assert credit.count == 1
    # Paying back one of the two favours brings "Two" back.
    favour_id = journal.favours.for_contact(two)[0].id
    journal.favours.settle(favour_id, fully=True)
    assert "Two Client" in names(journal)


def test_never_ask_excludes_and_can_be_shown_and_undone(journal):
    ana = client(journal, "Ana")
    client(journal, "Ben")
    journal.referrals.set_never_ask(ana)
    assert names(journal) == ["Ben Client"]
    shown = {s.display_name: s for s in ready(journal, include_excluded=True)}
    assert shown["Ana Client"].never_ask
    assert kinds(shown["Ana Client"])[-1] is ReasonKind.EXCLUDED
    assert journal.referrals.count_ready(include_excluded=True) == 2
    journal.referrals.set_never_ask(ana, False)
    assert sorted(names(journal)) == ["Ana Client", "Ben Client"]


def test_deleted_purchases_and_praise_do_not_count(journal):
    ana = client(journal, "Ana")
    purchase = journal.purchases.for_contact(ana)[0].id
    journal.purchases.delete(purchase)
    assert names(journal) == []
    journal.purchases.restore(purchase)
    conversation = journal.conversations.for_contact(ana)[0].id
    journal.conversations.delete(conversation)
    assert names(journal) == []


def test_praise_quote_is_the_first_paragraph_of_the_latest_praise_with_notes(journal):
    ana = client(
        journal,
        "Ana",
        praised_days_ago=60,
        praise="Said the new site doubled their enquiries.\n\nAlso: invoice question.",
    )
    log_call(journal, ana, when=datetime(2026, 11, 20, 9), praise=True, learned="no notes")
    (row,) = ready(journal)
    assert row.praise == "Said the new site doubled their enquiries."
    assert row.praised_on == date(2026, 11, 20)


def test_limit(journal):
    for name in ("A", "B", "C"):
        client(journal, name)
    assert len(ready(journal, limit=2)) == 2
    page = journal.referrals.ready(limit=2)
    assert (len(page.rows), page.total) == (2, 3)
    assert journal.referrals.count_ready() == 3
    assert journal.referrals.ready(limit=2, include_excluded=True).total == 3


def test_never_ask_on_several_is_one_undo_step(journal):
    ana, ben = client(journal, "Ana"), client(journal, "Ben")
    client(journal, "Cy")
    journal.referrals.set_never_ask_many([ana, ben])
    assert names(journal) == ["Cy Client"]
    assert journal.undo.next_undo().label == "Never ask 2 contacts for referrals"
    journal.undo.undo()
    assert sorted(names(journal)) == ["Ana Client", "Ben Client", "Cy Client"]
    journal.referrals.set_never_ask(ana)
    assert journal.undo.next_undo().label == "Never ask Ana Client for referrals"
