"""The registry is the only list of due rules: every kind has one rule, in the order of the
groups on Today, and each rule's key reads back to its kind."""

from __future__ import annotations

import pytest

from colearn_desktop.core.due import DueKind, make_key, parse_key
from colearn_desktop.core.due.registry import RULES
from colearn_desktop.core.errors import ValidationError


def test_every_kind_has_one_rule_in_todays_order():
    assert [rule.kind for rule in RULES] == list(DueKind)
    assert len({rule.prefix for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.kind.value)
def test_a_rules_key_reads_back_and_a_short_one_is_refused(rule):
    parts = tuple(range(7, 7 + rule.parts))
    assert parse_key(make_key(rule.kind, *parts)) == (rule.kind, parts)
    with pytest.raises(ValidationError):
        parse_key(rule.key(*parts[:-1]))
