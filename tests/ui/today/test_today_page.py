"""The Today screen: grouped items with reasons, one-key actions that change the journal and
the screen, Upcoming, the reminder dialog, and the tray digest."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from colearn_desktop.core.due import DueKind, ReminderInput
from colearn_desktop.core.enums import AskStatus, RepeatUnit
from colearn_desktop.core.referrals import AskInput
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.today.reminder_dialog import ReminderDialog
from colearn_desktop.ui.today.today_model import Column, TodayModel
from colearn_desktop.ui.today.today_page import TodayPage
from tests.helpers import add_contact, log_call

TODAY = date(2026, 11, 22)


@pytest.fixture
def people(journal):
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    ana = add_contact(journal, "Ana", cadence_days=60)
    ben = add_contact(journal, "Ben", "Okafor", cadence_days=30)
    log_call(journal, ana, when=datetime(2026, 9, 9, 10))  # 74 days ago: 14 overdue
    log_call(
        journal,
        ben,
        when=datetime(2026, 10, 23, 10),  # 30 days ago: due today
        next_step="Send the proposal",
        next_step_due=TODAY - timedelta(days=2),
    )
    journal.reminders.add(ReminderInput("Quarterly taxes", TODAY + timedelta(days=3)))
    return {"ana": ana, "ben": ben}


@pytest.fixture
def page(qtbot, journal, people):
    signals = JournalSignals(journal)
    widget = TodayPage(journal, signals)
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    with qtbot.waitSignal(widget.loaded):  # the first list comes from the worker
        widget.show()
    return widget


def rows(page):
    """(group title, [(what, why, when), ...]) as the user reads them."""
    model = page.model
    shown = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        items = [
            tuple(model.index(r, c, group).data() for c in Column)
            for r in range(model.rowCount(group))
        ]
        shown.append((group.data(), items))
    return shown


def test_model_passes_the_model_tester(qtmodeltester, demo_journal):
    model = TodayModel()
    model.set_report(demo_journal.reminders.due(30), upcoming=False)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    model.set_report(demo_journal.reminders.due(30), upcoming=True)
    qtmodeltester.check(model, force_py=True)


def test_today_groups_by_reason_with_why(page):
    assert rows(page) == [
        (
            "Keep in touch (2)",
            [
                (
                    "Keep in touch with Ana García",
                    "last talked 74 days ago; every 60 days",
                    "14 days overdue",
                ),
                (
                    "Keep in touch with Ben Okafor",
                    "last talked 30 days ago; every 30 days",
                    "due today",
                ),
            ],
        ),
        (
            "Follow-ups (1)",
            [
                (
                    "Ben Okafor: Send the proposal",
                    "next step from the conversation of Fri 23 Oct",
                    "2 days overdue",
                )
            ],
        ),
    ]
    assert page.summary.text() == "2 overdue, 1 due today"


def test_upcoming_shows_the_next_days_by_day(page, qtbot):
    qtbot.keyClick(page, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert page.horizon == 7
    assert page.title.text() == "Upcoming"
    assert rows(page) == [("Wed 25 Nov", [("Quarterly taxes", "your reminder", "in 3 days")])]


def test_done_key_updates_screen_and_journal(page, journal, people, qtbot):
    assert page.select_key(f"cadence:{people['ana']}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D)
    assert [i[0] for i in rows(page)[0][1]] == ["Keep in touch with Ben Okafor"]
    # Restarted from today: next due in 60 days, and no conversation was invented.
    assert journal.reminders.next_due_for_contact(people["ana"]).due_on == TODAY + timedelta(
        days=60
    )
    assert len(journal.conversations.for_contact(people["ana"])) == 1
    # The selection moved on to the next item.
    assert page.selected_item().key == f"cadence:{people['ben']}"


def test_an_unanswered_ask_is_asked_again_or_closed_from_today(journal, people, qtbot, clock):
    sent = TODAY - timedelta(days=15)
    ask_id = journal.referrals.asks.record(AskInput(people["ana"], "Hi!", asked_on=sent))
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.resize(1000, 500)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert (
        "Referral asks waiting for an answer (1)",
        [
            (
                "Ask Ana García again or close the ask",
                "asked for a referral 15 days ago; no answer yet",
                "1 day overdue",
            )
        ],
    ) in rows(page)
    assert page.select_key(f"ask:{ask_id}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D)
    assert "Referral asks waiting for an answer (1)" not in [g for g, _ in rows(page)]
    assert journal.referrals.asks.get(ask_id).status is AskStatus.NO_ANSWER


def test_an_unanswered_ask_snoozes_like_any_item(journal, people, qtbot, clock):
    sent = TODAY - timedelta(days=15)
    ask_id = journal.referrals.asks.record(AskInput(people["ben"], "Hi!", asked_on=sent))
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.select_key(f"ask:{ask_id}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_T)
    assert "Referral asks waiting for an answer (1)" not in [g for g, _ in rows(page)]
    clock.advance(days=1)
    page.refresh()
    assert "Referral asks waiting for an answer (1)" in [g for g, _ in rows(page)]
    assert journal.referrals.asks.get(ask_id).status is AskStatus.ASKED


def test_snooze_tomorrow_key(page, journal, people, qtbot, clock):
    page.select_key(f"followup:{journal.conversations.for_contact(people['ben'])[0].id}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_T)
    assert [g for g, _ in rows(page)] == ["Keep in touch (2)"]
    assert page.summary.text() == "1 overdue, 1 due today"
    clock.advance(days=1)
    page.refresh()
    followups = [i for i in journal.reminders.due().items if i.kind is DueKind.FOLLOW_UP]
    assert followups[0].snoozed_until == TODAY + timedelta(days=1)
    assert "Follow-ups (1)" in [g for g, _ in rows(page)]


def test_refreshes_when_the_journal_changes(page, journal, people, qtbot):
    log_call(journal, people["ana"], when=datetime(2026, 11, 22, 8))
    qtbot.waitUntil(lambda: rows(page)[0][0] == "Keep in touch (1)")


def test_log_touch_and_open_contact_signals(page, people, qtbot):
    page.select_key(f"cadence:{people['ben']}")
    page.tree.setFocus()
    with qtbot.waitSignal(page.log_touch_requested) as logged:
        qtbot.keyClick(page.tree, Qt.Key.Key_L)
    assert logged.args == [people["ben"]]
    with qtbot.waitSignal(page.open_contact_requested) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_O)
    assert opened.args == [people["ben"]]


def test_empty_state(qtbot, journal):
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.empty.isVisible()
    assert not page.tree.isVisible()
    assert page.summary.text() == "Nothing due today"


def test_reminder_dialog_writes_a_recurring_reminder(qtbot, journal, people):
    dialog = ReminderDialog(journal, contact_id=people["ana"])
    qtbot.addWidget(dialog)
    dialog.text.setText("Send the newsletter")
    dialog.due.setDate(dialog.due.date().addDays(9))  # 1 December
    dialog.repeat.setChecked(True)
    dialog.every.setValue(1)
    dialog.unit.setCurrentIndex(dialog.unit.findData("month"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    view = journal.reminders.reminder(dialog.reminder_id)
    assert view.data == ReminderInput(
        "Send the newsletter", date(2026, 12, 1), people["ana"], RepeatUnit.MONTH, 1
    )
    assert view.contact_name == "Ana García"


def test_reminder_dialog_shows_errors_and_stays_open(qtbot, journal):
    dialog = ReminderDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert dialog.isVisible()
    errors = [label.text() for label in dialog.findChildren(type(dialog.banner)) if label.text()]
    assert errors == ["Say what to be reminded of"]
    assert journal.reminders.due(30).items == ()


def test_edit_key_opens_the_reminder(page, journal, qtbot):
    page.view_tabs.setCurrentIndex(1)
    (item,) = [i for g in page.model.groups for i in g.items]
    page.select_key(item.key)
    page.edit_reminder()
    dialog = page.findChild(ReminderDialog)
    assert dialog.text.text() == "Quarterly taxes"
    dialog.text.setText("Quarterly taxes (Q4)")
    dialog.save()
    qtbot.waitUntil(lambda: rows(page)[0][1][0][0] == "Quarterly taxes (Q4)")


def test_tray_digest_once_a_day(qtbot, journal, people, clock, tmp_path):
    from PySide6.QtCore import QSettings

    from colearn_desktop.ui.shell.tray import TrayNotifier

    settings = QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat)
    notifier = TrayNotifier(journal, JournalSignals(journal), settings=settings)
    assert notifier.enabled
    with qtbot.waitSignal(notifier.digest_shown) as shown:
        notifier.show_digest()
    assert shown.args == ["2 overdue, 1 due today"]
    # Same day: nothing new; the next day from 8:00: a new digest.
    with qtbot.assertNotEmitted(notifier.digest_shown):
        notifier.check_day()
    clock.current = datetime(2026, 11, 23, 7, 0)
    with qtbot.assertNotEmitted(notifier.digest_shown):
        notifier.check_day()
    clock.current = datetime(2026, 11, 23, 8, 5)
    with qtbot.waitSignal(notifier.digest_shown) as shown:
        notifier.check_day()
    assert shown.args == ["3 overdue"]
    notifier.set_enabled(False)
    assert not notifier.enabled
    assert notifier.start() is False
    if not notifier.available:  # offscreen: no tray, the window shows Today instead
        notifier.set_enabled(True)
        assert notifier.start() is False


def test_hidden_page_refreshes_when_shown(page, journal, people, qtbot):
    page.hide()
    log_call(journal, people["ana"], when=datetime(2026, 11, 22, 8))
    assert page.refresh_policy.stale
    assert not page.refresh_policy.pending
    assert rows(page)[0][0] == "Keep in touch (2)"  # not recomputed while hidden
    page.show()
    assert rows(page)[0][0] == "Keep in touch (1)"


def test_a_big_journal_works_out_today_on_a_worker(qtbot, journal, monkeypatch):
    from colearn_desktop.ui.today import today_page as module

    ana = add_contact(journal, "Ana", cadence_days=7)
    log_call(journal, ana, when=datetime(2026, 11, 1, 9))
    monkeypatch.setattr(module, "BACKGROUND_FROM_CONTACTS", 0)
    page = module.TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.item_count() == 1, timeout=5000)
    assert page.model.item_at(page.tree.currentIndex()).contact_id == ana
    page.wait_idle()


def test_shift_down_then_d_marks_both_done_in_one_undo_step(page, journal, people, qtbot):
    assert page.select_key(f"cadence:{people['ana']}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_keys() == [f"cadence:{people['ana']}", f"cadence:{people['ben']}"]

    qtbot.keyClick(page.tree, Qt.Key.Key_D)

    assert "Keep in touch (2)" not in [g for g, _ in rows(page)]
    assert not any(i.kind is DueKind.KEEP_IN_TOUCH for i in journal.reminders.due().items)
    assert journal.undo.next_undo().label == "Done: 2 reminders"
    journal.undo.undo()
    page.refresh_policy.refresh_now()
    assert "Keep in touch (2)" in [g for g, _ in rows(page)]


def test_ctrl_a_then_w_snoozes_everything_listed(page, journal, qtbot):
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tree, Qt.Key.Key_W)
    assert journal.reminders.due().items == ()
    assert journal.undo.next_undo().label.startswith("Snooze: ")
    assert journal.undo.next_undo().label.endswith(" reminders")


def test_d_and_t_run_again_only_the_rule_of_the_item_they_changed(
    page, journal, people, qtbot, monkeypatch
):
    """Every rule ran again after each D or T (~80 ms at 100,000 contacts, where the one
    rule of the item takes ~6 ms): the change names the kind of item it touched, so only
    that rule runs, and the other kinds' items stay on screen as they were."""
    from colearn_desktop.core.due.rule import DueRule

    ran: list[str] = []  # the rules run over the whole list (not to look one item up)
    fetch = DueRule.fetch

    def counted(rule, connection, window, settings):
        if window.entity_id is None:
            ran.append(rule.kind)
        return fetch(rule, connection, window, settings)

    monkeypatch.setattr(DueRule, "fetch", counted)
    page.select_key(f"cadence:{people['ana']}")
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D)
    assert ran == [DueKind.KEEP_IN_TOUCH]
    assert [(g, [i[0] for i in items]) for g, items in rows(page)] == [
        ("Keep in touch (1)", ["Keep in touch with Ben Okafor"]),
        ("Follow-ups (1)", ["Ben Okafor: Send the proposal"]),
    ]
    ran.clear()
    page.select_key(f"followup:{journal.conversations.for_contact(people['ben'])[0].id}")
    qtbot.keyClick(page.tree, Qt.Key.Key_T)
    assert ran == [DueKind.FOLLOW_UP]
    assert [g for g, _ in rows(page)] == ["Keep in touch (1)"]
    assert page.summary.text() == "1 due today"
    # A change that names no kind (a conversation logged) runs every rule again.
    ran.clear()
    log_call(journal, people["ben"], when=datetime(2026, 11, 22, 8))
    qtbot.waitUntil(lambda: not rows(page))
    assert set(ran) == set(DueKind)
