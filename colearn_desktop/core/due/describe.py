"""Due items in plain English, for the command line and the calendar export.

The screens word the same facts through Qt's translations (``ui/today_model.py``); keep the two
in step when a rule gains a fact.
"""

from __future__ import annotations

from datetime import date

from colearn_desktop.core.due.records import DueItem, DueKind

_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def day_month(day: date) -> str:
    """ "25 November" (English whatever the system locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def ago(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{plural(days, 'day')} ago"


def when(item: DueItem, today: date) -> str:
    """ "due today", "3 days overdue", "in 2 days"."""
    late = item.days_overdue(today)
    if late == 0:
        return "due today"
    if late > 0:
        return f"{plural(late, 'day')} overdue"
    return f"in {plural(-late, 'day')}"


def title(item: DueItem) -> str:
    """What to do: "Keep in touch with Ana García"."""
    f = item.facts
    name = item.contact_name
    if item.kind is DueKind.KEEP_IN_TOUCH:
        return f"Keep in touch with {name}"
    if item.kind is DueKind.CHECK_IN:
        question = "how is it going?" if f["first"] else "anything new?"
        return f"Check in with {name}: {question}"
    if item.kind is DueKind.FOLLOW_UP:
        return f"Follow up with {name}: {f['next_step']}"
    if item.kind is DueKind.FAVOUR:
        mine = f["direction"] == "i_owe"
        who = f"I owe {name}" if mine else f"{name} owes me"
        return f"Favour ({who}): {f['description']}"
    if item.kind is DueKind.THANKS:
        return f"Thank {name} for referring {f['referred_name']}"
    if item.kind is DueKind.BIRTHDAY:
        return f"{name}'s birthday"
    text = f["text"]
    return f"{text} ({name})" if name else text


def repeat_text(unit: str | None, every: int | None) -> str:
    if not unit or not every:
        return ""
    return f"every {_UNITS[unit]}" if every == 1 else f"every {every} {_UNITS[unit]}s"


def reason(item: DueItem, today: date) -> str:
    """Why it is due: "last talked 74 days ago; every 60 days"."""
    f = item.facts
    if item.kind is DueKind.KEEP_IN_TOUCH:
        # A day after today (stored by an older version) is named, never "-1 days ago".
        day = f["last_contact_on"] or f["added_on"]
        since = ago(f["days_since"]) if f["days_since"] >= 0 else f"on {day}, after today"
        if f["last_contact_on"] is None:
            text = f"never talked; added {since}"
        else:
            text = f"last talked {since}"
        text += f"; every {plural(f['cadence_days'], 'day')} ({f['cadence_source']})"
        if f["reached_out_on"]:
            text += f"; reached out {ago((today - f['reached_out_on']).days)}"
        return text
    if item.kind is DueKind.CHECK_IN:
        bought = f["purchased_on"]
        return (
            f"bought {f['what']} on {bought.isoformat()}; "
            f"check-in {plural(f['offset_days'], 'day')} after"
        )
    if item.kind is DueKind.FOLLOW_UP:
        text = f"next step from the conversation on {f['conversation_on'].isoformat()}"
        if f["other_people"]:
            text += f" (with {plural(f['other_people'], 'other')})"
        return text
    if item.kind is DueKind.FAVOUR:
        if f["has_due_date"]:
            return f"due on {item.due_on.isoformat()}"
        return f"open since {f['started_on'].isoformat()} ({plural(f['stale_days'], 'day')}+)"
    if item.kind is DueKind.THANKS:
        return f"{f['referred_name']} was referred on {f['referred_on'].isoformat()}"
    if item.kind is DueKind.BIRTHDAY:
        day = day_month(item.due_on)
        return f"turns {f['age']} on {day}" if f["age"] else f"on {day}"
    repeat = repeat_text(f["repeat_unit"], f["repeat_every"])
    return f"your reminder, {repeat}" if repeat else "your reminder"
