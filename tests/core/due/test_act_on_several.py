"""Done and snooze on several Today items at once: one undo step named with the count, and
undo gives every item back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from colearn_desktop.core.due import DueKind
from colearn_desktop.core.errors import NotFoundError
from tests.core.due.conftest import TODAY, at, keys
from tests.helpers import add_contact, log_call


def overdue(journal) -> list[str]:
    return keys(journal.reminders.due(0).items, DueKind.KEEP_IN_TOUCH)


@pytest.fixture
def three(quiet) -> list[str]:
    for name in ("Ana", "Bo", "Cy"):
        contact = add_contact(quiet, name, cadence_days=10)
        log_call(quiet, contact, when=at(TODAY - timedelta(days=20)))
    assert len(overdue(quiet)) == 3
    return overdue(quiet)


def test_done_on_several_is_one_undo_step(quiet, three):
    quiet.reminders.done_many(three[:2])

    assert overdue(quiet) == three[2:]
    assert quiet.undo.next_undo().label == "Done: 2 reminders"
    quiet.undo.undo()
    assert overdue(quiet) == three
    assert quiet.check() == []


def test_snooze_on_several_is_one_undo_step(quiet, three):
    quiet.reminders.snooze_many(three, TODAY + timedelta(days=7))

    assert overdue(quiet) == []
    assert quiet.undo.next_undo().label == "Snooze: 3 reminders"
    quiet.undo.undo()
    assert overdue(quiet) == three


def test_one_unknown_item_changes_none(quiet, three):
    with pytest.raises(NotFoundError):
        quiet.reminders.done_many([three[0], "cadence:999"])
    assert overdue(quiet) == three
