"""Referral message templates: parsing and rendering placeholders, safely.

A template is data, never code.  Placeholders are a fixed list of names in braces
(``{first_name}``); there is no attribute access, no indexing, no format spec and no
evaluation, so ``{name.__class__}`` is simply an unknown placeholder.  ``{{`` and ``}}`` are
literal braces.

Parsing never fails: it returns the pieces of the template and the problems found in it, each
with its position (1-based line and column) so an editor can point at it:

- an unknown placeholder (``{nmae}``; with a suggestion when a known name is close),
- an empty placeholder (``{}``),
- a stray ``{`` that is not closed on its line, or a stray ``}``.

Rendering fills each placeholder from a mapping of values.  A value that is missing (``None``
or blank) never prints "None" and never leaves a hole in a sentence: the placeholder stays
visible in the text exactly as written (``{praise}``), it is reported in ``missing``, and its
position is given in ``blanks`` so the preview can highlight it and the user can type over it.
Text with problems renders too: what could not be understood is kept as written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeGuard


class Placeholder(StrEnum):
    FIRST_NAME = "first_name"
    NAME = "name"
    COMPANY = "company"
    LAST_PROJECT = "last_project"
    PRAISE = "praise"
    MONTHS_SINCE_PROJECT = "months_since_project"
    MY_NAME = "my_name"
    MY_OFFER = "my_offer"
    SIGNATURE = "signature"


PLACEHOLDERS: tuple[str, ...] = tuple(p.value for p in Placeholder)


class ProblemKind(StrEnum):
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    EMPTY_PLACEHOLDER = "empty_placeholder"
    STRAY_OPEN_BRACE = "stray_open_brace"
    STRAY_CLOSE_BRACE = "stray_close_brace"


@dataclass(frozen=True)
class TemplateProblem:
    kind: ProblemKind
    # The text between the braces for placeholders; the brace itself for stray braces.
    name: str
    line: int
    column: int
    # For an unknown placeholder: the known one it most likely meant, if any.
    suggestion: str | None = None

    def describe(self) -> str:
        """English wording, for logs and the core's validation messages (the UI formats
        problems itself, translated)."""
        where = f"line {self.line}, column {self.column}"
        if self.kind is ProblemKind.UNKNOWN_PLACEHOLDER:
            hint = f" (did you mean {{{self.suggestion}}}?)" if self.suggestion else ""
            return f"unknown placeholder {{{self.name}}} at {where}{hint}"
        if self.kind is ProblemKind.EMPTY_PLACEHOLDER:
            return f"empty placeholder {{}} at {where}"
        if self.kind is ProblemKind.STRAY_OPEN_BRACE:
            return f"stray '{{' at {where} (write '{{{{' for a literal brace)"
        return f"stray '}}' at {where} (write '}}}}' for a literal brace)"


@dataclass(frozen=True)
class Slot:
    """A known placeholder at a position in the template."""

    name: str
    source: str  # as written, e.g. "{praise}"
    line: int
    column: int


Piece = str | Slot


@dataclass(frozen=True)
class ParsedTemplate:
    pieces: tuple[Piece, ...]
    problems: tuple[TemplateProblem, ...]

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The known placeholders used, in order of first use."""
        return tuple(dict.fromkeys(p.name for p in self.pieces if isinstance(p, Slot)))

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Blank:
    """Where a placeholder without a value sits in the rendered text (character offsets)."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Rendering:
    text: str
    # Placeholders with no value for this contact, in order of first use.
    missing: tuple[str, ...]
    blanks: tuple[Blank, ...]
    problems: tuple[TemplateProblem, ...]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems


def _suggest(name: str) -> str | None:
    folded = name.strip().lower().replace(" ", "_").replace("-", "_")
    if folded in PLACEHOLDERS:
        return folded
    close = difflib.get_close_matches(folded, PLACEHOLDERS, n=1, cutoff=0.6)
    if close:
        return close[0]
    # "{name.__class__}", "{first_name!r}": the leading word may be a known placeholder.
    word = re.match(r"[a-z_]+", folded)
    return word.group() if word and word.group() in PLACEHOLDERS else None


# Literal braces, a closed placeholder (no brace or line break inside), a lone brace, a line
# break, or a run of ordinary text.
_TOKEN = re.compile(r"\{\{|\}\}|\{[^{}\n]*\}|[{}]|\n|[^{}\n]+")


def _problem(token: str, line: int, column: int) -> TemplateProblem:
    if token == "{":
        return TemplateProblem(ProblemKind.STRAY_OPEN_BRACE, "{", line, column)
    if token == "}":
        return TemplateProblem(ProblemKind.STRAY_CLOSE_BRACE, "}", line, column)
    name = token[1:-1]
    if not name:
        return TemplateProblem(ProblemKind.EMPTY_PLACEHOLDER, "", line, column)
    return TemplateProblem(ProblemKind.UNKNOWN_PLACEHOLDER, name, line, column, _suggest(name))


def parse(template: str) -> ParsedTemplate:
    pieces: list[Piece] = []
    problems: list[TemplateProblem] = []
    literal: list[str] = []
    line, line_start = 1, 0
    for match in _TOKEN.finditer(template):
        token = match.group()
        column = match.start() - line_start + 1
        if token in ("{{", "}}"):
            literal.append(token[0])
        elif token.startswith("{") and token[1:-1] in PLACEHOLDERS:
            if literal:
                pieces.append("".join(literal))
                literal.clear()
            pieces.append(Slot(token[1:-1], token, line, column))
        elif token[0] in "{}":
            # Unknown or empty placeholders and stray braces stay in the text as written.
            problems.append(_problem(token, line, column))
            literal.append(token)
        else:
            literal.append(token)
            if token == "\n":
                line, line_start = line + 1, match.end()
    if literal:
        pieces.append("".join(literal))
    return ParsedTemplate(tuple(pieces), tuple(problems))


def has_value(value: str | None) -> TypeGuard[str]:
    return value is not None and bool(value.strip())


def render(template: str | ParsedTemplate, values: Mapping[str, str | None]) -> Rendering:
    """Fill the placeholders of ``template`` from ``values``; values are inserted as they
    are (never parsed again), and missing ones stay visible as written."""
    parsed = template if isinstance(template, ParsedTemplate) else parse(template)
    out: list[str] = []
    size = 0
    missing: list[str] = []
    blanks: list[Blank] = []
    for piece in parsed.pieces:
        if isinstance(piece, str):
            text = piece
        else:
            value = values.get(piece.name)
            if has_value(value):
                text = value
            else:
                text = piece.source
                blanks.append(Blank(piece.name, size, size + len(text)))
                if piece.name not in missing:
                    missing.append(piece.name)
        out.append(text)
        size += len(text)
    return Rendering("".join(out), tuple(missing), tuple(blanks), parsed.problems)


def remaining_blanks(text: str, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Which of ``names`` still appear as unfilled placeholders in an edited ``text``."""
    return tuple(name for name in names if "{" + name + "}" in text)
