"""Start CoLearn at login, in the tray, on this computer (opt-in; issue 19).

One entry per platform, each the platform's own documented place, so removing it by hand is
what the README says: an XDG autostart entry on Linux (``$XDG_CONFIG_HOME/autostart/
colearn.desktop``), a value of the per-user Run key on Windows, a LaunchAgent plist on macOS.
The content each would write is a pure function (tested on every platform); only
:class:`Autostart` touches the disk or the registry.  No Qt and no journal: ``colearn
autostart`` and the Settings page share it.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ENTRY_NAME = "colearn.desktop"
AGENT_LABEL = "org.colearn.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "CoLearn"
TRAY_OPTION = "--tray"
# Characters the Desktop Entry Specification says need a quoted argument in ``Exec``.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command(
    executable: str | None = None, *, frozen: bool | None = None, data_dir: Path | None = None
) -> list[str]:
    """What starts CoLearn in the tray: the frozen app itself, or this Python running the
    package (works from a virtualenv with no ``colearn`` on PATH at login); ``data_dir``
    when the journal is not where CoLearn looks by default."""
    executable = executable or sys.executable
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    folder = ["--data-dir", str(data_dir)] if data_dir is not None else []
    if frozen:
        # On Windows the build has colearnw.exe (no console window) beside colearn.exe.
        windowed = Path(executable).with_name("colearnw.exe")
        if Path(executable).name.lower() == "colearn.exe" and windowed.is_file():
            executable = str(windowed)
        return [executable, *folder, TRAY_OPTION]
    return [executable, "-m", "colearn_desktop", *folder, TRAY_OPTION]


def _exec_argument(argument: str) -> str:
    """One ``Exec`` argument, quoted as the Desktop Entry Specification asks (a ``%`` is
    doubled: it starts a field code)."""
    argument = argument.replace("%", "%%")
    if not argument or _RESERVED & set(argument):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        return f'"{escaped}"'
    return argument


def linux_entry(command: Sequence[str]) -> str:
    """The XDG autostart entry (``~/.config/autostart/colearn.desktop``)."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=CoLearn\n"
        "Comment=Reminders of your relationship journal, in the tray\n"
        f"Exec={' '.join(_exec_argument(a) for a in command)}\n"
        "Icon=colearn\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def macos_plist(command: Sequence[str]) -> bytes:
    """The LaunchAgent (``~/Library/LaunchAgents/org.colearn.desktop.plist``): run once at
    login, never kept alive (quitting CoLearn must stay quit)."""
    agent = {"Label": AGENT_LABEL, "ProgramArguments": list(command), "RunAtLoad": True}
    return plistlib.dumps(agent)


def windows_run_value(command: Sequence[str]) -> str:
    """The command line stored under ``HKCU\\...\\Run`` as the value ``CoLearn``."""
    return subprocess.list2cmdline(list(command))


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config`` when it is unset or not absolute (the spec)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".config"


@dataclass(frozen=True)
class AutostartStatus:
    enabled: bool
    where: str  # the file or registry value, as the user would look for it


class Autostart:
    """Enable, disable and report the login entry of this platform."""

    def __init__(self, platform: str | None = None, command: Sequence[str] | None = None):
        self.platform = platform or sys.platform
        self.command = list(command) if command is not None else launch_command()

    @property
    def location(self) -> str:
        if self.platform == "win32":
            return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"
        return str(self._file())

    def _file(self) -> Path:
        if self.platform == "darwin":
            return Path.home() / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
        return config_home() / "autostart" / ENTRY_NAME

    def status(self) -> AutostartStatus:
        if self.platform == "win32":
            return AutostartStatus(_read_run_value() is not None, self.location)
        return AutostartStatus(self._file().is_file(), self.location)

    def enable(self) -> AutostartStatus:
        if self.platform == "win32":
            _write_run_value(windows_run_value(self.command))
        else:
            content = (
                macos_plist(self.command)
                if self.platform == "darwin"
                else linux_entry(self.command).encode("utf-8")
            )
            _write_atomically(self._file(), content)
        return self.status()

    def disable(self) -> AutostartStatus:
        if self.platform == "win32":
            _delete_run_value()
        else:
            self._file().unlink(missing_ok=True)
        return self.status()

    def set_enabled(self, enabled: bool) -> AutostartStatus:
        return self.enable() if enabled else self.disable()


def _write_atomically(target: Path, content: bytes) -> None:
    """A crash leaves the old entry or none, never half of one the session manager chokes on."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)


if sys.platform == "win32":  # pragma: no cover - Windows only
    import winreg

    def _read_run_value() -> str | None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                return str(winreg.QueryValueEx(key, RUN_VALUE)[0])
        except FileNotFoundError:
            return None

    def _write_run_value(value: str) -> None:
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, value)

    def _delete_run_value() -> None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass

else:

    def _no_registry(*_args: object) -> None:
        raise OSError("the Run key exists on Windows only")

    _read_run_value = _write_run_value = _delete_run_value = _no_registry
