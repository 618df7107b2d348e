"""The offscreen stage packaging/screenshots.py draws on: a light and a dark palette, an
English QApplication with a known style and font, and ways to wait for Qt without a user
(the event loop run for a moment, a signal awaited, surprise dialogs closed).

Kept apart from the screens it shoots so each file reads as one thing; screenshots.py
imports it as a sibling (packaging/ is not a package), as build.py does make_icons."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, QLocale, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QStyleFactory

FONTS = ("Noto Sans", "DejaVu Sans", "Liberation Sans")
FONT_POINTS = 10
WAIT_SECONDS = 30


# -- palettes -------------------------------------------------------------------------------


def light_palette() -> QPalette:
    return QStyleFactory.create("Fusion").standardPalette()


def dark_palette() -> QPalette:
    """A dark palette as a desktop's dark theme would hand it to Qt (every group set)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1f2328",
        QPalette.ColorRole.WindowText: "#e6edf3",
        QPalette.ColorRole.Base: "#161b22",
        QPalette.ColorRole.AlternateBase: "#1c2129",
        QPalette.ColorRole.ToolTipBase: "#2d333b",
        QPalette.ColorRole.ToolTipText: "#e6edf3",
        QPalette.ColorRole.PlaceholderText: "#8b949e",
        QPalette.ColorRole.Text: "#e6edf3",
        QPalette.ColorRole.Button: "#2d333b",
        QPalette.ColorRole.ButtonText: "#e6edf3",
        QPalette.ColorRole.BrightText: "#ff7b72",
        QPalette.ColorRole.Light: "#444c56",
        QPalette.ColorRole.Midlight: "#373e47",
        QPalette.ColorRole.Mid: "#2d333b",
        QPalette.ColorRole.Dark: "#0d1117",
        QPalette.ColorRole.Shadow: "#010409",
        QPalette.ColorRole.Highlight: "#2f6fd0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#58a6ff",
        QPalette.ColorRole.LinkVisited: "#bc8cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#6e7681"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#30363d"))
    return palette


# -- the application ------------------------------------------------------------------------


@contextmanager
def application() -> Iterator[QApplication]:
    """The QApplication in English with the Fusion style and a known font; whatever was set
    before (a test's application) is put back afterwards."""
    from colearn_desktop.ui.kit.readable_style import ReadableStyle
    from colearn_desktop.ui.shell.launch.i18n import install_translators

    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    before = (QLocale(), app.style().name(), app.palette(), app.font(), app.cursorFlashTime())
    app.setCursorFlashTime(0)  # a steady caret: the same picture on every run
    QLocale.setDefault(english)
    translators = [] if existing else install_translators(app, english)
    # Fusion, with check boxes that show in the dark palette (see ui/kit/readable_style.py).
    app.setStyle(ReadableStyle("Fusion"))
    families = set(QFontDatabase.families())
    family = next((name for name in FONTS if name in families), None)
    font = QFont(family, FONT_POINTS) if family else QFont(app.font())
    font.setPointSize(FONT_POINTS)
    app.setFont(font)
    try:
        yield app
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        locale, style, palette, font, flash = before
        app.setCursorFlashTime(flash)
        QLocale.setDefault(locale)
        app.setStyle(style)
        app.setPalette(palette)
        app.setFont(font)


def settle(msecs: int = 60) -> None:
    """Run the event loop for a moment: layouts, deferred refreshes and deletions, paints.

    A real QEventLoop rather than QCoreApplication.processEvents: that one leaves widgets
    deleted "later" on screen, and PySide6 6.12.0 on Python 3.11 loses a reference to None on
    every call of a static void method such as processEvents (enough calls crash)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(msecs)
    loop.exec()


def wait_for_signal(signal: object, trigger: Callable[[], object], what: str) -> None:
    """Run ``trigger`` and wait until ``signal`` fires (worker-thread screens)."""
    loop = QEventLoop()
    fired: list[bool] = []

    def note(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(note)  # type: ignore[attr-defined]
    try:
        trigger()
        if not fired:
            timer.start(int(WAIT_SECONDS * 1000))
            loop.exec()
    finally:
        signal.disconnect(note)  # type: ignore[attr-defined]
        timer.stop()
    if not fired:
        raise RuntimeError(f"timed out waiting for {what}")


class ModalGuard:
    """Closes any modal dialog that opens by surprise (a question box would wait forever
    for a click that never comes offscreen) and remembers it, so the run fails loudly
    instead of hanging."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._check)

    def __enter__(self) -> ModalGuard:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    def _check(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            text = modal.text() if isinstance(modal, QMessageBox) else ""
            self.seen.append(f"{modal.windowTitle()}: {text}".strip(": "))
            modal.reject()
