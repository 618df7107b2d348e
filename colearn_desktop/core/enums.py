"""The fixed vocabularies of the journal.

Stored as their lowercase values (never Python names) with CHECK constraints in the schema, so a
row written by any tool is readable and a typo cannot reach the file.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a contact is on the customer's path (Search → Shop → Help), or just network."""

    NETWORK = "network"
    SEARCH = "search"
    SHOP = "shop"
    HELP = "help"


class Channel(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    OTHER = "other"


class FavourDirection(StrEnum):
    I_OWE = "i_owe"
    THEY_OWE = "they_owe"


class FavourKind(StrEnum):
    INTRO = "intro"
    REFERRAL = "referral"
    ADVICE = "advice"
    TESTIMONIAL = "testimonial"
    LOAN = "loan"
    MONEY = "money"
    GIFT = "gift"
    OTHER = "other"


class FavourStatus(StrEnum):
    OPEN = "open"
    PARTLY_DONE = "partly_done"
    DONE = "done"
    FORGIVEN = "forgiven"

    @property
    def is_open(self) -> bool:
        return self in (FavourStatus.OPEN, FavourStatus.PARTLY_DONE)


class SettlementAction(StrEnum):
    """One line of a favour's history."""

    PARTIAL = "partial"
    DONE = "done"
    FORGIVEN = "forgiven"


class RepeatUnit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class AskStatus(StrEnum):
    ASKED = "asked"
    REFERRED = "referred"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"


def check_in(column: str, enum: type[StrEnum]) -> str:
    """SQL for a CHECK constraint that keeps ``column`` inside ``enum``."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"
