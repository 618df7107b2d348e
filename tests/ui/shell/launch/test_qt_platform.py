"""Before Qt starts, the app finds out whether it can open a window, and says what to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from colearn_desktop.ui.shell.launch.qt_platform import (
    PACKAGES,
    platform_problem,
    uses_xcb,
    xcb_plugin,
)

DESKTOP = {"DISPLAY": ":0"}
PLUGIN = Path("/opt/PySide6/Qt/plugins/platforms/libqxcb.so")


def fake_loader(*missing: str, plugin_error: str | None = None):
    """A ctypes stand-in: the ``missing`` libraries fail as dlopen does; so may the plugin."""
    loaded: list[str] = []

    def load(name: str) -> None:
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        if name == str(PLUGIN) and plugin_error:
            raise OSError(plugin_error)
        loaded.append(name)

    return load, loaded


def problem(environ, load, platform="linux"):  # type: ignore[no-untyped-def]
    return platform_problem(environ, platform=platform, load=load, plugin=lambda: PLUGIN)


def test_missing_libraries_are_named_with_the_packages_to_install():
    """What a fresh Debian 12 lacks; Qt's own abort named libxcb-cursor0 instead."""
    load, _ = fake_loader("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert problem(DESKTOP, load) == (
        "cannot open a window: Qt's X11 platform plugin needs libxcb-icccm.so.4, "
        "libxcb-keysyms.so.1, which are not installed. Install, then start CoLearn again: "
        "on Debian or Ubuntu `sudo apt install libxcb-icccm4 libxcb-keysyms1`, "
        "on Fedora `sudo dnf install xcb-util-keysyms xcb-util-wm`. "
        "Your journal was not touched."
    )


def test_a_library_outside_the_table_is_named_from_the_loader_error():
    load, loaded = fake_loader(
        plugin_error="libxcb-newthing.so.2: cannot open shared object file: No such file"
    )
    text = problem(DESKTOP, load)
    assert text is not None
    assert "needs libxcb-newthing.so.2, which is not installed." in text
    assert "apt install" not in text  # no package to guess
    assert loaded == list(PACKAGES)  # every library of the table was tried first


def test_libraries_shared_by_one_package_ask_for_it_once():
    load, _ = fake_loader("libglib-2.0.so.0", "libgthread-2.0.so.0")
    text = problem(DESKTOP, load)
    assert text is not None
    assert "`sudo apt install libglib2.0-0`" in text
    assert "`sudo dnf install glib2`" in text


def test_nothing_missing_means_no_problem():
    load, loaded = fake_loader()
    assert problem(DESKTOP, load) is None
    assert loaded == [*PACKAGES, str(PLUGIN)]


def test_no_display_at_all_is_said_in_a_sentence():
    load, loaded = fake_loader()
    text = problem({}, load)
    assert text is not None
    assert text.startswith("cannot open a window: no display was found")
    assert "colearn --help" in text
    assert loaded == []


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:dpi=96;wayland"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_only_the_xcb_platform_is_probed(environ, platform, expected):
    assert uses_xcb(environ, platform) is expected


def test_other_platforms_are_never_probed():
    load, loaded = fake_loader("libxcb.so.1")
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, load) is None
    assert problem({}, load, platform="win32") is None
    assert loaded == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_installed_pyside6_ships_the_xcb_plugin():
    plugin = xcb_plugin()
    assert plugin is not None
    assert plugin.name == "libqxcb.so"
