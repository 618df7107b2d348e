"""What is due: keep-in-touch cadences, check-ins between purchases, follow-ups, favours,
thank-yous, birthdays and the user's own reminders.  One module per rule, each a
:class:`~.rule.DueRule` (its key, query, what done means, its words), listed in
:mod:`.registry`; :class:`DueService` (``journal.reminders``) puts them together and acts on
items.

``DueService``, ``make_key`` and ``parse_key`` are imported on first use (PEP 562): the rules
are written with the ORM, and the window names due kinds before it is loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from colearn_desktop.core.due.records import (
    DueItem,
    DueKind,
    DueReport,
    ReminderInput,
    ReminderView,
    Severity,
)

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name == "DueService":
        from colearn_desktop.core.due.service import DueService

        return DueService
    if name in ("make_key", "parse_key"):
        from colearn_desktop.core.due import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
