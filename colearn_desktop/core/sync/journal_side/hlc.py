"""A hybrid logical clock: wall-clock milliseconds, a counter, and the device, as sortable text.

Why not the wall clock alone: a laptop whose clock is hours fast would win every edit for
hours, and two edits in one millisecond would tie.  A stamp is never lower than any stamp this
device has made or received (``receive`` moves the clock past a remote stamp), so an edit made
after reading another device's edit always sorts after it, whatever either clock says; the
wall clock only decides between edits that did not see each other.  The device id breaks the
last tie, so every device orders any two stamps the same way.

The capture triggers stamp rows in SQL (``STAMP_SQL``) with the state kept in ``sync_state``
(``hlc_wall``, ``hlc_counter``), in the same transaction as the change.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

WALL_DIGITS = 13  # milliseconds since 1970 fit 13 digits until the year 2286
COUNTER_DIGITS = 6

# The current time in milliseconds, in SQLite (one value for the whole statement).
NOW_MS_SQL = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
# Advance the clock for one local event; then STAMP_SQL reads the stamp it got.
TICK_SQL = (
    "UPDATE sync_state SET "
    f"hlc_counter = CASE WHEN {NOW_MS_SQL} > hlc_wall THEN 0 ELSE hlc_counter + 1 END, "
    f"hlc_wall = max(hlc_wall, {NOW_MS_SQL})"
)
STAMP_SQL = (
    f"SELECT printf('%0{WALL_DIGITS}d.%0{COUNTER_DIGITS}d.%s', hlc_wall, hlc_counter, device) "
    "FROM sync_state"
)


@dataclass(frozen=True, order=True)
class Hlc:
    wall: int
    counter: int
    device: str

    def text(self) -> str:
        return f"{self.wall:0{WALL_DIGITS}d}.{self.counter:0{COUNTER_DIGITS}d}.{self.device}"

    @classmethod
    def parse(cls, stamp: str) -> Hlc:
        """A stamp read back; ValueError with a sentence when it is not one."""
        wall, _, rest = stamp.partition(".")
        counter, _, device = rest.partition(".")
        if not (wall.isdigit() and counter.isdigit() and device):
            raise ValueError(f"“{stamp}” is not a sync clock stamp (milliseconds.counter.device).")
        return cls(int(wall), int(counter), device)


def receive(connection: sqlite3.Connection, stamps: list[str]) -> None:
    """Move this device's clock past the newest of ``stamps`` (remote events it has now seen),
    so that its next local stamp sorts after every one of them."""
    if not stamps:
        return
    newest = Hlc.parse(max(stamps))
    wall, counter = connection.execute("SELECT hlc_wall, hlc_counter FROM sync_state").fetchone()
    if (newest.wall, newest.counter) > (wall, counter):
        connection.execute(
            "UPDATE sync_state SET hlc_wall = ?, hlc_counter = ?",
            (newest.wall, newest.counter),
        )


def wall_text(stamp: str) -> str:
    """When the stamp was made, as ISO text in UTC (for the history: "changed on Laptop, 3 Dec")."""
    from datetime import UTC, datetime

    moment = datetime.fromtimestamp(Hlc.parse(stamp).wall / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
