"""Splitting words, folding and marking matches in snippets: fast, and exactly what the
plain character-by-character definitions say, offsets always in the text as stored."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from colearn_desktop.core.fulltext.fts_query import (
    SearchTerms,
    _matching_spans,
    make_snippet,
    split_words,
)
from colearn_desktop.core.text import fold

# -- the definitions, written the slow and obvious way -----------------------------------------

_SPACES = re.compile(r"\s+")


def reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def reference_is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNM" or category == "Co"


def reference_split_words(text: str) -> list[tuple[int, int]]:
    spans = []
    start = None
    for index, ch in enumerate(text):
        if reference_is_word_char(ch):
            if start is None:
                start = index
        elif start is not None:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def reference_matching_spans(text: str, keys: tuple[str, ...]) -> list[tuple[int, int, str]]:
    spans = []
    for start, end in reference_split_words(text):
        word = reference_fold(text[start:end])
        for key in keys:
            if word.startswith(key):
                spans.append((start, end, key))
                break
    return spans


# Characters that make the difference: marks (combining or not), private use, the underscore,
# letters whose fold is longer or shorter (ß, ligatures, circled digits), CJK, separators
# outside ASCII, and white space of every kind.
TRICKY = (
    "aAzZ09_ -.,'\"\t\n\u00a0\u2009…’«»ßẞﬁﬂŉİıǅ①Ⅻ²"
    "é\u0301\u0308\u0327\u0903\u093f\u20dd\ue000\U000f0000"
    "中文日本語한국어ΣσςОёØøÆæ\u200b\u200d🙂"
)
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fold_is_the_plain_definition(text):
    assert fold(text) == reference_fold(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_split_words_is_the_plain_definition(text):
    assert split_words(text) == reference_split_words(text)


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(texts, max_size=4))
def test_matches_are_the_plain_definition(text, typed):
    keys = SearchTerms.parse(" ".join(typed)).keys
    assert _matching_spans(text, keys) == reference_matching_spans(text, keys)
    # Words taken from the text itself (and their beginnings) match it.
    own = SearchTerms.parse(" ".join(text[s : s + 1 + (e - s) // 2] for s, e in split_words(text)))
    assert _matching_spans(text, own.keys) == reference_matching_spans(text, own.keys)


def test_offsets_are_those_of_the_text_when_folding_changes_lengths():
    text = "Die Straße nach ﬁnal, ZOE\u0308 und Zoë im 中文 Büro_x ①x"
    terms = SearchTerms.parse("strasse fin zoe 中 buro 1x")
    spans = _matching_spans(text, terms.keys)
    assert [text[s:e] for s, e, _ in spans] == [
        "Straße",
        "ﬁnal",
        "ZOE\u0308",
        "Zoë",
        "中文",
        "Büro",
        "①x",
    ]
    snippet = make_snippet([("notes", text)], terms, width=200)
    assert snippet.text == text
    assert [snippet.text[s:e] for s, e in snippet.matches()] == [text[s:e] for s, e, _ in spans]
    assert snippet.marked() == (
        "Die [Straße] nach [ﬁnal], [ZOE\u0308] und [Zoë] im [中文] [Büro]_x [①x]"
    )


def test_the_first_key_in_order_claims_a_word_and_distinct_keys_score():
    terms = SearchTerms.parse("ba bak")
    assert _matching_spans("Bakery bars", terms.keys) == [(0, 6, "ba"), (7, 11, "ba")]
    # The field matching more distinct words wins, whether ASCII or not.
    terms = SearchTerms.parse("café quote")
    snippet = make_snippet(
        [("notes", "Café only"), ("they_asked", "A quote at the CAFÉ")], terms, width=90
    )
    assert snippet.field == "they_asked"
    assert snippet.marked() == "A [quote] at the [CAFÉ]"


def test_a_long_text_is_windowed_around_its_first_match_with_its_own_offsets():
    text = ("Lorem ipsum dolor sit amet " * 6) + "the Straße project " + ("filler text " * 10)
    snippet = make_snippet([("notes", text)], SearchTerms.parse("strasse"), width=60)
    assert snippet.segments[0] == ("…", False)
    assert snippet.segments[-1] == ("…", False)
    assert [t for t, marked in snippet.segments if marked] == ["Straße"]
    assert snippet.text.strip("…") in text
