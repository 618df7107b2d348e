"""The real app for the stories: ``start_session`` (as ``colearn`` starts it) on a journal
made for the test in the test's own data folder, shown and active, ended as the app ends.

Under Xvfb (``COLEARN_TESTS_ON_DISPLAY=1`` with pytest-xvfb, see tests/conftest.py) the
window is a real X11 window; otherwise it is offscreen like the rest of the suite."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.launch.i18n import install_translators

Seed = Callable[[Journal], object]


@pytest.fixture(scope="session", autouse=True)
def _translations(qapp):
    """The app's translators, as ``colearn`` installs them."""
    return install_translators(qapp)


@pytest.fixture
def app_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "colearn")


@pytest.fixture
def screenshots(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Where a story saves what each screen looked like, to be looked at: the test's folder,
    or ``$COLEARN_SCREENSHOTS/<test>`` to keep them after the run."""
    kept = os.environ.get("COLEARN_SCREENSHOTS")
    return Path(kept) / request.node.name if kept else tmp_path / "screens"


@pytest.fixture
def start_app(
    qtbot, app_paths: DataPaths, tmp_path: Path, new_journal_file
) -> Iterator[Callable[..., QMainWindow]]:
    """``start_app(seed)``: write the test's journal (a copy of the session's template, see
    tests/conftest.py) with ``seed(journal)``, start the app on it and return its main
    window, active and with the keyboard focus somewhere."""
    from colearn_desktop.ui.shell.application import start_session

    # The app's window preferences (QSettings()) go to the test's folder, never the user's.
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    sessions = []

    def start(seed: Seed | None = None) -> QMainWindow:
        path = app_paths.journal
        journal = open_journal(path if path.exists() else new_journal_file(path))
        try:
            if seed is not None:
                seed(journal)
        finally:
            journal.close()
        session, code = start_session(app_paths, demo=False, demo_contacts=0)
        assert session is not None, f"the app did not start (exit code {code})"
        sessions.append(session)
        window = session.window
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return window

    yield start
    for session in sessions:
        session.window.close()
        session.end()
