"""Logout and shutdown (SIGTERM), or a closed terminal (SIGHUP), close the app like its Quit
command: a backup on closing when the journal changed, and no session marker left behind
(which would make the next start run the full check as after a crash)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.recovery import SessionMarker
from colearn_desktop.paths import DataPaths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_closes_the_app_like_its_quit_command(tmp_path, number):
    paths = DataPaths(tmp_path / "data")
    # Changed since its newest backup (it has none): closing must back it up.
    assert main(["--data-dir", str(paths.root), "demo-data", "--contacts", "5"]) == 0
    assert not list(paths.backups.glob("*.sqlite3"))
    marker = SessionMarker(paths.journal)
    app = subprocess.Popen(
        [sys.executable, "-m", "colearn_desktop", "--data-dir", str(paths.root)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.left_behind() and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # polling for the marker the running app writes
        assert marker.left_behind(), "the app did not open the journal"
        app.send_signal(number)
        assert app.wait(timeout=60) == 0, app.stderr.read()
    finally:
        if app.poll() is None:
            app.kill()
    made = [p.name for p in paths.backups.glob("*.sqlite3")]
    assert len(made) == 1
    assert "on-close" in made[0]
    assert not marker.left_behind()
