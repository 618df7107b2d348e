"""Normalising what people type, so the same thing is recognised however it was written.

``fold("Zoë Ørsted")`` → ``"zoe ørsted"``-like keys drive sorting and duplicate matching; the
text the user typed is always stored and shown unchanged next to its key.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Trim a single-line field and collapse runs of white space."""
    return _SPACES.sub(" ", text or "").strip()


def clean_block(text: str | None) -> str:
    """Trim a multi-line field (notes) without touching its inner line breaks."""
    return (text or "").strip()


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Zoë" and "ZOE" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def email_key(address: str) -> str:
    return address.strip().casefold()


def phone_key(number: str) -> str:
    """Digits only, keeping a leading ``+`` (an international prefix is meaningful)."""
    stripped = number.strip()
    digits = "".join(ch for ch in stripped if ch.isdigit())
    return ("+" + digits) if stripped.startswith("+") else digits


def display_name(given: str, family: str, name: str) -> str:
    """The free-form name wins; otherwise "given family"."""
    if name:
        return name
    return " ".join(part for part in (given, family) if part)
