"""The shipped templates: valid, friendly, copied into the journal once."""

from __future__ import annotations

import json

import pytest

from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.referrals import TemplateInput
from colearn_desktop.core.referrals.defaults import (
    available_languages,
    language_for,
    load_defaults,
)
from colearn_desktop.paths import resource_path


@pytest.mark.parametrize("language", available_languages())
def test_every_shipped_template_parses_cleanly_and_speaks_to_the_person(language):
    raw = json.loads(resource_path("referral_templates", f"{language}.json").read_text("utf-8"))
    assert raw["language"] == language
    defaults = load_defaults(language)
    assert len(defaults) >= 3
    assert len({d.builtin_key for d in defaults}) == len(defaults)
    for template in defaults:
        assert template.builtin_key.startswith(f"{language}:")
        assert template.name
        assert template.body
        assert "{first_name}" in template.body
        assert "None" not in template.body


def test_english_is_shipped_and_is_the_fallback():
    assert "en" in available_languages()
    assert language_for("en_GB") == "en"
    assert language_for("xx_YY") == "en"
    assert language_for("en") == "en"


def test_defaults_are_copied_once_and_stay_the_users(journal, journal_path, clock):
    templates = journal.referrals.templates
    changes = []
    journal.subscribe(changes.append)
    added = templates.ensure_defaults("en_US")
    assert added == len(load_defaults("en"))
    assert [c.topic for c in changes] == ["referrals"]
    assert templates.ensure_defaults("en_US") == 0
    first = templates.all()[0]
    templates.update(first.id, TemplateInput("Mine now", "Hello {first_name}"))
    second = templates.all()[1]
    templates.archive(second.id)
    # After a restart it checks again but adds nothing back.
    reopened = open_journal(journal_path, clock=clock)
    try:
        assert reopened.referrals.templates.ensure_defaults("en") == 0
    finally:
        reopened.close()
    names = [t.name for t in templates.all()]
    assert "Mine now" in names
    assert second.name not in names
    assert len(templates.all(include_archived=True)) == added
    assert templates.get(first.id).builtin_key == first.builtin_key
