"""Whatever a user types becomes a valid search, and matches are marked safely in snippets.

FTS5 has a query language (``AND``, ``OR``, ``NOT``, ``NEAR``, quotes, ``*``, ``^``, column
filters with ``:``, parentheses), and a search box is not the place to learn it: an unbalanced
quote would be a syntax error.  So the typed text is split into words (runs of letters, digits
and marks; everything else separates words, as FTS5's ``unicode61`` tokenizer does) and each
word becomes a quoted string with its quotes doubled, matched as a prefix.  Operators typed by
the user are just words.  Every word must match (implicit AND).

Snippets are built here, not by FTS5's ``snippet()``, so that the same code serves the index
and the slower search without it, and so that the result is data — segments of plain text,
each marked as a match or not — rather than markup mixed into user text.  ``Snippet.html()``
escapes every segment before adding its own tags.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from colearn_desktop.core.text import fold

MAX_WORDS = 16
MAX_WORD_LENGTH = 100
_SPACES = re.compile(r"\s+")


def _is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LNM" or category == "Co"


# Word characters are letters, digits, marks and private-use characters.  ``\w`` (without
# ``_``) is exactly the letters and digits, so a regular expression finds their runs; marks
# and private-use characters, which ``\w`` leaves out, are all outside ASCII and come as
# single characters of the second group, to be looked up one by one (they are rare).
_TOKEN = re.compile(r"([^\W_]+)|([^\w\x00-\x7f])")


def split_words(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the words in ``text``."""
    spans = []
    start = end = -1
    for match in _TOKEN.finditer(text):
        left, right = match.span()
        if match.lastindex == 2 and not _is_word_char(text[left]):
            continue  # a separator
        if left == end:
            end = right  # a mark or private-use character joins its neighbours
        else:
            if end >= 0:
                spans.append((start, end))
            start, end = left, right
    if end >= 0:
        spans.append((start, end))
    return spans


@dataclass(frozen=True)
class SearchTerms:
    """The words of a query, as typed (``words``) and folded for comparison (``keys``)."""

    words: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> SearchTerms:
        text = unicodedata.normalize("NFC", text or "")
        words: list[str] = []
        keys: list[str] = []
        for start, end in split_words(text):
            word = text[start:end][:MAX_WORD_LENGTH]
            key = fold(word)
            # A word of marks alone folds to nothing (and would be an empty FTS5 phrase,
            # which matches nothing at all); a repeated word adds nothing.
            if key and key not in keys:
                words.append(word)
                keys.append(key)
            if len(words) == MAX_WORDS:
                break
        return cls(tuple(words), tuple(keys))

    def __bool__(self) -> bool:
        return bool(self.words)

    def fts(self) -> str:
        """The FTS5 query: every word a quoted prefix, all required."""
        return " ".join('"' + word.replace('"', '""') + '"*' for word in self.words)

    def fts_in_columns(self, *columns: str) -> str:
        """The same query, matched only in ``columns``."""
        return "{" + " ".join(columns) + "} : (" + self.fts() + ")"

    def like_patterns(self) -> list[str]:
        """``LIKE`` patterns (escape character ``\\``) for the search without the index,
        compared against folded text."""
        return [
            "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for key in self.keys
        ]


@dataclass(frozen=True)
class Snippet:
    """A short piece of a field around the first match: plain-text segments, each marked
    as a match or not.  ``field`` names the column it comes from."""

    field: str
    segments: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)

    def matches(self) -> list[tuple[int, int]]:
        """(start, end) offsets of the matches within :attr:`text`."""
        found = []
        offset = 0
        for text, matched in self.segments:
            if matched:
                found.append((offset, offset + len(text)))
            offset += len(text)
        return found

    def html(self, start_tag: str = "<b>", end_tag: str = "</b>") -> str:
        """HTML with matches wrapped in ``start_tag``/``end_tag``; the text itself is escaped,
        so anything that looks like markup in a note is shown as typed."""
        return "".join(
            f"{start_tag}{html.escape(text)}{end_tag}" if matched else html.escape(text)
            for text, matched in self.segments
        )

    def marked(self, start: str = "[", end: str = "]") -> str:
        return "".join(f"{start}{t}{end}" if m else t for t, m in self.segments)


