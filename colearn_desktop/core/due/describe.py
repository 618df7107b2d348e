"""Due items in plain English, for the command line, the brief and the calendar export.

The words are each rule's own (:class:`~.rule.DueRule`'s ``title`` and ``reason``), worded
by :class:`~.rule.EnglishWords`; the window words the same templates through Qt's
translations (``ui/due_text.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from colearn_desktop.core.due import rule as _rule
from colearn_desktop.core.due.records import DueItem, DueKind, DueReport
from colearn_desktop.core.due.registry import rule_of
from colearn_desktop.core.due.rules.reminders import repeat_text as _repeat_text

ENGLISH = _rule.EnglishWords()


def label(kind: DueKind) -> str:
    """The heading of a kind's group ("Keep in touch")."""
    return rule_of(kind).label


def when(item: DueItem, today: date) -> str:
    """ "due today", "3 days overdue", "in 2 days"."""
    return _rule.when(item, today, ENGLISH)


def title(item: DueItem) -> str:
    """What to do: "Keep in touch with Ana García"."""
    return rule_of(item.kind).title(item, ENGLISH)


def reason(item: DueItem, today: date) -> str:
    """Why it is due: "last talked 74 days ago; every 60 days (stage)"."""
    return rule_of(item.kind).reason(item, today, ENGLISH)


def repeat_text(unit: str | None, every: int | None) -> str:
    """ "every 2 weeks" ("" for a one-off)."""
    return _repeat_text(unit, every, ENGLISH)


def names(
    items: Sequence[DueItem], limit: int = 3, words: Callable[[DueItem], str] | None = None
) -> str:
    """Who a digest is about: "Ana García, Sam Lee…" (a reminder without a person by its
    title, in ``words``: the window hands in its translated titles), each once, the most
    overdue first; "…" when there are more."""
    words = words or title
    seen = list(dict.fromkeys(item.contact_name or words(item) for item in items))
    return ", ".join(seen[:limit]) + ("…" if len(seen) > limit else "")


def digest(report: DueReport) -> str:
    """The morning digest: "3 overdue, 2 due today: Ana, Sam…" (or that nothing is due)."""
    overdue, due_today = len(report.overdue), len(report.due_today)
    if not overdue and not due_today:
        return "Nothing due today"
    counts = ", ".join(
        part
        for count, part in ((overdue, f"{overdue} overdue"), (due_today, f"{due_today} due today"))
        if count
    )
    return f"{counts}: {names(report.on_today)}"
