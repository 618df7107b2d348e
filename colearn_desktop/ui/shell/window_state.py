"""Remembering the window: size and position, splitter positions, the last screen.

These belong to the machine, not the journal, so they live in Qt's settings (injected, so
tests use a throw-away file and never the user's real preferences).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def save_window(
    settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter], screen: str
) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(f"window/splitter/{name}", splitter.saveState())
    settings.setValue("window/screen", screen)
    settings.sync()


def restore_window(
    settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter]
) -> str | None:
    """Restore what was saved; returns the last screen's key (None the first time)."""
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    restore_splitters(settings, splitters)
    screen = settings.value("window/screen")
    return str(screen) if screen else None


def restore_splitters(settings: QSettings, splitters: dict[str, QSplitter]) -> None:
    """Restore saved splitter positions (of a screen built after the window was restored)."""
    for name, splitter in splitters.items():
        saved = settings.value(f"window/splitter/{name}")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            splitter.restoreState(saved)