_ASCII_KEY = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=64)
def _ascii_matcher(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """For ASCII text, lower-cased: the words that start with one of ``keys``, the first key
    in order winning (as alternatives in a pattern do); group 1 is the key.  In ASCII a word
    is a run of letters and digits and its fold is its lower case, so only keys made of those
    can match; None when there is none."""
    usable = [key for key in keys if _ASCII_KEY.fullmatch(key)]
    if not usable:
        return None
    return re.compile(r"(?<![a-z0-9])(" + "|".join(usable) + ")[a-z0-9]*")


def _matching_spans(text: str, keys: Sequence[str]) -> list[tuple[int, int, str]]:
    """Words of ``text`` that start with one of ``keys`` (folded): (start, end, key).

    Offsets are always those of ``text`` itself, whatever folding does to lengths ("ß" folds
    to "ss", "ﬁ" to "fi", "é" loses its accent): words are found in ``text`` and only
    compared folded."""
    if text.isascii():
        matcher = _ascii_matcher(tuple(keys))
        if matcher is None:
            return []
        # Lower-casing ASCII keeps every offset.
        return [(m.start(), m.end(), m.group(1)) for m in matcher.finditer(text.lower())]
    # A word's fold is part of the whole text's fold, so a key found nowhere in the latter
    # starts no word: most fields are ruled out without looking at their words.
    folded = fold(text)
    if not any(key in folded for key in keys):
        return []
    spans = []
    for start, end in split_words(text):
        word = fold(text[start:end])
        for key in keys:
            if word.startswith(key):
                spans.append((start, end, key))
                break
    return spans


def make_snippet(fields: Iterable[tuple[str, str]], terms: SearchTerms, width: int = 90) -> Snippet:
    """The best snippet among ``fields`` ((name, text) pairs, in order of preference): the
    field matching the most distinct words wins; the window starts shortly before its first
    match.  Without any match, the first non-empty field is shown from its start."""
    best: tuple[int, str, str, list[tuple[int, int, str]]] | None = None
    first_text: tuple[str, str] | None = None
    for name, raw in fields:
        text = _SPACES.sub(" ", raw or "").strip()
        if not text:
            continue
        if first_text is None:
            first_text = (name, text)
        spans = _matching_spans(text, terms.keys)
        score = len({key for _, _, key in spans})
        if spans and (best is None or score > best[0]):
            best = (score, name, text, spans)
    if best is None:
        if first_text is None:
            return Snippet("", ())
        name, text = first_text
        return Snippet(name, _window(text, [], width))
    _, name, text, spans = best
    return Snippet(name, _window(text, spans, width))


def _window(
    text: str, spans: list[tuple[int, int, str]], width: int
) -> tuple[tuple[str, bool], ...]:
    if len(text) <= width:
        start, end = 0, len(text)
    else:
        first = spans[0][0] if spans else 0
        start = max(0, first - width // 4)
        if start:
            # Begin at a word boundary.
            boundary = text.rfind(" ", 0, start + 1)
            start = boundary + 1 if boundary >= 0 and first - boundary < width // 2 else start
        end = min(len(text), start + width)
        if end < len(text):
            boundary = text.rfind(" ", start, end)
            end = boundary if boundary > first else end
    segments: list[tuple[str, bool]] = []
    if start > 0:
        segments.append(("…", False))
    position = start
    for span_start, span_end, _ in spans:
        if span_end <= start or span_start >= end:
            continue
        left, right = max(span_start, start), min(span_end, end)
        if left > position:
            segments.append((text[position:left], False))
        segments.append((text[left:right], True))
        position = right
    if position < end:
        segments.append((text[position:end], False))
    if end < len(text):
        segments.append(("…", False))
    return tuple(segments)
