"""Due items in words, through Qt's translations ("last talked 74 days ago; every 60 days").

The command line and the calendar export word the same facts in English in
``core/due/describe.py``; keep the two in step when a rule gains a fact.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from colearn_desktop.core.due import DueItem, DueKind

_t = QCoreApplication.translate


def tr(text: str) -> str:
    return QCoreApplication.translate("DueText", text)


def fill(template: str, *values: str) -> str:
    """Put ``values`` in place of %1, %2 ... in one pass (a name may contain "%2")."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def kind_label(kind: DueKind) -> str:
    return {
        DueKind.KEEP_IN_TOUCH: tr("Keep in touch"),
        DueKind.FOLLOW_UP: tr("Follow-ups"),
        DueKind.CHECK_IN: tr("Check-ins after a purchase"),
        DueKind.FAVOUR: tr("Favours"),
        DueKind.THANKS: tr("Say thank you"),
        DueKind.BIRTHDAY: tr("Birthdays"),
        DueKind.REMINDER: tr("Your reminders"),
    }[kind]


def long_date(day: date) -> str:
    """ "Wed 25 Nov" in the user's language."""
    from PySide6.QtCore import QDate

    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def ago(days: int) -> str:
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("yesterday")
    return QCoreApplication.translate("DueText", "%n day(s) ago", None, days)


def when(item: DueItem, today: date) -> str:
    """ "due today", "3 days overdue", "in 2 days"."""
    late = item.days_overdue(today)
    if late == 0:
        return tr("due today")
    if late > 0:
        return QCoreApplication.translate("DueText", "%n day(s) overdue", None, late)
    return QCoreApplication.translate("DueText", "in %n day(s)", None, -late)


def title(item: DueItem) -> str:
    f = item.facts
    name = item.contact_name
    if item.kind is DueKind.KEEP_IN_TOUCH:
        return fill(tr("Keep in touch with %1"), name)
    if item.kind is DueKind.CHECK_IN:
        if f["first"]:
            return fill(tr("Check in with %1: how is it going?"), name)
        return fill(tr("Check in with %1: anything new?"), name)
    if item.kind is DueKind.FOLLOW_UP:
        return fill(tr("%1: %2"), name, f["next_step"])
    if item.kind is DueKind.FAVOUR:
        text = tr("I owe %1: %2") if f["direction"] == "i_owe" else tr("%1 owes me: %2")
        return fill(text, name, f["description"])
    if item.kind is DueKind.THANKS:
        return fill(tr("Thank %1 for referring %2"), name, f["referred_name"])
    if item.kind is DueKind.BIRTHDAY:
        return fill(tr("%1's birthday"), name)
    if name:
        return fill(tr("%1 (%2)"), f["text"], name)
    return str(f["text"])


def repeat_text(unit: str | None, every: int | None) -> str:
    if not unit or not every:
        return ""
    if unit == "day":
        return QCoreApplication.translate("DueText", "every %n day(s)", None, every)
    if unit == "week":
        return QCoreApplication.translate("DueText", "every %n week(s)", None, every)
    if unit == "month":
        return QCoreApplication.translate("DueText", "every %n month(s)", None, every)
    return QCoreApplication.translate("DueText", "every %n year(s)", None, every)


def reason(item: DueItem, today: date) -> str:
    """Why it is there, from the item's facts."""
    f = item.facts
    if item.kind is DueKind.KEEP_IN_TOUCH:
        # A day after today (stored by an older version) is named, never "-1 days ago".
        day = f["last_contact_on"] or f["added_on"]
        since = ago(f["days_since"])
        if f["days_since"] < 0:
            since = fill(tr("on %1, after today"), long_date(day))
        if f["last_contact_on"] is None:
            text = fill(tr("never talked; added %1"), since)
        else:
            text = fill(tr("last talked %1"), since)
        text += "; " + QCoreApplication.translate(
            "DueText", "every %n day(s)", None, f["cadence_days"]
        )
        if f["reached_out_on"]:
            reached = ago((today - f["reached_out_on"]).days)
            text += "; " + fill(tr("reached out %1"), reached)
        return text
    if item.kind is DueKind.CHECK_IN:
        after = QCoreApplication.translate(
            "DueText", "%n day(s) after buying %1", None, f["offset_days"]
        )
        return fill(after, f["what"]) + " (" + long_date(f["purchased_on"]) + ")"
    if item.kind is DueKind.FOLLOW_UP:
        text = fill(tr("next step from the conversation of %1"), long_date(f["conversation_on"]))
        if f["other_people"]:
            text += " " + QCoreApplication.translate(
                "DueText", "(with %n other(s))", None, f["other_people"]
            )
        return text
    if item.kind is DueKind.FAVOUR:
        if f["has_due_date"]:
            return fill(tr("promised for %1"), long_date(item.due_on))
        return fill(tr("open since %1"), long_date(f["started_on"]))
    if item.kind is DueKind.THANKS:
        return fill(tr("%1 was referred on %2"), f["referred_name"], long_date(f["referred_on"]))
    if item.kind is DueKind.BIRTHDAY:
        day = long_date(item.due_on)
        if f["age"]:
            return fill(
                QCoreApplication.translate("DueText", "turns %n on %1", None, f["age"]), day
            )
        return fill(tr("on %1"), day)
    repeat = repeat_text(f["repeat_unit"], f["repeat_every"])
    return fill(tr("your reminder, %1"), repeat) if repeat else tr("your reminder")


def digest(overdue: int, due_today: int) -> str:
    """ "3 overdue, 2 due today" (or that nothing is due)."""
    if not overdue and not due_today:
        return tr("Nothing due today")
    parts = []
    if overdue:
        parts.append(QCoreApplication.translate("DueText", "%n overdue", None, overdue))
    if due_today:
        parts.append(QCoreApplication.translate("DueText", "%n due today", None, due_today))
    return ", ".join(parts)
