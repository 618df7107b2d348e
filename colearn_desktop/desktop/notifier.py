"""One desktop notification from a process without a window (``colearn due --notify``).

Linux: the freedesktop notification service (``org.freedesktop.Notifications.Notify``) on the
session D-Bus, through ``gdbus`` (GLib's command, on every GNOME/GTK desktop) or else
``notify-send`` (libnotify).  macOS: Notification Center through ``osascript``.  Windows: a
toast through PowerShell's WinRT bridge.  Each is a program the desktop already has, so the
command imports neither Qt nor a D-Bus binding and starts in a fraction of a second; the text
goes in as an argument or an environment variable, never through a shell.  Nothing here talks
to the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

APP_NAME = "CoLearn"
EXPIRE_MS = 10_000
TIMEOUT_S = 10


class NotifyError(Exception):
    """No notification could be shown; the message says why and what to install."""


@dataclass(frozen=True)
class Invocation:
    """A program to run: its arguments and the environment variables it adds."""

    argv: list[str]
    env: Mapping[str, str] = field(default_factory=dict)


def gvariant_string(text: str) -> str:
    """``text`` as a GVariant text-format string literal (what ``gdbus call`` parses)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def gdbus_call(gdbus: str, title: str, body: str) -> Invocation:
    return Invocation(
        [
            gdbus,
            "call",
            "--session",
            "--dest=org.freedesktop.Notifications",
            "--object-path=/org/freedesktop/Notifications",
            "--method=org.freedesktop.Notifications.Notify",
            gvariant_string(APP_NAME),
            "uint32 0",
            gvariant_string("colearn"),
            gvariant_string(title),
            gvariant_string(body),
            "@as []",
            "@a{sv} {}",
            f"int32 {EXPIRE_MS}",
        ]
    )


def notify_send(program: str, title: str, body: str) -> Invocation:
    return Invocation([program, f"--app-name={APP_NAME}", "--", title, body])


def osascript(program: str, title: str, body: str) -> Invocation:
    """The text is read from the environment by AppleScript: no quoting to get wrong."""
    script = (
        'display notification (system attribute "COLEARN_BODY") '
        'with title (system attribute "COLEARN_TITLE")'
    )
    return Invocation([program, "-e", script], {"COLEARN_TITLE": title, "COLEARN_BODY": body})


_WINRT = "Windows.UI.Notifications, ContentType = WindowsRuntime"
POWERSHELL_TOAST = f"""\
$ErrorActionPreference = 'Stop'
[Windows.UI.Notifications.ToastNotificationManager, {_WINRT}] > $null
$template = [Windows.UI.Notifications.ToastTemplateType]::ToastText02
$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent($template)
$texts = $xml.GetElementsByTagName('text')
$texts.Item(0).AppendChild($xml.CreateTextNode($env:COLEARN_TITLE)) > $null
$texts.Item(1).AppendChild($xml.CreateTextNode($env:COLEARN_BODY)) > $null
$toast = [Windows.UI.Notifications.ToastNotification]::new($xml)
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('CoLearn').Show($toast)
"""


def powershell(program: str, title: str, body: str) -> Invocation:
    return Invocation(
        [program, "-NoProfile", "-NonInteractive", "-Command", POWERSHELL_TOAST],
        {"COLEARN_TITLE": title, "COLEARN_BODY": body},
    )


# What each platform tries, in order: (program, how to call it).
_CANDIDATES = {
    "linux": (("gdbus", gdbus_call), ("notify-send", notify_send)),
    "darwin": (("osascript", osascript),),
    "win32": (("powershell", powershell),),
}
_MISSING = {
    "linux": "install libglib2.0-bin (gdbus) or libnotify-bin (notify-send)",
    "darwin": "osascript is part of macOS; check that it is on PATH",
    "win32": "Windows PowerShell is part of Windows; check that it is on PATH",
}


def invocation(title: str, body: str, platform: str | None = None) -> Invocation:
    """How this platform shows the notification; :class:`NotifyError` when it cannot."""
    platform = platform or sys.platform
    key = platform if platform in _CANDIDATES else "linux"  # the BSDs speak freedesktop too
    for program, build in _CANDIDATES[key]:
        found = shutil.which(program)
        if found:
            return build(found, title, body)
    raise NotifyError(f"No program to show desktop notifications was found: {_MISSING[key]}.")


def send(title: str, body: str, platform: str | None = None) -> None:
    """Show one notification and return; :class:`NotifyError` when it was not shown."""
    call = invocation(title, body, platform)
    try:
        result = subprocess.run(
            call.argv,
            env={**os.environ, **call.env},
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NotifyError(f"{_program(call.argv)} did not run: {error}.") from error
    if result.returncode != 0:
        why = (result.stderr or result.stdout).strip().splitlines()
        raise NotifyError(
            f"The desktop did not show the notification ({_program(call.argv)}: "
            f"{why[-1] if why else f'exit code {result.returncode}'}); is a desktop session "
            "with a notification service running?"
        )


def _program(argv: Sequence[str]) -> str:
    return os.path.basename(argv[0])
