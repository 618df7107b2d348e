"""The tray's notifications with the journal's fake clock: a reminder due tomorrow arrives
tomorrow at the digest time without the window being opened; items falling due later in the
day; snoozing everything until tomorrow as one undo step."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings

from colearn_desktop.core.due import ReminderInput
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.shell.tray import TrayNotifier
from tests.helpers import add_contact

TODAY = date(2026, 11, 22)  # the conftest clock: 09:30


@pytest.fixture
def settings(tmp_path) -> QSettings:
    settings = QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat)
    settings.setValue("reminders/last_digest_day", TODAY.isoformat())  # today already seen
    return settings


def notifier_for(journal, settings) -> tuple[TrayNotifier, list[tuple[str, str]]]:
    notifier = TrayNotifier(journal, JournalSignals(journal), settings=settings)
    shown: list[tuple[str, str]] = []
    notifier.notified.connect(lambda title, text: shown.append((title, text)))
    return notifier, shown


def test_a_reminder_due_tomorrow_is_notified_tomorrow_at_the_digest_time(
    qtbot, journal, clock, settings
):
    settings.setValue("reminders/digest_at", "07:45")
    ana = add_contact(journal, "Ana")
    journal.reminders.add(ReminderInput("Send the quote", TODAY + timedelta(days=1), ana))
    notifier, shown = notifier_for(journal, settings)
    notifier.check_day()  # the rest of today: quiet, the day was seen
    for moment in (datetime(2026, 11, 23, 0, 5), datetime(2026, 11, 23, 7, 40)):
        clock.current = moment
        notifier.check_day()
    assert shown == []
    clock.current = datetime(2026, 11, 23, 7, 45)
    notifier.check_day()
    assert shown == [("CoLearn reminders", "1 due today: Ana García")]
    assert settings.value("reminders/last_digest_day") == "2026-11-23"
    # A restart later that day stays quiet.
    clock.current = datetime(2026, 11, 23, 12, 0)
    again, shown_again = notifier_for(journal, settings)
    again.check_day()
    assert shown_again == []


def test_a_laptop_waking_days_later_gets_one_digest(qtbot, journal, clock, settings):
    ana = add_contact(journal, "Ana")
    journal.reminders.add(ReminderInput("Call back", TODAY + timedelta(days=1), ana))
    notifier, shown = notifier_for(journal, settings)
    clock.current = datetime(2026, 11, 26, 13, 17)  # the timer's first tick after sleep
    notifier.check_day()
    notifier.check_day()
    assert shown == [("CoLearn reminders", "1 overdue: Ana García")]


def test_items_falling_due_while_running_are_notified_once(qtbot, journal, clock, settings):
    from colearn_desktop.core.opening import open_journal

    settings.setValue("reminders/level", "digest_and_due")
    settings.remove("reminders/last_digest_day")
    notifier, shown = notifier_for(journal, settings)
    notifier.check_day()
    assert shown == []  # nothing due: the digest stays in the tooltip
    shown.clear()
    # Written by another program (the command line, a sync): no change signal here.
    other = open_journal(journal.path, clock=clock)
    try:
        other.reminders.add(ReminderInput("Pay the printer", TODAY))
    finally:
        other.close()
    notifier.check_day()
    notifier.check_day()
    assert shown == [("Due now", "Pay the printer")]
    # What the user does in this app is not announced back to them.
    journal.reminders.add(ReminderInput("Water the plants", TODAY))
    notifier.check_day()
    assert shown == [("Due now", "Pay the printer")]


def test_snooze_all_until_tomorrow_is_one_named_undo_step(qtbot, journal, clock, settings):
    ana = add_contact(journal, "Ana")
    journal.reminders.add(ReminderInput("Send the quote", TODAY, ana))
    journal.reminders.add(ReminderInput("Invoice", TODAY - timedelta(days=2)))
    notifier, shown = notifier_for(journal, settings)
    notifier.snooze_action.trigger()
    assert journal.reminders.due(0).on_today == ()
    assert shown == [
        (
            "Snooze all until tomorrow",
            "Everything on Today is snoozed until tomorrow; Undo in the window's Edit menu "
            "takes it back.",
        )
    ]
    notifier.snooze_action.trigger()
    assert shown[-1][1] == "Nothing is due today, so nothing was snoozed."
    assert journal.undo.next_undo().label == "Snooze: 2 reminders"
    clock.current = datetime(2026, 11, 23, 9, 0)
    assert len(journal.reminders.due(0).on_today) == 2  # back tomorrow
    clock.current = datetime(2026, 11, 22, 9, 30)
    journal.undo.undo()
    assert len(journal.reminders.due(0).on_today) == 2


# (the offscreen platform has no tray to dock the icon in, and says so)
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_a_start_on_a_day_already_seen_is_quiet_but_the_icon_counts(
    qtbot, journal, settings, monkeypatch
):
    from PySide6.QtWidgets import QSystemTrayIcon

    journal.reminders.add(ReminderInput("Invoice", TODAY - timedelta(days=2)))
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    notifier, shown = notifier_for(journal, settings)
    assert notifier.start()
    assert notifier.wait_idle()
    qtbot.waitUntil(lambda: notifier.icon.toolTip() == "CoLearn: 1 overdue")
    assert shown == []
    notifier.stop()
