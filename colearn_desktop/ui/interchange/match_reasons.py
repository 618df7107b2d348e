"""Why an import row is new, merged or skipped, in the user's language.

The import plan (``core/interchange/plan.py``) words each row's reason in English, built from a
few fixed phrases ("same e-mail as row 3; adds job title"); here each phrase and each pattern
is translated in the context "ImportReason", the values (row numbers, what a merge adds) kept
as they are.  A reason this module does not know is shown as the core wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from colearn_desktop.core.text import fill

CONTEXT = "ImportReason"

# Fixed phrases of the plan and the matcher (``core/interchange/matching.py``).
PHRASES = frozenset(
    {
        "new",
        "restore",
        "same e-mail",
        "same phone",
        "same name",
        "same CoLearn ID",
        "same name, written another way",
        "nothing new: already in the journal",
        "a contact in the journal",
    }
)
# Patterns with %1, %2 for their values; a value that is itself a phrase is translated too.
PATTERNS = (
    ("%1 as row %2", re.compile(r"^(.+) as row (\d+)$")),
    ("row %1", re.compile(r"^row (\d+)$")),
    ("adds %1", re.compile(r"^adds (.+)$")),
    (
        "same name as %1, another e-mail or phone: merge if the same person",
        re.compile(r"^same name as (.+), another e-mail or phone: merge if the same person$"),
    ),
    (
        "looks like %1 (%2): merge if the same person",
        re.compile(r"^looks like (.+) \((.+)\): merge if the same person$"),
    ),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _phrase(text: str) -> str:
    if text in PHRASES:
        return _translate(text)
    for template, pattern in PATTERNS:
        found = pattern.match(text)
        if found:
            return fill(_translate(template), *(_phrase(value) for value in found.groups()))
    return text


def reason_text(reason: str) -> str:
    """``reason`` as the preview shows it: each "; "-separated part translated."""
    return "; ".join(_phrase(part) for part in reason.split("; "))
