"""What is due: keep-in-touch cadences, check-ins between purchases, follow-ups, favours,
thank-yous, birthdays and the user's own reminders.  One module per rule, each a query or two;
:class:`DueService` (``journal.reminders``) puts them together and acts on items."""

from .common import make_key, parse_key
from .records import DueItem, DueKind, DueReport, ReminderInput, ReminderView, Severity
from .service import DueService

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
