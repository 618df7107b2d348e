"""Due items in words, through Qt's translations ("last talked 74 days ago; every 60 days").

Each rule writes its words once, in English, in the core (``core/due/rules/<rule>.py``: its
``label``, ``title`` and ``reason``); here they are translated generically, all in the one
context "DueText", plurals included ("%n day(s) ago").  The command line and the calendar
word the same templates in English (``core/due/describe.py``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from colearn_desktop.core.due.records import DueItem, DueKind
from colearn_desktop.core.text import fill

if TYPE_CHECKING:
    from colearn_desktop.core.due.rule import DueRule

CONTEXT = "DueText"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def long_date(day: date) -> str:
    """ "Wed 25 Nov" in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


class WindowWords:
    """:class:`~colearn_desktop.core.due.rule.Words` for the window: translated, dates in
    the user's language, and no bracketed asides (a Today row is one line)."""

    def text(self, template: str, *values: str) -> str:
        return fill(tr(template), *values)

    def count(self, template: str, n: int, *values: str) -> str:
        return fill(QCoreApplication.translate(CONTEXT, template, None, n), *values)

    def day(self, day: date) -> str:
        return long_date(day)

    def day_of_year(self, day: date) -> str:
        return long_date(day)

    def aside(self, text: str) -> str:
        return ""


WORDS = WindowWords()


def rule_of(kind: DueKind) -> DueRule:
    """The rule's words live beside its query, which is written with the ORM: imported when
    the first item is worded, after the window has painted (items come from a worker)."""
    from colearn_desktop.core.due.registry import rule_of

    return rule_of(kind)


def kind_label(kind: DueKind) -> str:
    return tr(rule_of(kind).label)


def when(item: DueItem, today: date) -> str:
    """ "due today", "3 days overdue", "in 2 days"."""
    from colearn_desktop.core.due.rule import when

    return when(item, today, WORDS)


def title(item: DueItem) -> str:
    return rule_of(item.kind).title(item, WORDS)


def reason(item: DueItem, today: date) -> str:
    """Why it is there, from the item's facts."""
    return rule_of(item.kind).reason(item, today, WORDS)


def digest(overdue: int, due_today: int) -> str:
    """ "3 overdue, 2 due today" (or that nothing is due)."""
    if not overdue and not due_today:
        return tr("Nothing due today")
    parts = []
    if overdue:
        parts.append(QCoreApplication.translate(CONTEXT, "%n overdue", None, overdue))
    if due_today:
        parts.append(QCoreApplication.translate(CONTEXT, "%n due today", None, due_today))
    return ", ".join(parts)
