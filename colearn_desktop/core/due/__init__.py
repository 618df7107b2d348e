"""What is due: keep-in-touch cadences, check-ins between purchases, follow-ups, favours,
thank-yous, birthdays and the user's own reminders.  One module per rule, each a
:class:`~.rule.DueRule` (its key, query, what done means, its words), listed in
:mod:`.registry`; :class:`DueService` (``journal.reminders``) puts them together and acts on
items."""

from colearn_desktop.core.due.records import (
    DueItem,
    DueKind,
    DueReport,
    ReminderInput,
    ReminderView,
    Severity,
)
from colearn_desktop.core.due.registry import make_key, parse_key
from colearn_desktop.core.due.service import DueService

__all__ = [
    "DueItem",
    "DueKind",
    "DueReport",
    "DueService",
    "ReminderInput",
    "ReminderView",
    "Severity",
    "make_key",
    "parse_key",
]
