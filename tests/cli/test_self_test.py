"""``colearn --self-test`` goes through every screen and the referral path, and says what broke."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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


def self_test(
    tmp_path: Path, *, before: str = "", environ: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``colearn --self-test`` in a fresh interpreter, after the Python code ``before``,
    with the variables of ``environ`` set (or unset when ``None``)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COLEARN_DATA_DIR": str(tmp_path),
        "TMPDIR": str(tmp_path),
    }
    for name, value in (environ or {}).items():
        env.pop(name, None)
        if value is not None:
            env[name] = value
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


NO_DISPLAY = {"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_without_a_display_the_self_test_says_so_instead_of_aborting(tmp_path):
    result = self_test(tmp_path, environ=NO_DISPLAY)
    assert result.returncode == 1  # Qt's abort was -6 (SIGABRT)
    assert result.stderr.startswith("colearn: cannot open a window: no display was found")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_missing_x11_libraries_are_named_with_the_packages(tmp_path):
    """As on a fresh Debian 12, where Qt aborted naming the wrong package."""
    missing = (
        "import colearn_desktop.ui.shell.launch.qt_platform as qt_platform\n"
        "def load(name):\n"
        "    if name == 'libxcb-keysyms.so.1':\n"
        "        raise OSError(name + ': cannot open shared object file')\n"
        "qt_platform.load_library = load"
    )
    environ = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":99"}
    result = self_test(tmp_path, before=missing, environ=environ)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "colearn: cannot open a window: Qt's X11 platform plugin needs libxcb-keysyms.so.1, "
        "which is not installed. Install, then start CoLearn again: on Debian or Ubuntu "
        "`sudo apt install libxcb-keysyms1`, on Fedora `sudo dnf install xcb-util-keysyms`. "
        "Your journal was not touched."
    ]
    assert list(tmp_path.iterdir()) == []  # stopped before opening any journal
