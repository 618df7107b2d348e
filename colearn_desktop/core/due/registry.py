"""The due rules: the only list of them, in the order of their groups on Today.

Adding a rule is one module that builds a :class:`~.rule.DueRule` (its kind, key, query, what
done means, its words), its kind in :class:`~.records.DueKind` and its line here.
"""

from __future__ import annotations

from colearn_desktop.core.due.records import DueKind
from colearn_desktop.core.due.rule import DueRule
from colearn_desktop.core.due.rules import (
    birthdays,
    checkins,
    favours,
    followups,
    keep_in_touch,
    referral_asks,
    reminders,
    thanks,
)
from colearn_desktop.core.errors import ValidationError

RULES: tuple[DueRule, ...] = (
    keep_in_touch.RULE,
    followups.RULE,
    checkins.RULE,
    favours.RULE,
    thanks.RULE,
    referral_asks.RULE,
    birthdays.RULE,
    reminders.RULE,
)

BY_KIND: dict[DueKind, DueRule] = {rule.kind: rule for rule in RULES}
_BY_PREFIX: dict[str, DueRule] = {rule.prefix: rule for rule in RULES}


def rule_of(kind: DueKind) -> DueRule:
    return BY_KIND[kind]


def make_key(kind: DueKind, *parts: int) -> str:
    return BY_KIND[kind].key(*parts)


def parse_key(key: str) -> tuple[DueKind, tuple[int, ...]]:
    """``"checkin:17:14"`` → ``(DueKind.CHECK_IN, (17, 14))``; a malformed key is refused."""
    prefix, _, rest = (key or "").partition(":")
    rule = _BY_PREFIX.get(prefix)
    try:
        parts = tuple(int(p) for p in rest.split(":")) if rest else ()
    except ValueError:
        parts = ()
    if rule is None or len(parts) != rule.parts or any(p < 0 for p in parts):
        raise ValidationError.single("key", f"{key!r} is not a due item key")
    return rule.kind, parts
