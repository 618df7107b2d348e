"""Why two contacts look like one person, in the user's language.

The core names each reason once, in English (``core/people/duplicates/matcher.Why``); here
it is translated in the one context "DuplicateReason", with the shared value after it
("same e-mail (ana@example.org)").
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from colearn_desktop.core.people.duplicates.matcher import Reason

CONTEXT = "DuplicateReason"


def reason_text(reason: Reason) -> str:
    words = QCoreApplication.translate(CONTEXT, str(reason.why))
    return f"{words} ({reason.detail})" if reason.detail else words


def reasons_text(reasons: Iterable[Reason]) -> str:
    return ", ".join(reason_text(reason) for reason in reasons)
