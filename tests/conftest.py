"""Shared fixtures.  Two guarantees for every test:

- Qt runs headless: ``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication exists.
  With ``COLEARN_TESTS_ON_DISPLAY=1`` (how CI runs tests/acceptance) the tests use a real X
  server instead: the Xvfb that pytest-xvfb starts, or offscreen when there is none.
- No test touches the real user's data: HOME, the XDG folders and ``COLEARN_DATA_DIR`` point
  into the test's temporary folder.

And two shortcuts that keep the suite fast, which tests about storage turn off:

- The ``journal`` fixture copies a journal migrated once per session instead of running every
  migration again (~120 ms each, most of a short test's time).
- Commits do not wait for the disk (``PRAGMA synchronous = OFF``): an fsync per commit is most
  of what a test's writes cost, and it only matters after a crash of the machine.

A test marked ``real_journal`` (every test under tests/faults, and the tests of migrations,
pragmas, recovery and start-up) gets neither: its ``journal`` is migrated for it, and every
connection it opens keeps the app's real ``synchronous = FULL``.  A test marked
``durable_journal`` (backups) keeps ``synchronous = FULL`` but gets the template's copy: a
journal migrated for the test holds exactly what the template holds (test_migrations.py
checks it), so migrating it again would only prove the migrations once more.  Journals that
child processes open always keep the real pragmas.  A test that changes how a journal is
created (no FTS5, say) must be marked ``real_journal``: a copy of the template was made
without its change.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

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
from colearn_desktop.core.storage import db
from colearn_desktop.core.storage.files.folders import make_private_dirs
from colearn_desktop.core.storage.files.journal_files import side_file

TODAY = datetime(2026, 11, 22, 9, 30)
TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fault tests are about what survives a failure: all of them run on the real storage."""
    faults = TESTS / "faults"
    for item in items:
        if item.path.is_relative_to(faults):
            item.add_marker(pytest.mark.real_journal)


SLOW_SECONDS = 10.0
_unmarked_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "slow" not in report.keywords:
        _unmarked_seconds[report.nodeid] = _unmarked_seconds.get(report.nodeid, 0) + report.duration


def pytest_terminal_summary(terminalreporter) -> None:
    """Name the tests that took over 10 s without the ``slow`` mark: speed them up or mark
    them (on a loaded machine a time can be the machine's, so this warns, never fails)."""
    over = {node: t for node, t in _unmarked_seconds.items() if t > SLOW_SECONDS}
    if over:
        terminalreporter.section(f"tests over {SLOW_SECONDS:.0f} s not marked slow")
        for node, seconds in sorted(over.items(), key=lambda item: -item[1]):
            terminalreporter.write_line(f"{seconds:6.1f} s  {node}")


def uses_real_journal(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("real_journal") is not None


def uses_real_pragmas(request: pytest.FixtureRequest) -> bool:
    return (
        uses_real_journal(request) or request.node.get_closest_marker("durable_journal") is not None
    )


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
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    # The cache holds the single-instance socket, whose path may not pass 100 bytes: under
    # pytest's numbered folders it did once the machine's run count and a worker's test count
    # got to four digits; a short temporary folder never does.
    cache = tempfile.mkdtemp(prefix="cl")
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    monkeypatch.setenv("COLEARN_DATA_DIR", str(home / "colearn-data"))
    yield
    shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture(autouse=True)
def _commits_skip_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if not uses_real_pragmas(request):
        monkeypatch.setattr(db, "SYNCHRONOUS", "OFF")


@pytest.fixture(autouse=True)
def _cycles_collected_on_the_gui_thread() -> Iterator[None]:
    """Once a QApplication exists, Python's cycle collector runs on the GUI thread only, as
    in the app (ui/kit/main_thread_gc.py): a worker collecting a Qt object's wrapper crashed
    a pytest worker.  Between tests there is no event loop to run its timer, so the
    generations that filled up are collected here, on the main thread.

    First the widgets pytest-qt closed (``deleteLater``) are deleted by Qt, as an event loop
    would: left to the collector, a widget in a cycle is destroyed after Python has emptied
    its attributes, and the event filters it still has (a screen's refresh policy) fail."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from colearn_desktop.ui.kit.main_thread_gc import collect_on_the_gui_thread

    app = QApplication.instance()
    if app is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        collect_on_the_gui_thread(app).collect_due()


@pytest.fixture(scope="session")
def journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new journal, migrated to the newest revision and closed, made once per session.

    Closing it checkpointed the write-ahead log into the file, so the file alone is the whole
    journal: a copy of it is what opening a new journal makes, for ~1 ms instead of ~120 ms."""
    path = tmp_path_factory.mktemp("template") / "journal.sqlite3"
    open_journal(path, clock=FixedClock(TODAY)).close()
    assert not side_file(path, "-wal").exists(), "the template journal was not checkpointed"
    return path


@pytest.fixture
def new_journal_file(request: pytest.FixtureRequest, journal_template: Path):
    """``make(path)`` puts a new, empty, current journal at ``path`` (a copy of the session's
    template; its folder is made 0700 as ``open_journal`` makes it) and returns ``path``, for
    ``open_journal(new_journal_file(path))``.  In a ``real_journal`` test it puts nothing
    there, so ``open_journal`` creates and migrates the journal as the app does."""

    def make(path: Path) -> Path:
        if not uses_real_journal(request):
            make_private_dirs(path.parent)
            shutil.copyfile(journal_template, path)
        return path

    return make


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path: Path, clock: FixedClock, new_journal_file) -> Iterator[Journal]:
    """A new journal at ``journal_path``: a copy of the template, or (``real_journal``)
    created and migrated for this test."""
    opened = open_journal(new_journal_file(journal_path), clock=clock)
    yield opened
    opened.close()
