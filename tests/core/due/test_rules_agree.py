"""The fast rules against the README's rules, written out plainly in Python.

Check-ins, follow-ups and favours read cached values and partial indexes, and pick the items
shown before reading their rows.  Here random journals (group conversations, trashed
conversations and purchases, purchases on the same day, archived contacts, snoozes, "done"
states, settled favours) are built through the services, and what ``journal.reminders``
finds is compared with a straightforward reading of the same rows, on several days and
horizons; then every limit is checked to keep the most overdue items and the full counts.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from colearn_desktop.core.due import DueItem, DueKind
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.people import contact_cache
from colearn_desktop.core.records import ConversationInput, FavourInput, PurchaseInput
from tests.helpers import add_contact

NAMES = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def build(journal, clock, rng: random.Random) -> None:
    """A small journal with every complication the rules must get right."""
    today = clock.today()
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None},
        checkin_offsets=tuple(sorted(rng.sample([7, 14, 30, 60, 90, 180], rng.randint(1, 3)))),
        checkin_window_days=rng.choice([0, 3, 7, 20]),
        owed_favour_stale_days=rng.choice([1, 10, 30]),
    )
    people = [add_contact(journal, NAMES[i % len(NAMES)], f"Family{i:02d}") for i in range(14)]

    def some_day(back: int = 240) -> date:
        return today - timedelta(days=rng.randint(0, back))

    purchases = []
    for _ in range(60):
        who = rng.choice(people)
        day = some_day()
        purchases.append(
            journal.purchases.add(PurchaseInput(who, day, "Work", Decimal("5"), "EUR"))
        )
        if rng.random() < 0.2:  # bought again the same day
            purchases.append(
                journal.purchases.add(PurchaseInput(who, day, "More", Decimal("5"), "EUR"))
            )
    conversations = []
    for _ in range(50):
        group = rng.sample(people, rng.choice([1, 1, 1, 2, 3]))
        when = datetime.combine(some_day(), time(rng.randint(8, 19)))
        step = {}
        if rng.random() < 0.5:
            step = {
                "next_step": "Send it",
                "next_step_due": when.date() + timedelta(days=rng.randint(0, 60)),
            }
        conversations.append(
            journal.conversations.log(ConversationInput(tuple(group), when, **step))
        )
    favours = []
    for _ in range(30):
        started = some_day()
        due = started + timedelta(days=rng.randint(0, 80)) if rng.random() < 0.5 else None
        favours.append(
            journal.favours.add(
                FavourInput(
                    rng.choice(people),
                    rng.choice(list(FavourDirection)),
                    FavourKind.INTRO,
                    "Intro",
                    started_on=started,
                    due_on=due,
                )
            )
        )
    for conversation in rng.sample(conversations, 8):
        journal.conversations.delete(conversation)
    for conversation in rng.sample(conversations, 8):
        journal.conversations.set_next_step_done(conversation)
    for purchase in rng.sample(purchases, 5):
        journal.purchases.delete(purchase)
    for favour in rng.sample(favours, 5):
        journal.favours.settle(favour, fully=True, on=today)
    for favour in rng.sample(favours, 3):
        journal.favours.delete(favour)
    for contact in rng.sample(people, 3):
        journal.contacts.archive(contact)
    # Snoozes and "done" on some of what is due or coming up.
    ahead = [i for i in journal.reminders.due(366).items if i.kind in ORACLES]
    for item in rng.sample(ahead, min(12, len(ahead))):
        if rng.random() < 0.5:
            until = today + timedelta(days=rng.randint(1, 40))
            journal.reminders.snooze(item.key, until)
        elif item.kind is DueKind.CHECK_IN:
            journal.reminders.done(item.key)


def facts(journal) -> dict:
    with journal.db.read_raw() as c:
        return {
            "contacts": {
                r[0]: {"archived": r[1] is not None, "sort_name": r[2]}
                for r in c.execute("SELECT id, archived_at, sort_name FROM contact")
            },
            "purchases": [
                (r[0], r[1], _day(r[2]))
                for r in c.execute(
                    "SELECT id, contact_id, purchased_on FROM purchase WHERE deleted_at IS NULL"
                )
            ],
            "conversations": [
                (r[0], _day(r[1]), _day(r[2]), r[3] is not None, r[4] is not None)
                for r in c.execute(
                    "SELECT id, happened_at, next_step_due, next_step_done_at, deleted_at "
                    "FROM conversation"
                )
            ],
            "participants": c.execute(
                "SELECT conversation_id, contact_id FROM conversation_contact"
            ).fetchall(),
            "favours": [
                (r[0], r[1], r[2], _day(r[3]), _day(r[4]))
                for r in c.execute(
                    "SELECT id, contact_id, direction, started_on, due_on FROM favour "
                    "WHERE deleted_at IS NULL AND status IN ('open', 'partly_done')"
                )
            ],
            "states": {
                r[0]: (_day(r[1]), _day(r[2]))
                for r in c.execute("SELECT key, snoozed_until, done_for FROM due_item_state")
            },
        }


def _snoozed(data, key, due: date) -> tuple[date, date | None]:
    snoozed, _ = data["states"].get(key, (None, None))
    return (max(due, snoozed) if snoozed else due), snoozed


def expected_checkins(journal, data, today: date, until: date) -> dict[str, tuple]:
    settings = journal.settings.get()
    offsets = sorted(set(settings.checkin_offsets))
    width = settings.checkin_window_days
    talks: dict[int, list[date]] = {}
    live = {cid: day for cid, day, _, _, deleted in data["conversations"] if not deleted}
    for conversation, contact in data["participants"]:
        if conversation in live:
            talks.setdefault(contact, []).append(live[conversation])
    found = {}
    for pid, contact, bought in data["purchases"]:
        if data["contacts"][contact]["archived"]:
            continue
        for i, n in enumerate(offsets):
            due = bought + timedelta(days=n)
            if i + 1 < len(offsets) and bought + timedelta(days=offsets[i + 1]) <= today:
                continue  # a later check-in of the same purchase is due already
            if any(
                (day > bought or (day == bought and other > pid)) and day <= due
                for other, who, day in data["purchases"]
                if who == contact and other != pid
            ):
                continue  # bought again on or before the check-in day
            first_counting = max(due - timedelta(days=width), bought + timedelta(days=1))
            if any(day >= first_counting for day in talks.get(contact, [])):
                continue  # satisfied
            key = f"checkin:{pid}:{n}"
            done_for = data["states"].get(key, (None, None))[1]
            if done_for is not None and done_for >= due:
                continue
            urgent, _ = _snoozed(data, key, due)
            if urgent <= until:
                found[key] = (due, urgent, contact)
    return found


def expected_followups(journal, data, today: date, until: date) -> dict[str, tuple]:
    who: dict[int, list[int]] = {}
    for conversation, contact in data["participants"]:
        if not data["contacts"][contact]["archived"]:
            who.setdefault(conversation, []).append(contact)
    found = {}
    for cid, _, due, done, deleted in data["conversations"]:
        if due is None or done or deleted or cid not in who:
            continue
        key = f"followup:{cid}"
        urgent, _ = _snoozed(data, key, due)
        if urgent <= until:
            first = min(who[cid], key=lambda c: data["contacts"][c]["sort_name"])
            found[key] = (due, urgent, first)
    return found


def expected_favours(journal, data, today: date, until: date) -> dict[str, tuple]:
    stale = journal.settings.get().owed_favour_stale_days
    found = {}
    for fid, contact, direction, started, due_on in data["favours"]:
        if data["contacts"][contact]["archived"]:
            continue
        due = due_on
        if due is None and direction == "i_owe":
            due = started + timedelta(days=stale)
        if due is None:
            continue
        key = f"favour:{fid}"
        urgent, _ = _snoozed(data, key, due)
        if urgent <= until:
            found[key] = (due, urgent, contact)
    return found


ORACLES = {
    DueKind.CHECK_IN: expected_checkins,
    DueKind.FOLLOW_UP: expected_followups,
    DueKind.FAVOUR: expected_favours,
}


def found(items: tuple[DueItem, ...] | list[DueItem], kind: DueKind) -> dict[str, tuple]:
    return {i.key: (i.due_on, i.urgent_on, i.contact_id) for i in items if i.kind is kind}


@pytest.mark.parametrize("seed", range(8))
def test_rules_agree_with_the_plain_reading(journal, clock, seed):
    rng = random.Random(seed)
    build(journal, clock, rng)
    with journal.db.read_raw() as connection:
        assert contact_cache.stale_contacts(connection) == []
    for step in (0, 3, 40):
        clock.advance(days=step)
        today = clock.today()
        data = facts(journal)
        for days in (0, 7, 120):
            report = journal.reminders.due(days)
            assert list(report.items) == sorted(report.items, key=DueItem.sort_key)
            for kind, oracle in ORACLES.items():
                expected = oracle(journal, data, today, today + timedelta(days=days))
                assert found(report.items, kind) == expected, (kind, days, step)
                assert report.counts[kind].total == len(expected)
        # One contact's view and the item behind each key say the same.
        for contact in list(data["contacts"])[:5]:
            mine = journal.reminders.items_for_contact(contact)
            everything = journal.reminders.due(366).items
            assert [i.key for i in mine if i.kind in ORACLES] == [
                i.key for i in everything if i.kind in ORACLES and i.contact_id == contact
            ] or contact_is_in_a_group(data, contact)
        for item in journal.reminders.due(0).items:
            assert journal.reminders.get(item.key) == item


def contact_is_in_a_group(data, contact: int) -> bool:
    """A follow-up of a group conversation belongs to one participant but shows on every
    participant's page."""
    groups = {}
    for conversation, who in data["participants"]:
        groups.setdefault(conversation, set()).add(who)
    return any(contact in people and len(people) > 1 for people in groups.values())


