"""``colearn --self-test`` goes through every screen and the referral path, and says what broke."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

STEPS = [
    "main window opened",
    "reminder due and shown on Today",
    "conversation logged; reminder cleared",
    "Contacts and the contact's tabs shown",
    "referral ask composed and recorded",
    "referred contact saved; ask marked, thank-you due",
    "Insights shown",
    "Search finds the contact",
    "Settings, import and export dialogs opened",
    "journal check ok",
]


def self_test(tmp_path: Path, *, before: str = "") -> subprocess.CompletedProcess[str]:
    """Run ``colearn --self-test`` in a fresh interpreter, after the Python code ``before``."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COLEARN_DATA_DIR": str(tmp_path),
        "TMPDIR": str(tmp_path),
    }
    run = "from colearn_desktop.cli import main\nsys.exit(main(['--self-test']))"
    code = f"import sys\n{before}\n{run}"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=180,
    )


def failure_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("self-test FAILED")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_self_test_walks_every_screen_and_leaves_nothing_behind(tmp_path):
    result = self_test(tmp_path)
    assert result.returncode == 0, result.stderr
    shown = [line.removeprefix("  ok: ") for line in result.stdout.splitlines()]
    assert re.fullmatch(r"all \d+ modules of the app imported", shown[0])
    assert shown[1:] == [*STEPS, "self-test ok"]
    assert list(tmp_path.iterdir()) == []  # the throw-away journal went with its folder


def test_self_test_fails_when_a_module_of_the_app_is_missing(tmp_path):
    """What an install without core/referrals looked like: the self-test said ok."""
    missing = "sys.modules['colearn_desktop.core.referrals'] = None  # import fails"
    result = self_test(tmp_path, before=missing)
    assert result.returncode == 1
    line = failure_line(result)
    assert "cannot be imported" in line
    assert "colearn_desktop.core.referrals" in line
    assert "reinstall CoLearn" in line


def test_self_test_fails_when_a_referral_does_not_answer_the_ask(tmp_path):
    broken = (
        "import colearn_desktop.core.referrals.asks as asks\n"
        "asks.answer_with_referral = lambda *args: None"
    )
    result = self_test(tmp_path, before=broken)
    assert result.returncode == 1
    assert "  ok: referral ask composed and recorded" in result.stdout
    assert failure_line(result) == (
        "self-test FAILED: referred contact saved; ask marked, thank-you due: "
        "the ask was not marked referred (it is asked)"
    )
