"""Can Qt open a window here?  Asked before the QApplication exists, answered with a sentence.

On Linux, Qt's X11 (xcb) platform plugin needs a dozen system libraries that a fresh Debian or
a minimal desktop may lack (``libxcb-icccm4`` and ``libxcb-keysyms1`` on a new Debian 12).
Without them Qt aborts the process with a message that names the wrong package.  This module
loads each library the plugin needs, and the plugin itself, with ctypes first: loading a library
cannot abort, it only fails, and the failure names the missing file.  The caller then prints
which packages to install and exits.  Nothing here imports a Qt module, so it works even when
Qt's own libraries cannot load.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Every system library that Qt's xcb platform plugin (libqxcb.so), libQt6XcbQpa, libQt6Gui
# and libQt6Core load, from ``readelf -d`` of PySide6 6.11: library -> (Debian/Ubuntu package,
# Fedora package).  The plugin is loaded after these, so a library a later Qt adds is still
# named (without a package).
PACKAGES: Mapping[str, tuple[str, str]] = {
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
}

# What dlerror() says when a library (or one it needs) is not installed.
_NOT_FOUND = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")

Loader = Callable[[str], object]


def load_library(name: str) -> None:
    """Load a shared library the way Qt will (raises OSError naming what is missing)."""
    import ctypes  # (only where Qt uses X11: not for Wayland, offscreen, Windows or macOS)

    ctypes.CDLL(name)


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will start its X11 (xcb) platform plugin first."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    # Qt tries Wayland first in a Wayland session, and only falls back to xcb.
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY")
    return not wayland


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the installed PySide6 (also inside a frozen app)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path | None, load: Loader | None = None) -> list[str]:
    """The libraries the xcb plugin needs that cannot be loaded, in the table's order."""
    load = load or load_library
    missing: list[str] = []
    for library in PACKAGES:
        try:
            load(library)
        except OSError:
            missing.append(library)
    if plugin is not None and not missing:
        try:
            load(str(plugin))
        except OSError as error:
            found = _NOT_FOUND.search(str(error))
            missing.append(found.group(1) if found else f"{plugin.name} ({error})")
    return missing


def install_advice(missing: list[str]) -> str:
    """The sentence that names the missing libraries and how to install them."""
    debian = sorted({PACKAGES[name][0] for name in missing if name in PACKAGES})
    fedora = sorted({PACKAGES[name][1] for name in missing if name in PACKAGES})
    text = (
        "cannot open a window: Qt's X11 platform plugin needs "
        f"{', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed."
    )
    if debian:
        text += (
            " Install, then start CoLearn again:"
            f" on Debian or Ubuntu `sudo apt install {' '.join(debian)}`,"
            f" on Fedora `sudo dnf install {' '.join(fedora)}`."
        )
    return text + " Your journal was not touched."


def platform_problem(
    environ: Mapping[str, str] | None = None,
    *,
    platform: str = sys.platform,
    load: Loader | None = None,
    plugin: Callable[[], Path | None] | None = None,
) -> str | None:
    """Why Qt could not open a window here, as a sentence; ``None`` when it can."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ, platform):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "cannot open a window: no display was found (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set). Start CoLearn from your desktop session, or use its commands in a "
            "terminal (colearn --help). Your journal was not touched."
        )
    missing = missing_libraries((plugin or xcb_plugin)(), load)
    return install_advice(missing) if missing else None
