"""Shared fixtures.  Two guarantees for every test:

- Qt runs headless: ``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication exists.
  With ``COLEARN_TESTS_ON_DISPLAY=1`` (how CI runs tests/acceptance) the tests use a real X
  server instead: the Xvfb that pytest-xvfb starts, or offscreen when there is none.
- No test touches the real user's data: HOME, the XDG folders and ``COLEARN_DATA_DIR`` point
  into the test's temporary folder.
"""

from __future__ import annotations

import os

# One platform per process, which Qt picks when the QApplication is made: on a display it is
# chosen in pytest_configure below, once pytest-xvfb has started Xvfb.
os.environ["QT_QPA_PLATFORM"] = (
    os.environ.get("QT_QPA_PLATFORM", "")
    if os.environ.get("COLEARN_TESTS_ON_DISPLAY") == "1"
    else "offscreen"
)
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal

TODAY = datetime(2026, 11, 22, 9, 30)
ON_DISPLAY = os.environ.get("COLEARN_TESTS_ON_DISPLAY") == "1"


@pytest.hookimpl(optionalhook=True)
def pytest_xvfb_disable(config: pytest.Config) -> bool:
    """pytest-xvfb starts Xvfb only for a run on a display (the rest stays offscreen)."""
    return not ON_DISPLAY


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """On a display: X11 when pytest-xvfb (configured before this) found Xvfb or the desktop
    has one, else offscreen like every other run."""
    if ON_DISPLAY:
        os.environ["QT_QPA_PLATFORM"] = "xcb" if os.environ.get("DISPLAY") else "offscreen"


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
