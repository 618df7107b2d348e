"""The registry is the only list of due rules: every kind has one rule, in the order of the
groups on Today, and each rule's key reads back to its kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from colearn_desktop.core.due import DueKind, make_key, parse_key, registry
from colearn_desktop.core.due.registry import RULES
from colearn_desktop.core.errors import ValidationError
from colearn_desktop.core.records import PurchaseInput
from tests.helpers import add_contact


def test_every_kind_has_one_rule_in_todays_order():
    assert [rule.kind for rule in RULES] == list(DueKind)
    assert len({rule.prefix for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.kind.value)
def test_a_rules_key_reads_back_and_a_short_one_is_refused(rule):
    parts = tuple(range(7, 7 + rule.parts))
    assert parse_key(make_key(rule.kind, *parts)) == (rule.kind, parts)
    with pytest.raises(ValidationError):
        parse_key(rule.key(*parts[:-1]))


def test_an_undo_step_is_named_by_the_rules_own_phrase(journal, monkeypatch):
    """The service does not edit a title into an operation's name: each rule says it."""
    add_contact(journal, "Ayşe", "Kaya", cadence_days=30)
    rule = registry.BY_KIND[DueKind.KEEP_IN_TOUCH]
    monkeypatch.setitem(
        registry.BY_KIND,
        DueKind.KEEP_IN_TOUCH,
        replace(rule, phrase=lambda item: f"ring {item.contact_name} back"),
    )
    (item,) = journal.reminders.due(30).items

    journal.reminders.done(item.key)

    assert journal.undo.history()[0].label == "Done: ring Ayşe Kaya back"


def test_a_check_in_is_named_without_the_question_it_asks(journal):
    ana = add_contact(journal, "Ana", "García")
    journal.purchases.add(
        PurchaseInput(ana, journal.clock.today() - timedelta(days=14), "Logo", Decimal("90"), "EUR")
    )
    (item,) = (i for i in journal.reminders.due(0).items if i.kind is DueKind.CHECK_IN)

    journal.reminders.done(item.key)

    assert journal.undo.history()[0].label == "Done: check in with Ana García"
