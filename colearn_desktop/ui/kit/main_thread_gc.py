"""Python's cycle collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation fills up.  When
that is a worker (Today's rules, a page of the contacts list, a search) and the garbage holds a
Qt object's wrapper in a cycle (a dialog whose lambda refers to it, a closed window), the Qt
object is destroyed on the worker thread: a segmentation fault, seen in CI as "Garbage-
collecting" under a worker's frame.  So the automatic collector is switched off and this timer
does the same work, generation by generation and with Python's own thresholds, on the GUI
thread (the recipe calibre and other PyQt applications use).
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects cycles on the thread that owns ``parent`` (the application)."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(INTERVAL_MS)

    def collect_due(self) -> None:
        """The generations that have filled up since the last look, youngest first."""
        young, middle, old = gc.get_count()
        if young > self._threshold[0]:
            gc.collect(0)
            if middle > self._threshold[1]:
                gc.collect(1)
                if old > self._threshold[2]:
                    gc.collect(2)


def collect_on_the_gui_thread(app: QObject) -> MainThreadCollector:
    """The collector of ``app``, installed the first time.  (Kept on the application object:
    looking for it among the application's children would make a Python copy of each, the
    style among them, with their classes' enums: ~3 ms of the start, issue 14.)"""
    found = getattr(app, _COLLECTOR, None)
    if isinstance(found, MainThreadCollector) and shiboken6.isValid(found):
        return found
    collector = MainThreadCollector(app)
    setattr(app, _COLLECTOR, collector)
    return collector


_COLLECTOR = "colearn_main_thread_collector"
