"""Follow-ups, favours and thank-yous: due dates, done, trash and archive."""

from __future__ import annotations

from datetime import timedelta

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.enums import FavourDirection, FavourKind, FavourStatus
from colearn_desktop.core.records import FavourInput
from tests.core.due.conftest import TODAY, at, keys
from tests.helpers import add_contact, log_call


def of_kind(journal, kind, days=0):
    return [i for i in journal.reminders.due(days).items if i.kind is kind]


def test_follow_up_due_on_its_date_until_done(quiet):
    ana = add_contact(quiet)
    today_step = log_call(
        quiet, ana, when=at(TODAY - timedelta(days=3)), next_step="Send quote", next_step_due=TODAY
    )
    tomorrow_step = log_call(
        quiet,
        ana,
        when=at(TODAY - timedelta(days=2)),
        next_step="Call back",
        next_step_due=TODAY + timedelta(days=1),
    )
    assert keys(of_kind(quiet, DueKind.FOLLOW_UP)) == [f"followup:{today_step}"]
    assert keys(of_kind(quiet, DueKind.FOLLOW_UP, days=1)) == [
        f"followup:{today_step}",
        f"followup:{tomorrow_step}",
    ]
    (item,) = of_kind(quiet, DueKind.FOLLOW_UP)
    assert item.facts["next_step"] == "Send quote"
    quiet.reminders.done(item.key)
    assert of_kind(quiet, DueKind.FOLLOW_UP) == []
    assert quiet.conversations.get(today_step).next_step_done_at is not None


def test_follow_up_in_the_trash_or_with_archived_people_is_gone(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    trashed = log_call(
        quiet, ana, when=at(TODAY - timedelta(days=1)), next_step="x", next_step_due=TODAY
    )
    log_call(quiet, ben, when=at(TODAY - timedelta(days=1)), next_step="y", next_step_due=TODAY)
    quiet.conversations.delete(trashed)
    quiet.contacts.archive(ben)
    assert of_kind(quiet, DueKind.FOLLOW_UP) == []


def test_follow_up_with_two_people_is_one_item(quiet):
    ana = add_contact(quiet, "Ana")
    ben = add_contact(quiet, "Ben")
    log_call(quiet, ana, ben, when=at(TODAY), next_step="Workshop", next_step_due=TODAY)
    (item,) = of_kind(quiet, DueKind.FOLLOW_UP)
    assert item.contact_name == "Ana García"
    assert item.facts["other_people"] == 1
    assert len(quiet.reminders.items_for_contact(ben)) == 1


def favour(journal, contact, direction, started_days_ago, due_in=None, what="Intro to Sam"):
    return journal.favours.add(
        FavourInput(
            contact,
            direction,
            FavourKind.INTRO,
            what,
            started_on=TODAY - timedelta(days=started_days_ago),
            due_on=None if due_in is None else TODAY + timedelta(days=due_in),
        )
    )


def test_favour_with_a_due_date_either_way(quiet):
    ana = add_contact(quiet)
    mine = favour(quiet, ana, FavourDirection.I_OWE, 5, due_in=0)
    theirs = favour(quiet, ana, FavourDirection.THEY_OWE, 5, due_in=-2, what="Testimonial")
    later = favour(quiet, ana, FavourDirection.THEY_OWE, 5, due_in=1)
    assert keys(of_kind(quiet, DueKind.FAVOUR)) == [f"favour:{theirs}", f"favour:{mine}"]
    assert f"favour:{later}" in keys(of_kind(quiet, DueKind.FAVOUR, days=1))


def test_owed_favour_without_date_comes_up_when_stale(quiet):
    quiet.settings.update(owed_favour_stale_days=30)
    ana = add_contact(quiet)
    stale = favour(quiet, ana, FavourDirection.I_OWE, 30)
    fresh = favour(quiet, ana, FavourDirection.I_OWE, 29)
    favour(quiet, ana, FavourDirection.THEY_OWE, 300)  # what they owe me has no stale rule
    (item,) = of_kind(quiet, DueKind.FAVOUR)
    assert item.key == f"favour:{stale}"
    assert item.facts["has_due_date"] is False
    assert item.facts["stale_days"] == 30
    assert f"favour:{fresh}" in keys(of_kind(quiet, DueKind.FAVOUR, days=1))


def test_done_settles_the_favour(quiet):
    ana = add_contact(quiet)
    owed = favour(quiet, ana, FavourDirection.I_OWE, 5, due_in=0)
    quiet.reminders.done(f"favour:{owed}")
    assert of_kind(quiet, DueKind.FAVOUR) == []
    view = quiet.favours.get(owed)
    assert view.status is FavourStatus.DONE
    assert view.closed_on == TODAY


def test_thank_the_referrer_until_thanked(quiet, clock):
    sam = add_contact(quiet, "Sam", "Lee")
    ana = add_contact(quiet, "Ana", referred_by_id=sam)
    (item,) = of_kind(quiet, DueKind.THANKS)
    assert item.key == f"thanks:{ana}"
    assert item.contact_id == sam
    assert item.facts["referred_name"] == "Ana García"
    assert item.due_on == TODAY
    quiet.reminders.done(item.key)
    assert of_kind(quiet, DueKind.THANKS) == []
    with quiet.db.read_raw() as connection:
        thanked = connection.execute(
            "SELECT thanked_on FROM contact_referral_state WHERE contact_id = ?", (ana,)
        ).fetchone()[0]
    assert thanked == TODAY.isoformat()


def test_thanks_snoozed_and_archived_referrer(quiet, clock):
    sam = add_contact(quiet, "Sam", "Lee")
    ana = add_contact(quiet, "Ana", referred_by_id=sam)
    quiet.reminders.snooze(f"thanks:{ana}", TODAY + timedelta(days=7))
    assert of_kind(quiet, DueKind.THANKS) == []
    assert keys(of_kind(quiet, DueKind.THANKS, days=7)) == [f"thanks:{ana}"]
    quiet.contacts.archive(sam)
    assert of_kind(quiet, DueKind.THANKS, days=7) == []
