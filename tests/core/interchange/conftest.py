from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal

TODAY = datetime(2026, 11, 22, 9, 30)


@pytest.fixture
def fresh(tmp_path, new_journal_file) -> Callable[[str], Journal]:
    """``fresh(name)``: another new, empty journal, in its own folder under ``tmp_path``, to
    import into what the ``journal`` fixture exported."""

    def open_new(name: str) -> Journal:
        path = new_journal_file(tmp_path / name / "journal.sqlite3")
        return open_journal(path, clock=FixedClock(TODAY))

    return open_new
