"""One way to report a journal error from a user action.

A user action (archive, delete, settle, snooze, record an answer, undo an import ...) calls one
service method, whose transaction either commits whole or rolls back whole.  When the journal
refuses (invalid input, a row deleted meanwhile, disk full, journal locked or read-only), the
user reads the journal's own sentence, which names the row or field at fault and what to do,
under a title that says what was not done; the screen stays as it was.  Before this module each
screen caught its own subset of errors (some let a "not found" escape to the crash dialog).

Any other exception is a bug: it is not caught here, so it reaches the crash log and dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.errors import JournalError, NotFoundError
from colearn_desktop.ui.kit.plain_text import warn
from colearn_desktop.ui.kit.widgets import ErrorLabel

log = logging.getLogger(__name__)
T = TypeVar("T")


def refusal_text(error: JournalError) -> str:
    """The sentence shown for ``error``.  The journal's "not found" names only the row (it
    cannot know the screen was showing an old list), so it is completed here."""
    if isinstance(error, NotFoundError):
        return QCoreApplication.translate(
            "user_action",
            "Nothing was changed: %1 any more (it was deleted meanwhile, perhaps with its "
            "contact). The screen now shows what is in the journal.",
        ).replace("%1", str(error))
    return str(error)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an attempted action gave: true when it went through (``value`` is its answer),
    false when the journal refused it (``error``, already shown to the user)."""

    value: T | None = None
    error: JournalError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def attempt(
    parent: QWidget | None,
    title: str,
    action: Callable[[], T],
    *,
    banner: ErrorLabel | None = None,
) -> Outcome[T]:
    """Run ``action``; if the journal refuses it, say why (in ``banner`` when the screen has
    one, else in a message box titled ``title`` over ``parent``).  A banner is cleared when
    the action succeeds, so an old error never stays beside a new result."""
    try:
        value = action()
    except JournalError as error:
        log.info("%s: %s", title, error)
        if banner is not None:
            banner.show_message(refusal_text(error))
        else:
            warn(parent, title, refusal_text(error))
        return Outcome(error=error)
    if banner is not None:
        banner.show_message(None)
    return Outcome(value)
