"""Reading an amount the way the user's region writes it, without guessing.

"2,500" means two thousand five hundred to someone in the US and two and a half to someone in
Germany; reading it the wrong way stores an amount 1,000 times off.  So the text is read with
the locale's own decimal mark and group separator, and a lone mark that could be either is
refused instead of guessed.  The rules, given the locale's decimal mark D and group mark G:

- spaces (also no-break and narrow no-break), apostrophes and G only ever group digits; a
  group is three digits (or two, as in Indian "2,50,000"), the first one to three digits;
- with both "." and ",", the last one is the decimal mark ("2.500,00", "2,500.00");
- one mark used several times groups digits ("2.500.000");
- a lone mark after digits grouped by spaces or apostrophes is the decimal mark;
- a lone mark followed by exactly three digits is a group separator when it is G, and
  ambiguous otherwise ("2,500" in de_DE, where "," is the decimal mark); followed by other
  than three digits it is the decimal mark, except G, which is ambiguous ("1,5" in en_US);
- at most two decimals; no letters or other signs (a leading minus is kept so that the
  journal can say amounts cannot be negative).

Pure Python so the rules are tested table by table without Qt; the field supplies D and G.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

GROUP_ONLY = " \u00a0\u202f'\u2019"
_GROUP = "_"
_DIGITS = re.compile(r"^\d+$")


class AmountProblem(StrEnum):
    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS = "ambiguous"
    BAD_GROUPING = "bad_grouping"
    TOO_MANY_DECIMALS = "too_many_decimals"


def parse_amount(text: str, decimal_mark: str, group_mark: str) -> Decimal | AmountProblem | None:
    """The amount ``text`` means in a locale with these marks; ``None`` for blank text."""
    text = text.strip()
    if not text:
        return None
    sign = ""
    if text[0] in "-\u2212":
        sign, text = "-", text[1:].strip()
    for mark in GROUP_ONLY + (group_mark if group_mark not in ".," else ""):
        text = text.replace(mark, _GROUP)
    if not text or any(not (ch.isdigit() and ch.isascii()) and ch not in ".,_" for ch in text):
        return AmountProblem.NOT_A_NUMBER
    decimal = _decimal_mark(text, decimal_mark, group_mark)
    if isinstance(decimal, AmountProblem):
        return decimal
    whole, _, fraction = text.partition(decimal) if decimal else (text, "", "")
    whole = whole.replace(".", _GROUP).replace(",", _GROUP)  # the other mark groups
    if (fraction and not _DIGITS.match(fraction)) or not (whole or fraction):
        return AmountProblem.NOT_A_NUMBER
    if _GROUP in whole and not _grouped_well(whole.split(_GROUP)):
        return AmountProblem.BAD_GROUPING
    if whole and not _DIGITS.match(whole.replace(_GROUP, "")):
        return AmountProblem.NOT_A_NUMBER
    if len(fraction) > 2:
        return AmountProblem.TOO_MANY_DECIMALS
    return Decimal(f"{sign}{whole.replace(_GROUP, '') or '0'}.{fraction or '0'}")


def _decimal_mark(text: str, decimal_mark: str, group_mark: str) -> str | AmountProblem:
    """Which of "." and "," marks the decimals ("" for none), or why that cannot be told."""
    present = [mark for mark in ".," if mark in text]
    if len(present) == 2:
        last = max(present, key=text.rindex)
        return last if text.count(last) == 1 else AmountProblem.NOT_A_NUMBER
    if not present:
        return ""
    mark = present[0]
    if text.count(mark) > 1:
        return ""  # only a group separator repeats
    before, _, after = text.partition(mark)
    if _GROUP in before and _GROUP not in after:
        return mark  # spaces or apostrophes already group the digits ("2 500,50")
    looks_grouped = len(after) == 3 and _GROUP not in before and _GROUP not in after
    if mark == group_mark:
        return "" if looks_grouped else AmountProblem.AMBIGUOUS
    if looks_grouped and 1 <= len(before) <= 3:
        return AmountProblem.AMBIGUOUS
    return mark


def _grouped_well(groups: list[str]) -> bool:
    """1-3 digits, then groups of three, or groups of two before the last three (lakh)."""
    first, *middle, last = groups
    if not (1 <= len(first) <= 3 and len(last) == 3):
        return False
    return len({len(group) for group in middle}) <= 1 and all(len(g) in (2, 3) for g in middle)
