"""``colearn due`` and ``colearn export reminders`` from the outside."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import text

from colearn_desktop.cli import main
from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.contact_fields import Birthday
from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact, log_call

TODAY = date.today()


@pytest.fixture
def data_dir(tmp_path, new_journal_file):
    """A journal whose dates are relative to the real today (the command uses the real
    clock): Ana is 5 days overdue, Ben due today, a monthly reminder, a birthday."""
    folder = tmp_path / "data"
    folder.mkdir()
    now = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)
    journal = open_journal(new_journal_file(folder / JOURNAL_FILE_NAME), clock=FixedClock(now))
    try:
        journal.settings.update(
            stage_cadence={"network": None, "search": None, "shop": None, "help": None}
        )
        ana = add_contact(journal, "Ana", cadence_days=30)
        ben = add_contact(journal, "Ben", "Okafor", cadence_days=10)
        add_contact(journal, "Leap", "Day", birthday=Birthday(2, 29, 1992))
        log_call(journal, ana, when=now - timedelta(days=35))
        log_call(journal, ben, when=now - timedelta(days=10))
        journal.reminders.add(
            ReminderInput("Send invoices", TODAY + timedelta(days=3), None, RepeatUnit.MONTH, 1)
        )
    finally:
        journal.close()
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_due_is_grouped_by_reason_as_on_today(data_dir, capsys):
    journal = open_journal(data_dir / JOURNAL_FILE_NAME)
    try:
        journal.reminders.add(ReminderInput("Call the bank", TODAY - timedelta(days=2)))
    finally:
        journal.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "due", "--days", "7")
    assert code == 0
    assert out.splitlines() == [
        "Today (3): 2 overdue, 1 due today",
        "  Keep in touch (2)",
        "    5 days overdue     Keep in touch with Ana García",
        "                       last talked 35 days ago; every 30 days (contact)",
        "    due today          Keep in touch with Ben Okafor",
        "                       last talked 10 days ago; every 10 days (contact)",
        "  Your reminders (1)",
        "    2 days overdue     Call the bank",
        "                       your reminder",
        "",
        "Next 7 days (1)",
        "  Your reminders (1)",
        "    in 3 days          Send invoices",
        "                       your reminder, every month",
    ]


def test_group_titles_are_the_today_screens():
    from colearn_desktop.core.due import DueKind
    from colearn_desktop.core.due.describe import label
    from colearn_desktop.ui.today.due_text import kind_label

    assert {kind: kind_label(kind) for kind in DueKind} == {kind: label(kind) for kind in DueKind}


def test_due_today_only(data_dir, capsys):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "due", "--days", "0")
    assert code == 0
    assert "Send invoices" not in out
    assert "Next" not in out


def test_due_json(data_dir, capsys):
    code, out, _ = run(capsys, "due", "--json", "--data-dir", str(data_dir))
    assert code == 0
    data = json.loads(out)
    assert data["date"] == TODAY.isoformat()
    (overdue,) = data["overdue"]
    assert overdue["kind"] == "keep_in_touch"
    assert overdue["days_overdue"] == 5
    assert overdue["severity"] == "due"
    assert overdue["facts"] == {
        "cadence_days": 30,
        "cadence_source": "contact",
        "last_contact_on": (TODAY - timedelta(days=35)).isoformat(),
        "added_on": None,
        "days_since": 35,
        "reached_out_on": None,
    }
    assert overdue["title"] == "Keep in touch with Ana García"
    assert overdue["reason"] == "last talked 35 days ago; every 30 days (contact)"
    assert [i["contact_name"] for i in data["due_today"]] == ["Ben Okafor"]
    (upcoming,) = data["upcoming"]
    assert upcoming["facts"]["text"] == "Send invoices"
    assert (upcoming["title"], upcoming["reason"]) == (
        "Send invoices",
        "your reminder, every month",
    )


def test_due_failures_are_clear(tmp_path, capsys):
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "due")
    assert code == 1
    assert "no journal" in err.lower()
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "due", "--days", "-1"])
    assert caught.value.code == 2


def parse(path):
    return Calendar.from_ical(path.read_bytes())


def test_export_reminders_ics(data_dir, tmp_path, capsys):
    target = tmp_path / "reminders.ics"
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "export", "reminders", "-o", str(target)
    )
    assert code == 0
    assert out.startswith("Wrote 4 calendar entries to ")
    calendar = parse(target)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    kit_uids = [u for u in events if u.startswith("cadence-")]
    assert len(kit_uids) == 2
    ana = next(e for e in events.values() if "Ana" in str(e["summary"]))
    # Overdue: placed on today, with since when in the description.
    assert ana.decoded("dtstart") == TODAY
    assert "Due since" in str(ana["description"])
    birthday = next(e for u, e in events.items() if u.startswith("birthday-"))
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    assert birthday["rrule"]["BYMONTH"] == [2]
    assert birthday["rrule"]["BYMONTHDAY"] == [-1]
    assert birthday.decoded("dtstart") == date(1992, 2, 29)
    monthly = next(e for u, e in events.items() if u.startswith("reminder-"))
    assert monthly["rrule"]["FREQ"] == ["MONTHLY"]
    assert monthly.decoded("dtstart") == TODAY + timedelta(days=3)

    again = tmp_path / "again.ics"
    run(capsys, "--data-dir", str(data_dir), "export", "reminders", "-o", str(again))
    assert {str(e["uid"]) for e in parse(again).walk("VEVENT")} == set(events)


def test_export_reminders_as_todos(data_dir, tmp_path, capsys):
    target = tmp_path / "todo.ics"
    code, _, _ = run(
        capsys, "--data-dir", str(data_dir), "export", "reminders", "--todos", "-o", str(target)
    )
    assert code == 0
    calendar = parse(target)
    todos = list(calendar.walk("VTODO"))
    assert len(todos) == 2
    # Due at the end of today: RFC 5545 wants DUE later than DTSTART (issue #15).
    assert {t.decoded("dtstart") for t in todos} == {TODAY}
    assert {t.decoded("due") for t in todos} == {TODAY + timedelta(days=1)}
    # Repeating entries stay events (to-dos with rules are poorly supported).
    assert len(list(calendar.walk("VEVENT"))) == 2


def test_export_reminders_to_a_missing_folder_fails(data_dir, tmp_path, capsys):
    code, _, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "export",
        "reminders",
        "-o",
        str(tmp_path / "nope" / "r.ics"),
    )
    assert code == 1
    assert "does not exist" in err


def test_a_reminder_on_the_last_day_a_calendar_holds_exports(data_dir, tmp_path, capsys):
    """Journals written before dates had a range may hold 9999-12-31 (export crashed with
    OverflowError); the series cannot go on, so it is written as that one day."""
    journal = open_journal(data_dir / JOURNAL_FILE_NAME)
    try:
        reminder = journal.reminders.add(
            ReminderInput("Far away", TODAY + timedelta(days=1), None, RepeatUnit.YEAR, 1)
        )
        with journal.db.write() as session:
            session.execute(
                text(
                    "UPDATE reminder SET due_on = '9999-12-31', anchor_on = '9999-12-31' "
                    "WHERE id = :id"
                ),
                {"id": reminder},
            )
    finally:
        journal.close()
    target = tmp_path / "r.ics"
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "export", "reminders", "-o", str(target)
    )
    assert (code, err) == (0, "")
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    (far,) = [e for e in events if str(e["summary"]).endswith("Far away")]
    assert far["dtstart"].dt == date(9999, 12, 31)
    assert "rrule" not in far


def test_due_lists_an_ask_waiting_for_an_answer(data_dir, capsys):
    from colearn_desktop.core.referrals import AskInput

    journal = open_journal(data_dir / JOURNAL_FILE_NAME)
    try:
        cleo = add_contact(journal, "Cleo", "Martin")
        sent = TODAY - timedelta(days=15)
        ask_id = journal.referrals.asks.record(AskInput(cleo, "Hi!", asked_on=sent))
    finally:
        journal.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "due", "--days", "0")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("  Referral asks waiting for an answer (1)")
    assert lines[start + 1 : start + 3] == [
        "    1 day overdue      Ask Cleo Martin again or close the ask",
        "                       asked for a referral 15 days ago; no answer yet",
    ]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "due", "--json")
    (item,) = [i for i in json.loads(out)["overdue"] if i["kind"] == "referral_ask"]
    assert item["key"] == f"ask:{ask_id}"
    assert item["facts"] == {"ask_id": ask_id, "asked_on": sent.isoformat(), "wait_days": 14}
    assert (item["title"], item["reason"]) == (
        "Ask Cleo Martin again or close the ask",
        "asked for a referral 15 days ago; no answer yet",
    )


@pytest.mark.parametrize("command", [["due"], ["export", "reminders", "-o", "out.ics"]])
def test_every_days_option_refuses_the_same_way(tmp_path, capsys, command):
    """`colearn due` and the calendar export share one --days option: the same limits and
    the same one-line message, before any journal is opened."""
    for days, said in (("x", "'x' is not a number of days"), ("100000", "must be between 0")):
        with pytest.raises(SystemExit) as caught:
            main(["--data-dir", str(tmp_path), *command, "--days", days])
        assert caught.value.code == 2
        assert said in capsys.readouterr().err
    assert not (tmp_path / "journal.sqlite3").exists()
