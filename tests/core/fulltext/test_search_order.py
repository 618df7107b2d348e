"""One order per group: a search with a limit shows the first rows of the same search without
one, so a longer list (the popup's "more", ``colearn search --limit``) only adds to the end.
Entered out of date order (a call logged late, a favour back-dated) and named out of
alphabetical order, the rows must still come in the order the search picks them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.fulltext.search import SearchKind
from colearn_desktop.core.records import FavourInput, PurchaseInput
from tests.helpers import add_contact, log_call

DAYS = (9, 2, 14, 5, 11, 1, 7)  # the order things are entered in, not their dates


@pytest.fixture
def journal_out_of_order(journal):
    people = [
        add_contact(journal, given, "Orchard", notes="orchard visit")
        for given in ("Zoe", "Ana", "Mia", "Bea", "Kim", "Eli", "Ivo")
    ]
    journal.contacts.archive(add_contact(journal, "Cas", "Lane", notes="orchard owner"))
    for who, day in zip(people, DAYS, strict=True):
        when = datetime(2026, 10, day, 9)
        log_call(journal, who, when=when, notes="orchard visit", learned="orchard prices")
        journal.favours.add(
            FavourInput(who, FavourDirection.I_OWE, FavourKind.INTRO, "orchard intro",
                        started_on=when.date())
        )  # fmt: skip
        journal.purchases.add(
            PurchaseInput(who, date(2026, 10, day), "orchard map", Decimal("5"), "EUR")
        )
    return journal


@pytest.mark.parametrize("kind", list(SearchKind), ids=lambda k: k.value)
def test_a_limit_shows_the_first_rows_of_the_whole_list(journal_out_of_order, kind):
    journal = journal_out_of_order
    everything = [h.item_id for h in journal.search.search("orchard", limit=1000).hits(kind)]
    assert len(everything) >= 7
    for limit in range(1, len(everything)):
        group = journal.search.search("orchard", limit=limit).group(kind)
        assert [h.item_id for h in group.hits] == everything[:limit], limit
        assert group.more is True
