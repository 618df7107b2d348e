"""Start at login: the Linux entry for real (under the test's XDG folders), Windows and macOS
by what they would write."""

from __future__ import annotations

import configparser
import plistlib
import shlex
from pathlib import Path

from colearn_desktop.cli import main
from colearn_desktop.desktop.autostart import (
    Autostart,
    launch_command,
    linux_entry,
    macos_plist,
    windows_run_value,
)


def _exec_line(entry: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(entry)
    # The spec's quoting is a subset of the shell's for these characters.
    return shlex.split(parser["Desktop Entry"]["Exec"].replace("%%", "%"))


def test_the_command_starts_in_the_tray_from_python_or_the_frozen_app() -> None:
    assert launch_command("/usr/bin/python3", frozen=False) == [
        "/usr/bin/python3",
        "-m",
        "colearn_desktop",
        "--tray",
    ]
    assert launch_command("/opt/CoLearn/colearn", frozen=True) == ["/opt/CoLearn/colearn", "--tray"]


def test_the_linux_entry_quotes_a_path_with_spaces_and_percent() -> None:
    command = ["/home/zoë/My Apps/100% py/python3", "-m", "colearn_desktop", "--tray"]
    entry = linux_entry(command)
    assert entry.startswith("[Desktop Entry]\nType=Application\n")
    assert _exec_line(entry) == command
    assert 'Exec="/home/zoë/My Apps/100%% py/python3" -m colearn_desktop --tray\n' in entry


def test_linux_enable_status_disable_for_real(tmp_path: Path) -> None:
    autostart = Autostart("linux", ["/usr/bin/colearn", "--tray"])
    entry = Path.home() / ".config" / "autostart" / "colearn.desktop"
    assert autostart.status().enabled is False
    assert autostart.enable().enabled is True
    assert entry.read_text("utf-8") == linux_entry(["/usr/bin/colearn", "--tray"])
    assert autostart.status().where == str(entry)
    assert autostart.disable().enabled is False
    assert not entry.exists()
    assert autostart.disable().enabled is False  # twice is fine


def test_linux_follows_xdg_config_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    Autostart("linux", ["colearn", "--tray"]).enable()
    assert (tmp_path / "cfg" / "autostart" / "colearn.desktop").is_file()


def test_macos_launch_agent_runs_once_at_login() -> None:
    agent = plistlib.loads(
        macos_plist(["/Applications/CoLearn.app/Contents/MacOS/CoLearn", "--tray"])
    )
    assert agent == {
        "Label": "org.colearn.desktop",
        "ProgramArguments": ["/Applications/CoLearn.app/Contents/MacOS/CoLearn", "--tray"],
        "RunAtLoad": True,
    }
    where = Autostart("darwin", ["x"]).location
    assert where.endswith("Library/LaunchAgents/org.colearn.desktop.plist")


def test_windows_run_value_quotes_the_path() -> None:
    assert (
        windows_run_value([r"C:\Program Files\CoLearn\colearn.exe", "--tray"])
        == r'"C:\Program Files\CoLearn\colearn.exe" --tray'
    )
    assert Autostart("win32", ["x"]).location.endswith(
        r"Software\Microsoft\Windows\CurrentVersion\Run\CoLearn"
    )


def test_the_command_enables_reports_and_disables(capsys, monkeypatch) -> None:
    entry = Path.home() / ".config" / "autostart" / "colearn.desktop"
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["autostart", "--status"]) == 0
    assert "does not start" in capsys.readouterr().out
    assert main(["autostart", "--enable"]) == 0
    out = capsys.readouterr().out
    assert out == f"CoLearn starts in the tray when you log in ({entry}).\n"
    assert "--tray" in entry.read_text("utf-8")
    assert main(["autostart", "--disable"]) == 0
    assert not entry.exists()
    assert main(["autostart"]) == 0
    assert "does not start" in capsys.readouterr().out


def test_the_windows_build_starts_its_windowed_program(tmp_path: Path) -> None:
    (tmp_path / "colearnw.exe").write_bytes(b"")
    console = str(tmp_path / "colearn.exe")
    assert launch_command(console, frozen=True) == [str(tmp_path / "colearnw.exe"), "--tray"]


def test_a_journal_chosen_by_the_environment_is_named_in_the_entry(capsys, monkeypatch) -> None:
    entry = Path.home() / ".config" / "autostart" / "colearn.desktop"
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["autostart", "--enable"]) == 0  # COLEARN_DATA_DIR is set by the conftest
    folder = str(Path.home() / "colearn-data")
    assert _exec_line(entry.read_text("utf-8"))[-3:] == ["--data-dir", folder, "--tray"]
    monkeypatch.delenv("COLEARN_DATA_DIR")
    assert main(["autostart", "--enable"]) == 0  # the usual folder: found without naming it
    assert "--data-dir" not in entry.read_text("utf-8")


def test_the_demo_journal_does_not_start_at_login(capsys) -> None:
    assert main(["--demo", "autostart", "--enable"]) == 1
    assert capsys.readouterr().err == (
        "colearn: The demo journal does not start at login; run colearn autostart without --demo.\n"
    )
    assert not (Path.home() / ".config" / "autostart" / "colearn.desktop").exists()
