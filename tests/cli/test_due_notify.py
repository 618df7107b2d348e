"""``colearn due --notify``: the digest text, that it goes to the notifier (a fake), how each
platform would show it, and the real D-Bus call on a private session bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from colearn_desktop.cli import main
from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.opening import open_journal
from colearn_desktop.desktop import notifier
from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.helpers import add_contact

TODAY = date.today()
FAKE_SERVER = Path(__file__).with_name("fake_notification_server.py")


@pytest.fixture
def data_dir(tmp_path, new_journal_file) -> Path:
    """Ana's reminder 2 days overdue, Zoë O'Brien's and one without a person due today (the
    command reads the real clock)."""
    folder = tmp_path / "data"
    folder.mkdir()
    now = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)
    journal = open_journal(new_journal_file(folder / JOURNAL_FILE_NAME), clock=FixedClock(now))
    try:
        ana = add_contact(journal, "Ana")
        zoe = add_contact(journal, "Zoë", "O'Brien")
        journal.reminders.add(ReminderInput("Quote", TODAY - timedelta(days=2), ana))
        journal.reminders.add(ReminderInput("Call", TODAY, zoe))
        journal.reminders.add(ReminderInput("Pay the printer", TODAY))
    finally:
        journal.close()
    return folder


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(notifier, "send", lambda title, body: calls.append((title, body)))
    return calls


DIGEST = "1 overdue, 2 due today: Ana García, Pay the printer, Zoë O'Brien"


def test_the_digest_goes_to_the_notifier_and_the_command_exits(capsys, data_dir, sent):
    assert main(["due", "--notify", "--data-dir", str(data_dir)]) == 0
    assert sent == [("CoLearn reminders", DIGEST)]
    assert capsys.readouterr().out == f"Notified: {DIGEST}\n"


def test_nothing_due_shows_nothing(capsys, tmp_path, new_journal_file, sent):
    folder = tmp_path / "empty"
    folder.mkdir()
    open_journal(new_journal_file(folder / JOURNAL_FILE_NAME)).close()
    assert main(["due", "--notify", "--data-dir", str(folder)]) == 0
    assert sent == []
    assert capsys.readouterr().out == "Nothing due today: no notification was shown.\n"


def test_no_notification_service_is_one_line_and_a_failure(capsys, data_dir, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _program: None)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["due", "--notify", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "colearn: No program to show desktop notifications was found: install "
        "libglib2.0-bin (gdbus) or libnotify-bin (notify-send). "
        f"The digest was: {DIGEST}\n"
    )


def test_each_platform_passes_the_text_without_a_shell(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda program: f"/bin/{program}")
    mac = notifier.invocation("T", 'Zoë "quoted" $HOME', "darwin")
    assert mac.argv[0] == "/bin/osascript"
    assert mac.env == {"COLEARN_TITLE": "T", "COLEARN_BODY": 'Zoë "quoted" $HOME'}
    windows = notifier.invocation("T", "B", "win32")
    assert windows.argv[:2] == ["/bin/powershell", "-NoProfile"]
    assert "$env:COLEARN_BODY" in windows.argv[-1]
    assert windows.env["COLEARN_BODY"] == "B"
    linux = notifier.invocation("T", "O'Brien \\ Ana", "linux")
    assert linux.argv[0] == "/bin/gdbus"
    assert "'O\\'Brien \\\\ Ana'" in linux.argv


@pytest.fixture
def session_bus() -> Iterator[dict[str, str]]:
    """A private session bus with a fake notification service on it; its Notify calls are
    printed on the server's stdout."""
    if not shutil.which("dbus-daemon") or not shutil.which("gdbus"):
        pytest.skip("needs dbus-daemon and gdbus (apt: dbus, libglib2.0-bin)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # (it cannot raise its fd limit in a container: harmless)
        text=True,
    )
    assert daemon.stdout is not None
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": daemon.stdout.readline().strip()}
    server = subprocess.Popen(
        [sys.executable, str(FAKE_SERVER)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert server.stdout is not None
    try:
        assert server.stdout.readline() == "ready\n"  # waits until the name is owned
        yield {"env": env, "server": server}  # type: ignore[dict-item]
    finally:
        for process in (server, daemon):
            process.kill()
            process.wait()


def test_the_digest_reaches_a_real_notification_service_over_dbus(
    capsys, data_dir, session_bus, monkeypatch
):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus["env"]["DBUS_SESSION_BUS_ADDRESS"])
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["due", "--notify", "--data-dir", str(data_dir)]) == 0
    server = session_bus["server"]
    assert server.stdout.readline() == repr(("CoLearn", "CoLearn reminders", DIGEST)) + "\n"
