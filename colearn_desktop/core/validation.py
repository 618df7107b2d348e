"""Collecting every problem in a form before refusing it.

Services check all fields and raise one :class:`ValidationError` listing each field at fault,
so the user fixes the form in one pass instead of meeting the errors one by one.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from colearn_desktop.core.errors import FieldProblem, ValidationError
from colearn_desktop.core.text import describe_character, first_unwanted

EMAIL_PATTERN = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+$")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
MAX_CADENCE_DAYS = 3650
MAX_TEXT = 1_000_000  # a million characters of notes is a mistake, not a note
MAX_AMOUNT_CENTS = 10**15
# Dates a person keeps: events from 1900 to today, plans up to a hundred years ahead.  Year 1
# or 9999 is always a slip of the keyboard, and 9999-12-31 leaves no room for date arithmetic
# (a repeating reminder's next day overflowed).
EARLIEST_DAY = date(1900, 1, 1)
PLAN_YEARS = 100


class Problems:
    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(FieldProblem(field, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def check_length(self, field: str, text: str, limit: int = MAX_TEXT) -> None:
        if len(text) > limit:
            self.add(field, f"is too long ({len(text):,} characters; at most {limit:,})")

    def check_text(self, field: str, text: str, limit: int = MAX_TEXT) -> None:
        """Length and characters of anything typed: see :data:`text.UNWANTED`."""
        self.check_length(field, text, limit)
        self.check_characters(field, text)

    def check_characters(self, field: str, text: str) -> None:
        char = first_unwanted(text)
        if char is not None:
            self.add(
                field,
                f"contains an invisible character ({describe_character(char)}) that cannot be "
                "stored or exported; remove it (it often comes with pasted text)",
            )

    def check_enum(self, field: str, value: object, enum: type[StrEnum]) -> None:
        # Compared rather than converted: the value comes from outside and may be of any type.
        if not any(value == member.value for member in enum):
            allowed = ", ".join(member.value for member in enum)
            self.add(field, f"{value!r} is not one of: {allowed}")

    def check_cadence(self, field: str, days: int | None) -> None:
        if days is not None and not 1 <= days <= MAX_CADENCE_DAYS:
            self.add(field, f"must be between 1 and {MAX_CADENCE_DAYS} days")

    def check_dates_ordered(self, field: str, start: date | None, end: date | None) -> None:
        if start is not None and end is not None and end < start:
            self.add(field, f"{end.isoformat()} is before the start ({start.isoformat()})")

    def check_date(self, field: str, value: date | None, earliest: date, latest: date) -> bool:
        """Whether ``value`` (when given) lies in ``earliest``..``latest``; if not, says so."""
        if value is None or earliest <= value <= latest:
            return True
        self.add(
            field,
            f"{value.isoformat()} is outside the dates accepted here: "
            f"{earliest.isoformat()} to {latest.isoformat()}",
        )
        return False

    def check_past(self, field: str, value: date | None, today: date) -> bool:
        """An event that happened: from 1900 to today, never in the future."""
        if value is not None and value > today:
            self.add(field, f"{value.isoformat()} is after today ({today.isoformat()})")
            return False
        return self.check_date(field, value, EARLIEST_DAY, today)

    def check_plan(self, field: str, value: date | None, today: date) -> bool:
        """A day planned or promised: from 1900 to a hundred years from today."""
        return self.check_date(field, value, EARLIEST_DAY, latest_plan_day(today))

    def money(self, field: str, amount: Decimal | None, currency: str) -> int | None:
        """Validate an amount and its currency; return the amount in hundredths."""
        if amount is None:
            return None
        cents = to_cents(amount)
        if cents is None:
            self.add(field, f"{amount} is not an amount with at most two decimals")
            return None
        if cents < 0:
            self.add(field, "cannot be negative")
        elif cents >= MAX_AMOUNT_CENTS:
            self.add(field, "is too large")
        if not CURRENCY_PATTERN.match(currency):
            self.add("currency", "needs a three-letter currency code such as EUR or USD")
        return cents


def latest_plan_day(today: date) -> date:
    """A hundred years from ``today`` (28 February when today is 29 February)."""
    try:
        return today.replace(year=today.year + PLAN_YEARS)
    except ValueError:
        return today.replace(year=today.year + PLAN_YEARS, day=28)


def to_cents(amount: Decimal | int | str) -> int | None:
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    cents = value * 100
    if cents != cents.to_integral_value():
        return None
    return int(cents)


def from_cents(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))
