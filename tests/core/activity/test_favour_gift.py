"""A gift is a favour kind like the others: saved on a new journal and on one upgraded from the
first release (where the favour table's CHECK did not know it), counted, searched and carried
through a JSON export and import."""

from __future__ import annotations

import json

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.records import FavourInput
from tests.conftest import TODAY
from tests.core.storage.test_migrations import make_first_revision_journal
from tests.helpers import add_contact


def _gift(contact_id: int) -> FavourInput:
    return FavourInput(contact_id, FavourDirection.THEY_OWE, FavourKind.GIFT, "Sent a hamper")


@pytest.mark.parametrize("start", ["new", "first release"])
def test_a_gift_is_saved_and_read_back(tmp_path, start):
    path = tmp_path / "journal.sqlite3"
    if start == "first release":
        make_first_revision_journal(path)  # Zoë (id 1) already owes an intro
    journal = open_journal(path, clock=FixedClock(TODAY))
    try:
        sam = add_contact(journal, "Sam")
        favour_id = journal.favours.add(_gift(sam))
        assert journal.favours.get(favour_id).data.kind is FavourKind.GIFT
        assert journal.favours.balance(sam).they_owe_open == 1  # the cache triggers still run
        assert [hit.item_id for hit in journal.search.search("hamper").hits()] == [favour_id]
        if start == "first release":
            assert journal.favours.balance(1).i_owe_open == 1
        assert journal.check() == []
    finally:
        journal.close()


def test_a_gift_goes_through_a_json_export_and_import(journal, tmp_path, new_journal_file):
    sam = add_contact(journal, "Sam")
    journal.favours.add(_gift(sam))
    exported = tmp_path / "journal.json"
    journal.interchange.export_journal(exported)
    assert '"gift"' in exported.read_text(encoding="utf-8")
    other = open_journal(
        new_journal_file(tmp_path / "other" / "journal.sqlite3"), clock=FixedClock(TODAY)
    )
    try:
        assert other.interchange.import_file(exported).imported
        assert [f.data.kind for f in other.favours.for_contact(sam)] == [FavourKind.GIFT]
        again = tmp_path / "again.json"
        other.interchange.export_journal(again)
        tables = json.loads(again.read_text(encoding="utf-8"))["tables"]
        assert tables == json.loads(exported.read_text(encoding="utf-8"))["tables"]
    finally:
        other.close()
