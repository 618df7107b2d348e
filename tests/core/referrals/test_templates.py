"""Rendering placeholders safely: every value, every missing value, every mistake located."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from colearn_desktop.core.referrals.templates import (
    PLACEHOLDERS,
    Blank,
    ProblemKind,
    parse,
    remaining_blanks,
    render,
)

ALL_VALUES = {
    "first_name": "Zoë",
    "name": "Zoë Ørsted",
    "company": "Nordlys & Co",
    "last_project": "Brand identity",
    "praise": "You made the whole team feel heard.",
    "months_since_project": "3 months",
    "my_name": "Sam",
    "my_offer": "a free half-hour call",
    "signature": "Sam Okafor\nDesigner",
}

EVERYTHING = (
    "Hi {first_name} ({name}) at {company},\n"
    "{last_project} was {months_since_project} ago. You said: {praise}\n"
    "I can offer {my_offer}. — {my_name}\n{signature}"
)


def test_every_placeholder_renders_its_value():
    result = render(EVERYTHING, ALL_VALUES)
    assert result.text == (
        "Hi Zoë (Zoë Ørsted) at Nordlys & Co,\n"
        "Brand identity was 3 months ago. You said: You made the whole team feel heard.\n"
        "I can offer a free half-hour call. — Sam\nSam Okafor\nDesigner"
    )
    assert result.missing == ()
    assert result.blanks == ()
    assert result.problems == ()
    assert result.complete
    assert set(parse(EVERYTHING).placeholders) == set(PLACEHOLDERS)


@pytest.mark.parametrize("name", PLACEHOLDERS)
@pytest.mark.parametrize("empty", [None, "", "   "])
def test_a_missing_value_stays_visible_and_is_reported(name, empty):
    values = {**ALL_VALUES, name: empty}
    result = render(EVERYTHING, values)
    marker = "{" + name + "}"
    assert result.missing == (name,)
    assert marker in result.text
    assert "None" not in result.text
    # The blank points exactly at the marker, so the preview can select it for typing over.
    (blank,) = result.blanks
    assert blank == Blank(name, result.text.index(marker), result.text.index(marker) + len(marker))
    assert not result.complete
    assert remaining_blanks(result.text, result.missing) == (name,)
    filled = result.text.replace(marker, "something")
    assert remaining_blanks(filled, result.missing) == ()


def test_missing_values_are_listed_once_in_order_of_use():
    result = render("{praise} {company} {praise}", {})
    assert result.missing == ("praise", "company")
    assert [b.name for b in result.blanks] == ["praise", "company", "praise"]
    assert result.text == "{praise} {company} {praise}"


def test_unknown_placeholders_are_reported_with_line_column_and_suggestion():
    template = "Hi {first_name},\nthanks, {frist_name}! {Company} and {wat}"
    parsed = parse(template)
    assert [(p.kind, p.name, p.line, p.column, p.suggestion) for p in parsed.problems] == [
        (ProblemKind.UNKNOWN_PLACEHOLDER, "frist_name", 2, 9, "first_name"),
        (ProblemKind.UNKNOWN_PLACEHOLDER, "Company", 2, 23, "company"),
        (ProblemKind.UNKNOWN_PLACEHOLDER, "wat", 2, 37, None),
    ]
    # What cannot be understood is kept as written, never dropped.
    assert render(template, ALL_VALUES).text == "Hi Zoë,\nthanks, {frist_name}! {Company} and {wat}"
    assert "line 2, column 9" in parsed.problems[0].describe()


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a } b", [(ProblemKind.STRAY_CLOSE_BRACE, 1, 3)]),
        ("a { b", [(ProblemKind.STRAY_OPEN_BRACE, 1, 3)]),
        ("end {", [(ProblemKind.STRAY_OPEN_BRACE, 1, 5)]),
        (
            "ok\n  {name\n}",
            [(ProblemKind.STRAY_OPEN_BRACE, 2, 3), (ProblemKind.STRAY_CLOSE_BRACE, 3, 1)],
        ),
        ("{{first_name} x", [(ProblemKind.STRAY_CLOSE_BRACE, 1, 13)]),
        ("{ {name}", [(ProblemKind.STRAY_OPEN_BRACE, 1, 1)]),
        ("{}", [(ProblemKind.EMPTY_PLACEHOLDER, 1, 1)]),
        ("{name}}", [(ProblemKind.STRAY_CLOSE_BRACE, 1, 7)]),
    ],
)
def test_stray_braces_are_reported_with_their_position(template, expected):
    problems = parse(template).problems
    assert [(p.kind, p.line, p.column) for p in problems] == expected


def test_doubled_braces_are_literal_braces():
    result = render("{{first_name}} is {first_name}; a set: {{1, 2}}", ALL_VALUES)
    assert result.text == "{first_name} is Zoë; a set: {1, 2}"
    assert result.problems == ()
    assert render("{{{name}}}", ALL_VALUES).text == "{Zoë Ørsted}"


@pytest.mark.parametrize(
    "template",
    [
        "{name.__class__}",
        "{name.__class__.__mro__}",
        "{name[0]}",
        "{name!r}",
        "{name:>30}",
        "{0}",
        "{__import__('os').system('echo hi')}",
        "{first_name.upper()}",
    ],
)
def test_templates_never_evaluate_code(template):
    parsed = parse(template)
    (problem,) = parsed.problems
    assert problem.kind is ProblemKind.UNKNOWN_PLACEHOLDER
    assert problem.name == template[1:-1]
    assert render(parsed, ALL_VALUES).text == template


def test_the_leading_word_of_an_attribute_access_is_suggested():
    (problem,) = parse("{name.__class__}").problems
    assert problem.suggestion == "name"


def test_values_are_inserted_as_text_and_never_expanded_again():
    values = {"praise": "{signature} and {{braces}} and None", "signature": "Sam"}
    assert render("{praise}", values).text == "{signature} and {{braces}} and None"


def escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


@given(st.text())
def test_parsing_any_text_never_fails_and_escaped_text_renders_unchanged(text):
    parse(text)
    result = render(escape(text), ALL_VALUES)
    assert result.text == text
    assert result.problems == ()
    assert result.missing == ()


@given(st.text(alphabet=st.characters(blacklist_characters="{}")))
def test_text_without_braces_renders_unchanged(text):
    assert render(text, {}).text == text
