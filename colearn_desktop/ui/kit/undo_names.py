"""The names of undo steps in the user's language.

The journal stores each operation's name in English ("Note favour: Intro to Ben"), as the
command line shows it and as every copy of the app reads it back, whatever its language.  The
window translates a name when it shows it: the name is matched against the templates the core
writes its names with (``%1``, ``%2`` stand for the names and texts put in them), and the
template is translated (context ``UndoStep``) with the same values put back.  A name no
template matches (a newer version's operation) is shown as stored.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "UndoStep"


def _strings(*marked: object) -> tuple[str, ...]:
    """The templates, marked for lupdate where they are written (its marker returns them)."""
    return tuple(map(str, marked))


# Every name the core gives an operation, as it writes it (core/**: db.write, name_operation).
TEMPLATES = _strings(
    # contacts, tags, duplicates
    QT_TRANSLATE_NOOP("UndoStep", "Add a contact"),
    QT_TRANSLATE_NOOP("UndoStep", "Add %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit a contact"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Archive a contact"),
    QT_TRANSLATE_NOOP("UndoStep", "Archive %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a contact"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark %1 as not the same person"),
    QT_TRANSLATE_NOOP("UndoStep", "Forget that %1 are not the same person"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete a tag"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete tag %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Rename a tag to %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Rename tag %1 to %2"),
    QT_TRANSLATE_NOOP("UndoStep", "Set a tag's keep in touch"),
    QT_TRANSLATE_NOOP("UndoStep", "Set keep in touch for tag %1"),
    # conversations
    QT_TRANSLATE_NOOP("UndoStep", "Log a conversation"),
    QT_TRANSLATE_NOOP("UndoStep", "Log conversation with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit a conversation"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit conversation with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete a conversation"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete conversation with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a conversation"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore conversation with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Tick a next step"),
    QT_TRANSLATE_NOOP("UndoStep", "Tick next step: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Untick next step: %1"),
    # favours and purchases
    QT_TRANSLATE_NOOP("UndoStep", "Note favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Settle a favour"),
    QT_TRANSLATE_NOOP("UndoStep", "Settle favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Give back part of favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Forgive a favour"),
    QT_TRANSLATE_NOOP("UndoStep", "Forgive favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Take back a favour's last step"),
    QT_TRANSLATE_NOOP("UndoStep", "Take back the last step of favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete a favour"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a favour"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore favour: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Note purchase: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit purchase: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete a purchase"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete purchase: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a purchase"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore purchase: %1"),
    # what is due: "Done:" and "Snooze:" name the item by its rule's phrase (below)
    QT_TRANSLATE_NOOP("UndoStep", "Add reminder: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit reminder: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete a reminder"),
    QT_TRANSLATE_NOOP("UndoStep", "Delete reminder: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a reminder"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore reminder: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Done: %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Snooze: %1"),
    # referrals
    QT_TRANSLATE_NOOP("UndoStep", "Note a referral ask"),
    QT_TRANSLATE_NOOP("UndoStep", "Note referral ask to %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Note thanks for a referral"),
    QT_TRANSLATE_NOOP("UndoStep", "Note thanks for %1 referrals"),
    QT_TRANSLATE_NOOP("UndoStep", "Change whom to ask for referrals"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark a referral ask referred"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark a referral ask declined"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark a referral ask no answer"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark a referral ask asked"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark referral ask to %1 referred"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark referral ask to %1 declined"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark referral ask to %1 no answer"),
    QT_TRANSLATE_NOOP("UndoStep", "Mark referral ask to %1 asked"),
    QT_TRANSLATE_NOOP("UndoStep", "Never ask %1 for referrals"),
    QT_TRANSLATE_NOOP("UndoStep", "Ask again %1 for referrals"),
    QT_TRANSLATE_NOOP("UndoStep", "Add referral template %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Edit referral template %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Archive a referral template"),
    QT_TRANSLATE_NOOP("UndoStep", "Archive referral template %1"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore a referral template"),
    QT_TRANSLATE_NOOP("UndoStep", "Restore referral template %1"),
    # the journal
    QT_TRANSLATE_NOOP("UndoStep", "Change settings"),
    QT_TRANSLATE_NOOP("UndoStep", "Import %1"),
)

# The due rules' phrases after "Done: " and "Snooze: " (core/due/rules/: ``phrase``).
PHRASES = _strings(
    QT_TRANSLATE_NOOP("UndoStep", "keep in touch with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "check in with %1"),
    QT_TRANSLATE_NOOP("UndoStep", "thank %1 for referring %2"),
    QT_TRANSLATE_NOOP("UndoStep", "ask %1 again or close the ask"),
)
_NESTED = {"Done: %1", "Snooze: %1"}


def translated_step(name: str) -> str:
    """``name`` (an undo step as the journal stores it) in the user's language."""
    return _translate(name, TEMPLATES)


def _translate(name: str, templates: tuple[str, ...]) -> str:
    match = _match(name, templates)
    if match is None:
        return name
    template, values = match
    if template in _NESTED:
        values = tuple(_translate(v, PHRASES) for v in values)
    text = QCoreApplication.translate(CONTEXT, template)
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], text)


def _match(name: str, templates: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The most specific template ``name`` was written with (the most fixed words: "Edit
    favour: %1" before "Edit %1"), and the values in it."""
    for template, pattern in _patterns(templates):
        found = pattern.fullmatch(name)
        if found:
            return template, found.groups()
    return None


@cache
def _patterns(templates: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    by_fixed_words = sorted(templates, key=lambda t: len(re.sub(r"%\d", "", t)), reverse=True)
    return [
        (t, re.compile("(.+)".join(re.escape(part) for part in re.split(r"%\d", t)), re.DOTALL))
        for t in by_fixed_words
    ]
