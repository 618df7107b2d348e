"""The notification schedule with a fake clock: ticks every five minutes as the tray's timer,
late after sleep, across midnight and the DST changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from colearn_desktop.desktop.schedule import Notices, NotifyLevel, NotifySchedule

BERLIN = ZoneInfo("Europe/Berlin")


def local_ticks(start_utc: datetime, hours: float, every_minutes: int = 5) -> Iterator[datetime]:
    """The wall-clock times a timer firing every few minutes sees in Berlin (naive local,
    as the journal's clock hands them out)."""
    moment = start_utc
    while moment < start_utc + timedelta(hours=hours):
        yield moment.astimezone(BERLIN).replace(tzinfo=None)
        moment += timedelta(minutes=every_minutes)


def digests(schedule: NotifySchedule, ticks: Iterator[datetime]) -> list[datetime]:
    return [now for now in ticks if schedule.tick(now, lambda: ()).digest]


def test_one_digest_a_day_at_the_chosen_time_across_midnight() -> None:
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(7, 30), last_digest_day=date(2026, 11, 22))
    shown = digests(schedule, local_ticks(datetime(2026, 11, 22, 12, tzinfo=UTC), hours=48))
    assert shown == [datetime(2026, 11, 23, 7, 30), datetime(2026, 11, 24, 7, 30)]


def test_a_digest_time_that_does_not_exist_on_the_spring_forward_night() -> None:
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(2, 30), last_digest_day=date(2026, 3, 28))
    shown = digests(schedule, local_ticks(datetime(2026, 3, 28, 20, tzinfo=UTC), hours=12))
    assert shown == [datetime(2026, 3, 29, 3, 0)]  # 02:30 never shows on a clock that night


def test_a_digest_time_that_happens_twice_on_the_fall_back_night_shows_once() -> None:
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(2, 30), last_digest_day=date(2026, 10, 24))
    shown = digests(schedule, local_ticks(datetime(2026, 10, 24, 20, tzinfo=UTC), hours=12))
    assert shown == [datetime(2026, 10, 25, 2, 30)]


def test_a_laptop_asleep_for_days_gets_one_digest_when_it_wakes() -> None:
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(8), last_digest_day=date(2026, 11, 20))
    assert schedule.tick(datetime(2026, 11, 20, 22, 0), lambda: ()) == Notices()
    # The timer's next tick comes three days later, at lunch: one digest, then quiet.
    assert schedule.tick(datetime(2026, 11, 23, 12, 40), lambda: ()) == Notices(digest=True)
    assert not schedule.tick(datetime(2026, 11, 23, 12, 45), lambda: ())
    assert schedule.last_digest_day == date(2026, 11, 23)


def test_a_day_already_seen_stays_quiet_and_a_clock_set_back_does_not_repeat_it() -> None:
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(8), last_digest_day=date(2026, 11, 23))
    assert not schedule.tick(datetime(2026, 11, 23, 9), lambda: ())
    assert not schedule.tick(datetime(2026, 11, 22, 9), lambda: ())


def test_off_shows_nothing_ever() -> None:
    schedule = NotifySchedule(NotifyLevel.OFF, time(8))
    ticks = local_ticks(datetime(2026, 11, 22, tzinfo=UTC), hours=72, every_minutes=60)
    assert not any(schedule.tick(now, lambda: ("reminder:1",)) for now in ticks)


def test_items_due_later_in_the_day_are_told_once_with_digest_and_due_items() -> None:
    due = ["reminder:1"]
    schedule = NotifySchedule(NotifyLevel.DIGEST_AND_DUE, time(8))
    assert not schedule.tick(datetime(2026, 11, 23, 7, 55), lambda: due)  # waits for the digest
    assert schedule.tick(datetime(2026, 11, 23, 8, 0), lambda: due) == Notices(digest=True)
    assert not schedule.tick(datetime(2026, 11, 23, 8, 5), lambda: due)  # the digest said it
    due.append("follow_up:7")  # written by another device or the command line
    assert schedule.tick(datetime(2026, 11, 23, 8, 10), lambda: due) == Notices(
        newly_due=("follow_up:7",)
    )
    assert not schedule.tick(datetime(2026, 11, 23, 8, 15), lambda: due)
    schedule.absorb(date(2026, 11, 23), ["reminder:9"])  # what the user just added here
    due.append("reminder:9")
    assert not schedule.tick(datetime(2026, 11, 23, 8, 20), lambda: due)


def test_digest_only_never_tells_items_one_by_one() -> None:
    due = ["reminder:1"]
    schedule = NotifySchedule(NotifyLevel.DIGEST, time(8))
    assert schedule.tick(datetime(2026, 11, 23, 8), lambda: due).digest
    due.append("reminder:2")
    assert not schedule.tick(datetime(2026, 11, 23, 9), lambda: due)


def test_a_restart_on_a_day_already_seen_is_quiet_about_what_is_due() -> None:
    schedule = NotifySchedule(
        NotifyLevel.DIGEST_AND_DUE, time(8), last_digest_day=date(2026, 11, 23)
    )
    assert not schedule.tick(datetime(2026, 11, 23, 10), lambda: ["reminder:1", "reminder:2"])
    assert schedule.tick(datetime(2026, 11, 23, 11), lambda: ["reminder:1", "reminder:3"]) == (
        Notices(newly_due=("reminder:3",))
    )