def sort_names(journal) -> dict[int, str]:
    with journal.db.read_raw() as c:
        return dict(c.execute("SELECT id, sort_name FROM contact"))


@pytest.mark.parametrize("seed", range(4))
def test_a_limit_keeps_the_most_overdue_of_each_kind_and_counts_them_all(journal, clock, seed):
    rng = random.Random(100 + seed)
    build(journal, clock, rng)
    names = sort_names(journal)
    for days in (0, 30):
        full = journal.reminders.due(days)
        for limit in (1, 2, 3, 5, 8, 1000):
            cut = journal.reminders.due(days, limit=limit)
            assert cut.counts == full.counts
            for kind in DueKind:
                everything = [i for i in full.items if i.kind is kind]
                kept = [i for i in cut.items if i.kind is kind]
                assert len(kept) == min(limit, len(everything))
                assert {i.key for i in kept} <= {i.key for i in everything}
                assert [i for i in full.items if i.key in {k.key for k in kept}] == kept
                left = [i for i in everything if i not in kept]
                if kept and left:
                    # Most overdue first; on the same day, by the contact's sort name.
                    last = max((i.urgent_on, names.get(i.contact_id, "")) for i in kept)
                    first_left = min((i.urgent_on, names.get(i.contact_id, "")) for i in left)
                    assert last <= first_left
    counts = journal.reminders.counts()
    full = journal.reminders.due(0)
    assert counts == (full.overdue_count, full.due_today_count)
