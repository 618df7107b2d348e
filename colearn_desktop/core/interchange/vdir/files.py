"""Bringing one vdir folder to what it should hold, touching only what changed.

A file is written only when its bytes differ (an event's ``DTSTAMP`` aside: it is the time
of the export, and rewriting every event on every pass would make vdirsyncer upload them
all), through a temporary file renamed into place, so a syncing program never reads half a
file.  Files we wrote whose item left are removed; every other file is someone else's and
stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from colearn_desktop.core.interchange.vdir.report import VdirReport
from colearn_desktop.core.interchange.vdir.state import Written, sha256
from colearn_desktop.core.interchange.writers.export_target import replacing

_DTSTAMP = re.compile(rb"^DTSTAMP:[^\r\n]*\r?\n", re.MULTILINE)


def without_stamp(data: bytes) -> bytes:
    """An event file without its DTSTAMP line: what it shows."""
    return _DTSTAMP.sub(b"", data)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def sync_folder(
    folder: Path,
    wanted: dict[str, bytes],
    known: dict[str, Written],
    report: VdirReport,
    entry: Callable[[str, bytes], Written],
    same: Callable[[bytes], bytes] = lambda data: data,
) -> dict[str, Written]:
    """Make ``folder`` hold ``wanted`` (file name: bytes) and no longer hold the files of
    ``known`` (what we wrote last time) that are not wanted; returns what we wrote, by
    name, made by ``entry``.  ``same`` is what two versions of a file are compared by."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Written] = {}
    for name, data in wanted.items():
        path = folder / name
        now = _current(path)
        if now is not None and same(now) == same(data):
            report.unchanged += 1
            written[name] = entry(name, now)
            continue
        with replacing(path, encoding=None) as out:
            out.write(data)
        report.written += 1
        written[name] = entry(name, data)
    for name in known.keys() - wanted.keys():
        path = folder / name
        if path.exists():
            path.unlink()
            report.removed += 1
    return written


def hashed(_name: str, data: bytes) -> Written:
    return Written(sha256(data))
