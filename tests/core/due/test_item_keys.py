"""Every due rule's key prefix says which table its items' rows come from, so that sync can
name that row by its uid (a rule missing here would make its snoozes fail to travel)."""

from __future__ import annotations

from colearn_desktop.core.due.registry import RULES
from colearn_desktop.core.item_keys import ITEM_KEY_TABLES


def test_every_rule_prefix_names_a_table_with_stable_ids(journal):
    assert {rule.prefix for rule in RULES} == set(ITEM_KEY_TABLES)
    with journal.db.read_raw() as connection:
        for rule in RULES:
            columns = {
                row[1] for row in connection.execute(f'PRAGMA table_info("{rule.keyed_by}")')
            }
            assert "uid" in columns, rule.prefix
            if rule.table != "contact_referral_state":  # thanks: keyed by the referred contact
                assert rule.keyed_by == rule.table, rule.prefix
