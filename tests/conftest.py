"""Shared fixtures.  Two guarantees for every test:

- Qt runs headless: ``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication exists.
- No test touches the real user's data: HOME, the XDG folders and ``COLEARN_DATA_DIR`` point
  into the test's temporary folder.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal

TODAY = datetime(2026, 11, 22, 9, 30)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("COLEARN_DATA_DIR", str(home / "colearn-data"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock) -> Iterator[Journal]:
    opened = open_journal(journal_path, clock=clock)
    yield opened
    opened.close()
