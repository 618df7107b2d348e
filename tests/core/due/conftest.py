from __future__ import annotations

from datetime import date, datetime, time

import pytest

from colearn_desktop.core.due import DueItem, DueKind

TODAY = date(2026, 11, 22)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def keys(items: tuple[DueItem, ...] | list[DueItem], kind: DueKind | None = None) -> list[str]:
    return [i.key for i in items if kind is None or i.kind is kind]


@pytest.fixture
def quiet(journal):
    """No stage defaults, so only what a test sets up is due."""
    journal.settings.update(
        stage_cadence={"network": None, "search": None, "shop": None, "help": None}
    )
    return journal
