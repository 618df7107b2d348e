"""Keep in touch: due exactly at the cadence, grace edge, resets, cadence sources, done and
snooze, archived contacts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from colearn_desktop.core.due import DueKind, Severity
from colearn_desktop.core.enums import Stage
from tests.core.due.conftest import TODAY, at, keys
from tests.helpers import add_contact, log_call


def kit(journal, days=0):
    return [i for i in journal.reminders.due(days).items if i.kind is DueKind.KEEP_IN_TOUCH]


@pytest.mark.parametrize(("talked_days_ago", "listed"), [(29, False), (30, True), (31, True)])
def test_due_exactly_when_the_cadence_is_reached(quiet, talked_days_ago, listed):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=talked_days_ago)))
    items = kit(quiet)
    assert (f"cadence:{ana}" in keys(items)) is listed
    if listed:
        item = items[0]
        assert item.due_on == TODAY - timedelta(days=talked_days_ago - 30)
        assert item.facts["days_since"] == talked_days_ago
        assert item.facts["cadence_days"] == 30
        assert item.facts["cadence_source"] == "contact"


def test_one_day_before_it_is_upcoming(quiet):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=29)))
    report = quiet.reminders.due(days=1)
    assert keys(report.upcoming) == [f"cadence:{ana}"]
    assert report.upcoming[0].severity(TODAY, 7) is Severity.UPCOMING


def test_grace_edge_turns_amber_into_red(quiet):
    quiet.settings.update(grace_days=7)
    ana = add_contact(quiet, "Ana", cadence_days=10)
    ben = add_contact(quiet, "Ben", cadence_days=10)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=17)))  # 7 days overdue
    log_call(quiet, ben, when=at(TODAY - timedelta(days=18)))  # 8 days overdue
    by_contact = {i.contact_id: i for i in kit(quiet)}
    assert by_contact[ana].severity(TODAY, 7) is Severity.DUE
    assert by_contact[ben].severity(TODAY, 7) is Severity.LATE
    # Most overdue first.
    assert [i.contact_id for i in kit(quiet)] == [ben, ana]


def test_a_conversation_on_the_due_day_resets_it(quiet, clock):
    ana = add_contact(quiet, cadence_days=30)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=30)))
    assert keys(kit(quiet)) == [f"cadence:{ana}"]
    log_call(quiet, ana, when=at(TODAY, 8))
    assert kit(quiet) == []
    assert quiet.reminders.next_due_for_contact(ana).due_on == TODAY + timedelta(days=30)


def test_never_contacted_counts_from_the_day_added(quiet, clock):
    ana = add_contact(quiet, cadence_days=5)
    clock.advance(days=5)
    (item,) = kit(quiet)
    assert item.contact_id == ana
    assert item.facts["last_contact_on"] is None
    assert item.facts["added_on"] == TODAY


def test_cadence_from_contact_then_tag_then_stage(quiet):
    quiet.settings.update(stage_cadence={"help": 60})
    stage_only = add_contact(quiet, "Stage", stage=Stage.HELP)
    tagged = add_contact(quiet, "Tagged", stage=Stage.HELP, tags=("vip", "mentor"))
    own = add_contact(quiet, "Own", stage=Stage.HELP, tags=("vip",), cadence_days=100)
    tag_ids = {t.name: t.id for t in quiet.tags.all()}
    quiet.tags.set_cadence(tag_ids["vip"], 20)
    quiet.tags.set_cadence(tag_ids["mentor"], 40)
    for contact in (stage_only, tagged, own):
        log_call(quiet, contact, when=at(TODAY - timedelta(days=200)))
    found = {i.contact_id: i.facts for i in kit(quiet)}
    assert (found[stage_only]["cadence_days"], found[stage_only]["cadence_source"]) == (
        60,
        "stage",
    )
    # The shortest tag cadence wins over the stage.
    assert (found[tagged]["cadence_days"], found[tagged]["cadence_source"]) == (20, "tag")
    assert (found[own]["cadence_days"], found[own]["cadence_source"]) == (100, "contact")


def test_no_cadence_means_never_due(quiet):
    add_contact(quiet, stage=Stage.NETWORK)
    assert quiet.reminders.due(days=366).items == ()


def test_archived_contacts_never_appear(quiet):
    ana = add_contact(quiet, cadence_days=10, birthday=None)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=40)))
    quiet.contacts.archive(ana)
    assert quiet.reminders.due(days=30).items == ()
    assert quiet.reminders.items_for_contact(ana) == []


def test_snoozed_until_tomorrow_comes_back_tomorrow(quiet, clock):
    ana = add_contact(quiet, cadence_days=10)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=12)))
    quiet.reminders.snooze(f"cadence:{ana}", TODAY + timedelta(days=1))
    assert kit(quiet) == []
    assert quiet.contact_list.rows()[0].next_due == TODAY + timedelta(days=1)
    clock.advance(days=1)
    (item,) = kit(quiet)  # snoozed until today: back, and due today (not overdue)
    assert item.snoozed_until == date(2026, 11, 23)
    assert item.days_overdue(clock.today()) == 0
    assert item.facts["days_since"] == 13


def test_done_restarts_the_clock_without_writing_a_conversation(quiet, clock):
    ana = add_contact(quiet, cadence_days=10)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=15)))
    quiet.reminders.done(f"cadence:{ana}")
    assert kit(quiet) == []
    assert len(quiet.conversations.for_contact(ana)) == 1
    assert quiet.contact_list.rows()[0].next_due == TODAY + timedelta(days=10)
    clock.advance(days=10)
    (item,) = kit(quiet)
    assert item.facts["reached_out_on"] == TODAY
    assert item.facts["days_since"] == 25


def test_snooze_must_be_after_today(quiet):
    from colearn_desktop.core.errors import ValidationError

    ana = add_contact(quiet, cadence_days=1)
    log_call(quiet, ana, when=at(TODAY - timedelta(days=3)))
    with pytest.raises(ValidationError) as caught:
        quiet.reminders.snooze(f"cadence:{ana}", TODAY)
    assert caught.value.field == "until"
