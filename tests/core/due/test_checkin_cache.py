"""The check-in values cached on each purchase (``talked_after_days``, ``rebought_after_days``,
revision 0006) follow every change that can move them, and damage is found and repaired."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.records import ConversationInput, PurchaseInput
from tests.core.due.conftest import TODAY, at
from tests.helpers import add_contact, log_call

DAY = TODAY - timedelta(days=100)


def buy(journal, contact, day, what="Website"):
    return journal.purchases.add(PurchaseInput(contact, day, what, Decimal("10"), currency="EUR"))


def cached(journal, purchase):
    with journal.db.read_raw() as connection:
        return connection.execute(
            "SELECT talked_after_days, rebought_after_days FROM purchase WHERE id = ?",
            (purchase,),
        ).fetchone()


def consistent(journal) -> bool:
    with journal.db.read_raw() as connection:
        return contact_cache.stale_contacts(connection) == []


def test_talk_after_the_purchase_counts_in_days_the_sale_itself_does_not(quiet):
    ana = add_contact(quiet)
    purchase = buy(quiet, ana, DAY)
    assert cached(quiet, purchase) == (0, None)  # never talked
    log_call(quiet, ana, when=at(DAY - timedelta(days=5)))
    assert cached(quiet, purchase) == (0, None)  # only before the purchase
    log_call(quiet, ana, when=at(DAY, hour=17))
    assert cached(quiet, purchase) == (0, None)  # the purchase day itself
    talk = log_call(quiet, ana, when=at(DAY + timedelta(days=12)))
    assert cached(quiet, purchase) == (12, None)
    assert consistent(quiet)
    # The newest conversation decides: moving, trashing and restoring it moves the value.
    quiet.conversations.update(talk, ConversationInput((ana,), at(DAY + timedelta(days=3))))
    assert cached(quiet, purchase) == (3, None)
    quiet.conversations.delete(talk)
    assert cached(quiet, purchase) == (0, None)
    quiet.conversations.restore(talk)
    assert cached(quiet, purchase) == (3, None)
    assert consistent(quiet)


def test_a_group_conversation_counts_for_every_participant(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    for_ana = buy(quiet, ana, DAY)
    for_ben = buy(quiet, ben, DAY + timedelta(days=1))
    group = log_call(quiet, ana, ben, when=at(DAY + timedelta(days=20)))
    assert cached(quiet, for_ana) == (20, None)
    assert cached(quiet, for_ben) == (19, None)
    # Taking Ben out of the conversation takes it out of his purchase's value.
    quiet.conversations.update(group, ConversationInput((ana,), at(DAY + timedelta(days=20))))
    assert cached(quiet, for_ben) == (0, None)
    assert cached(quiet, for_ana) == (20, None)
    assert consistent(quiet)


def test_the_next_purchase_counts_in_days_and_same_day_ones_by_order(quiet):
    ana = add_contact(quiet)
    first = buy(quiet, ana, DAY)
    assert cached(quiet, first) == (0, None)
    later = buy(quiet, ana, DAY + timedelta(days=40))
    assert cached(quiet, first) == (0, 40)
    assert cached(quiet, later) == (0, None)
    # Two on one day count as one: the one recorded first is replaced on the day.
    same_day = buy(quiet, ana, DAY + timedelta(days=40), "Cards")
    assert cached(quiet, later) == (0, 0)
    assert cached(quiet, same_day) == (0, None)
    assert cached(quiet, first) == (0, 40)
    # An earlier purchase added afterwards is replaced by the first one.
    earlier = buy(quiet, ana, DAY - timedelta(days=10))
    assert cached(quiet, earlier) == (0, 10)
    assert consistent(quiet)


def test_trashing_moving_and_redating_a_purchase_recount_the_others(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    first = buy(quiet, ana, DAY)
    second = buy(quiet, ana, DAY + timedelta(days=30))
    quiet.purchases.delete(second)
    assert cached(quiet, first) == (0, None)
    quiet.purchases.restore(second)
    assert cached(quiet, first) == (0, 30)
    quiet.purchases.update(
        second, PurchaseInput(ana, DAY + timedelta(days=50), "Website", Decimal("10"), "EUR")
    )
    assert cached(quiet, first) == (0, 50)
    log_call(quiet, ben, when=at(DAY + timedelta(days=70)))
    quiet.purchases.update(
        second, PurchaseInput(ben, DAY + timedelta(days=50), "Website", Decimal("10"), "EUR")
    )
    assert cached(quiet, first) == (0, None)
    assert cached(quiet, second) == (20, None)
    assert consistent(quiet)


def test_deleting_a_contact_for_good_leaves_the_other_contacts_right(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    buy(quiet, ana, DAY)
    kept = buy(quiet, ben, DAY)
    log_call(quiet, ana, ben, when=at(DAY + timedelta(days=9)))
    quiet.contacts.archive(ana)
    quiet.contacts.delete_permanently(ana)
    assert cached(quiet, kept) == (9, None)
    assert consistent(quiet)


def test_wrong_purchase_values_are_reported_and_rebuilt(quiet):
    ana = add_contact(quiet)
    purchase = buy(quiet, ana, DAY)
    log_call(quiet, ana, when=at(DAY + timedelta(days=4)))
    with quiet.db.raw() as connection:
        connection.execute(
            "UPDATE purchase SET talked_after_days = 99, rebought_after_days = 1 WHERE id = ?",
            (purchase,),
        )
    assert any("cached list values" in p for p in quiet.check())
    quiet.contact_list.rebuild_cache()
    assert cached(quiet, purchase) == (4, None)
    assert quiet.check() == []


def test_a_bulk_load_fills_the_values_of_the_purchases_it_wrote(quiet):
    """Demo data and imports drop the triggers and fill every cached value at the end."""
    old = add_contact(quiet, "Old")
    kept = buy(quiet, old, DAY)
    log_call(quiet, old, when=at(DAY + timedelta(days=2)))
    with quiet.db.raw() as connection, contact_cache.bulk_load(connection):
        connection.execute(
            "INSERT INTO contact (id, display_name, sort_name, created_at, updated_at, "
            "last_contact_at) VALUES (900, 'New', 'new', '2026-01-01', '2026-01-01', "
            "'2026-09-10 10:00:00.000000')"
        )
        for day in ("2026-09-01", "2026-09-01", "2026-10-01"):
            connection.execute(
                "INSERT INTO purchase (contact_id, purchased_on, what, created_at, updated_at) "
                "VALUES (900, ?, 'x', '2026-01-01', '2026-01-01')",
                (day,),
            )
    with quiet.db.read_raw() as connection:
        rows = connection.execute(
            "SELECT purchased_on, talked_after_days, rebought_after_days FROM purchase "
            "WHERE contact_id = 900 ORDER BY id"
        ).fetchall()
    assert rows == [("2026-09-01", 9, 0), ("2026-09-01", 9, 30), ("2026-10-01", 0, None)]
    assert cached(quiet, kept) == (2, None)
    assert consistent(quiet)


def test_demo_data_fills_the_values(journal):
    generate_demo(journal, contacts=200, conversations_per_contact=4, seed=3)
    with journal.db.read_raw() as connection:
        talked, rebought = connection.execute(
            "SELECT count(*) FILTER (WHERE talked_after_days > 0),"
            " count(rebought_after_days) FROM purchase"
        ).fetchone()
    assert talked > 0
    assert rebought > 0
    assert consistent(journal)
