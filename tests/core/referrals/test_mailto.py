"""``mailto:`` links survive non-ASCII, line breaks, & ? # + % = (parsed back with urllib)."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from colearn_desktop.core.referrals.mailto import mailto_url

TRICKY_SUBJECT = "Zoë & Łukasz? #1 + 100% = ☕ «merci»"
TRICKY_BODY = (
    "Hi Zoë,\n\nQ&A: would you ask? #hashtag & more\n"
    "a+b=c; 50% off; path/to?x=1&y=2#frag\n"
    "日本語, العربية, emoji 🙂\n\n— Sam"
)


def parse_back(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.fragment == ""  # a "#" in the text must not start a fragment
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def test_subject_and_body_round_trip_exactly():
    url = mailto_url("zoe@example.com", TRICKY_SUBJECT, TRICKY_BODY)
    address, query = parse_back(url)
    assert address == "zoe@example.com"
    assert query["subject"] == [TRICKY_SUBJECT]
    # RFC 6068: line breaks travel as CRLF.
    assert query["body"] == [TRICKY_BODY.replace("\n", "\r\n")]
    assert url.isascii()
    assert "%0D%0A" in url
    assert " " not in url


def test_without_an_address_the_link_still_carries_subject_and_body():
    url = mailto_url("", "Hello", "Line 1\nLine 2")
    assert url.startswith("mailto:?subject=")
    address, query = parse_back(url)
    assert address == ""
    assert query == {"subject": ["Hello"], "body": ["Line 1\r\nLine 2"]}


def test_empty_fields_are_left_out():
    assert mailto_url("a@b.org") == "mailto:a@b.org"
    assert mailto_url("a@b.org", body="x") == "mailto:a@b.org?body=x"


def test_odd_characters_in_the_address_are_encoded():
    url = mailto_url("odd?name#x%@example.org", "s", "b")
    address, query = parse_back(url)
    assert address == "odd?name#x%@example.org"
    assert query["subject"] == ["s"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_break_becomes_crlf(newline):
    _, query = parse_back(mailto_url("", "", f"a{newline}b"))
    assert query["body"] == ["a\r\nb"]


@given(st.text(min_size=1), st.text(min_size=1))
def test_any_text_round_trips(subject, body):
    _, query = parse_back(mailto_url("x@example.org", subject, body))
    normal = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert query["subject"] == [subject]
    assert query["body"] == [normal]
