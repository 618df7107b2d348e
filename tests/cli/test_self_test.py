from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_runs_the_round_trip_and_leaves_nothing_behind(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COLEARN_DATA_DIR": str(tmp_path),
        "TMPDIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "colearn_desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "reminder due and shown on Today" in result.stdout
    assert "conversation logged; reminder cleared" in result.stdout
    assert result.stdout.strip().endswith("self-test ok")
    assert list(tmp_path.iterdir()) == []  # the throw-away journal went with its folder
