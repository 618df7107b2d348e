"""Normalising what people type, so the same thing is recognised however it was written.

``fold("Zoë Ørsted")`` → ``"zoe ørsted"``-like keys drive sorting and duplicate matching; the
text the user typed is always stored and shown unchanged next to its key.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")

_SPACES = re.compile(r"\s+")
# What no field of the journal holds: C0 and C1 control characters except TAB and the line
# breaks (which ``clean`` turns into spaces in one-line fields), lone surrogates (they cannot
# be written as UTF-8) and the non-characters U+FFFE and U+FFFF.  A NUL in a name breaks CSV
# readers, a U+001F breaks our own export's lists; none of them can be seen on screen.
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str | None) -> str:
    """Trim a single-line field and collapse runs of white space."""
    return _SPACES.sub(" ", text or "").strip()


def clean_block(text: str | None) -> str:
    """Trim a multi-line field (notes) without touching its inner line breaks."""
    return (text or "").strip()


def first_unwanted(text: str) -> str | None:
    """The first character of ``text`` that no field may hold, or ``None``."""
    found = UNWANTED.search(text)
    return found.group() if found else None


def describe_character(char: str) -> str:
    """``U+0000``: how a message names a character that cannot be shown."""
    return f"U+{ord(char):04X}"


def without_unwanted(text: str) -> str:
    """``text`` with control characters removed and lone surrogates / non-characters
    replaced by U+FFFD, the way imports and exports clean what they cannot refuse."""
    return UNWANTED.sub(lambda m: "\ufffd" if m.group() > "\x9f" else "", text)


def unwanted_in(text: str) -> list[str]:
    """The unwanted characters of ``text``, named (``["U+0000", "U+001B"]``)."""
    return sorted({describe_character(c) for c in UNWANTED.findall(text)})


def without_unwanted_fields(
    record: _Record, removed: Callable[[str, list[str]], None] | None = None
) -> _Record:
    """A copy of the dataclass ``record`` whose texts (also in tuples and nested dataclasses:
    an e-mail's label, a tag) hold nothing :data:`UNWANTED`.  ``removed(field, characters)``
    hears of each field that changed.  For texts written before the rule (an old import), so
    they can travel on or be saved again."""
    kept = {
        f.name: _scrub(f.name, getattr(record, f.name), removed) for f in dataclasses.fields(record)
    }
    return dataclasses.replace(record, **kept)


def _scrub(name: str, value: Any, removed: Callable[[str, list[str]], None] | None) -> Any:
    """(A module function, not one nested in the caller: a nested function that calls itself
    is a reference cycle, which kept each imported contact, photo included, alive until the
    garbage collector ran: 100 MB for 80 photos.)"""
    if isinstance(value, str):
        found = unwanted_in(value)
        if found and removed is not None:
            removed(name, found)
        return without_unwanted(value) if found else value
    if isinstance(value, tuple):
        return tuple(_scrub(name, item, removed) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = {
            f.name: _scrub(name, getattr(value, f.name), removed) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **parts)
    return value


class _WithoutCombining(dict[int, int | None]):
    """``str.translate`` table dropping combining characters, filled in as they are met
    (a character-by-character loop in Python costs several times more)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Zoë" and "ZOE" fold alike."""
    if text.isascii():
        # Decomposing ASCII changes nothing and it has no combining marks; its case fold is
        # its lower case.  Most text is ASCII, and search folds a lot of it.
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = decomposed.translate(_WITHOUT_COMBINING)
    return _SPACES.sub(" ", decomposed.casefold()).strip()


def email_key(address: str) -> str:
    return address.strip().casefold()


def phone_key(number: str) -> str:
    """Digits only, keeping a leading ``+`` (an international prefix is meaningful)."""
    stripped = number.strip()
    digits = "".join(ch for ch in stripped if ch.isdigit())
    return ("+" + digits) if stripped.startswith("+") else digits


def fill(template: str, *values: str) -> str:
    """Put ``values`` in place of %1, %2 ... in one pass (a name may contain "%2")."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``counted(1, "contact")`` → "1 contact", ``counted(1200, "contact")`` → "1,200
    contacts": the command line's English counts ("Wrote 1 contacts" read as a mistake)."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def display_name(given: str, family: str, name: str) -> str:
    """The free-form name wins; otherwise "given family"."""
    if name:
        return name
    return " ".join(part for part in (given, family) if part)
