"""How typed amounts are read in six locales: the decimal mark and group separator are the
ones Qt's QLocale gives for each (checked in tests/ui/kit/forms/test_money_field.py)."""

from decimal import Decimal

import pytest

from colearn_desktop.core.amount_text import AmountProblem, parse_amount

NNBSP = "\u202f"
MARKS = {
    "en_US": (".", ","),
    "de_DE": (",", "."),
    "fr_FR": (",", NNBSP),
    "de_CH": (".", "'"),
    "ja_JP": (".", ","),
    "hi_IN": (".", ","),
}
AMBIGUOUS = AmountProblem.AMBIGUOUS
GROUPING = AmountProblem.BAD_GROUPING
DECIMALS = AmountProblem.TOO_MANY_DECIMALS
NOT_A_NUMBER = AmountProblem.NOT_A_NUMBER

# text: what it means in en_US, de_DE, fr_FR, de_CH, ja_JP, hi_IN
TABLE = {
    "2500": ["2500"] * 6,
    "2,500": ["2500", AMBIGUOUS, AMBIGUOUS, AMBIGUOUS, "2500", "2500"],
    "2.500": [AMBIGUOUS, "2500", AMBIGUOUS, AMBIGUOUS, AMBIGUOUS, AMBIGUOUS],
    "2.500,00": ["2500"] * 6,
    "2,500.00": ["2500"] * 6,
    "2 500": ["2500"] * 6,
    "2\u00a0500,50": ["2500.5"] * 6,
    f"2{NNBSP}500,50": ["2500.5"] * 6,
    "2'500.50": ["2500.5"] * 6,
    "2\u2019500": ["2500"] * 6,
    "1,5": [AMBIGUOUS, "1.5", "1.5", "1.5", AMBIGUOUS, AMBIGUOUS],
    "1.5": ["1.5", AMBIGUOUS, "1.5", "1.5", "1.5", "1.5"],
    "0,99": [AMBIGUOUS, "0.99", "0.99", "0.99", AMBIGUOUS, AMBIGUOUS],
    "2,50,000": ["250000"] * 6,
    "2,50,000.75": ["250000.75"] * 6,
    "2.500.000": ["2500000"] * 6,
    "1,2,3": [GROUPING] * 6,
    "25,00": [AMBIGUOUS, "25", "25", "25", AMBIGUOUS, AMBIGUOUS],
    "12 34": [GROUPING] * 6,
    "1.234,567": [DECIMALS] * 6,
    "1234.567": [DECIMALS, GROUPING, DECIMALS, DECIMALS, DECIMALS, DECIMALS],
    "abc": [NOT_A_NUMBER] * 6,
    "12€": [NOT_A_NUMBER] * 6,
    "1.2.3,4.5": [NOT_A_NUMBER] * 6,
    "-5": ["-5"] * 6,
}


@pytest.mark.parametrize("text", list(TABLE))
@pytest.mark.parametrize("locale", list(MARKS))
def test_each_locale_reads_or_refuses_each_form(text: str, locale: str) -> None:
    expected = TABLE[text][list(MARKS).index(locale)]
    got = parse_amount(text, *MARKS[locale])
    if isinstance(expected, AmountProblem):
        assert got == expected
    else:
        assert got == Decimal(expected)
        assert not isinstance(got, AmountProblem)


def test_blank_is_no_amount() -> None:
    assert parse_amount("  ", ".", ",") is None
