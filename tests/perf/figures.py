"""What every figure of the worker shares: the registry of figures by name, and samples of the
app and the baseline taken in turns so that both see the same machine."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.perf.measure import summary, timed

FIGURES: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {}


def figure(name: str):  # type: ignore[no-untyped-def]
    def register(function):  # type: ignore[no-untyped-def]
        FIGURES[name] = function
        return function

    return register


def open_app_journal(path: Path):  # type: ignore[no-untyped-def]
    """The journal as the app opens it (imported late: a figure's process starts cold)."""
    from colearn_desktop.core.opening import open_journal

    return open_journal(path)


def alternate(i: int, app: Callable[[], Any], base: Callable[[], Any]) -> tuple[float, float]:
    """Time one call of each, the app first on even ``i`` and the baseline first on odd."""
    if i % 2 == 0:
        app_s = timed(app)[0]
        return app_s, timed(base)[0]
    base_s = timed(base)[0]
    return timed(app)[0], base_s


def pairs(
    repeat: int, app: Callable[[int], Any], base: Callable[[int], Any]
) -> tuple[list[float], list[float]]:
    """``repeat`` samples of each (interleaved, see :func:`_alternate`)."""
    app_times, base_times = [], []
    for i in range(repeat):
        a, b = alternate(i, lambda i=i: app(i), lambda i=i: base(i))
        app_times.append(a)
        base_times.append(b)
    return app_times, base_times


def both(app: list[float], base: list[float], **extra: Any) -> dict[str, Any]:
    return {"app": summary(app), "baseline": summary(base), **extra}


def stamp(value: datetime) -> str:
    """A timestamp as the journal stores it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class StatementTrace:
    """Records the SQL the app's own connections run (bound values written in), so that
    exactly the same statements can be run again on a raw connection: the baseline of the
    list is "the same ORDER BY / WHERE", whatever the app's query is this week."""

    def __init__(self, journal: Any):
        from sqlalchemy import event

        self.statements: list[str] = []
        self.recording = False
        journal.db.engine.dispose()  # new connections, each with the trace below
        event.listen(journal.db.engine, "connect", self._connected)

    def _connected(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        if self.recording:
            self.statements.append(statement)

    def record(self, call: Callable[[], Any]) -> list[str]:
        self.statements = []
        self.recording = True
        try:
            call()
        finally:
            self.recording = False
        return self.statements


def replay(connection: sqlite3.Connection, statements: list[str]) -> int:
    """Run recorded statements on a raw connection; the rows they returned."""
    rows = 0
    for statement in statements:
        rows += len(connection.execute(statement).fetchall())
    return rows
