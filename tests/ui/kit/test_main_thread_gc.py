"""Cycles are collected on the GUI thread, never on a worker (ui/kit/main_thread_gc.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from colearn_desktop.ui.kit.main_thread_gc import collect_on_the_gui_thread


def test_a_qt_object_in_a_cycle_is_collected_on_the_gui_thread(qtbot):
    app = QApplication.instance()
    assert app is not None
    collector = collect_on_the_gui_thread(app)
    assert collect_on_the_gui_thread(app) is collector  # installed once
    assert not gc.isenabled()  # no collection can start in whatever thread allocates

    destroyed_in: list[str] = []

    class Held(QObject):
        pass

    held = Held()
    held.me = held  # type: ignore[attr-defined]  # a cycle only the collector frees
    held.destroyed.connect(lambda: destroyed_in.append(threading.current_thread().name))
    del held

    kept: list[list[object]] = []

    def allocate() -> None:  # a worker making many containers, as Today's rules do
        kept.append([[] for _ in range(5_000)])  # far past the youngest generation's 700

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert destroyed_in == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: destroyed_in == [threading.main_thread().name], timeout=3000)


def test_a_refresh_policy_emptied_by_the_collector_still_filters_safely(qtbot, journal):
    """The collector may empty a refresh policy's attributes before Qt destroys its screen,
    and the policy still filters the events of that destruction (ChildRemoved): it looks at
    the event's type before at its own attributes."""
    from PySide6.QtWidgets import QWidget

    from colearn_desktop.core.events import Topic
    from colearn_desktop.ui.kit.journal_signals import JournalSignals
    from colearn_desktop.ui.kit.refresh import RefreshPolicy

    screen = QWidget()
    qtbot.addWidget(screen)
    policy = RefreshPolicy(screen, JournalSignals(journal), [Topic.CONTACTS], screen.update)
    child = QWidget(screen)
    policy.__dict__.clear()  # what the collector's tp_clear does to it
    removed: list[bool] = []
    child.destroyed.connect(lambda *_: removed.append(True))
    child.setParent(None)  # a ChildRemoved event through the policy's filter: no error
    child.deleteLater()
    qtbot.waitUntil(lambda: len(removed) == 1)
