"""Paint first (issue 14): the window shows before any worker makes a journal service (and
imports the ORM with it); Today's keys work as soon as its list is there.  That nothing of
SQLAlchemy is imported at the first paint is checked on the real start, in a fresh
interpreter: tests/ui/test_lazy_start.py."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.shell.application import (
    after_first_paint,
    services_after_first_paint,
)
from colearn_desktop.ui.shell.main_window import MainWindow
from tests.ui.test_window_keyboard import overdue, press, today_names

__all__ = ["overdue"]  # the fixture, used by name below


class AtPaint(QObject):
    """Notes ``look()`` as each paint event of the window it watches arrives."""

    def __init__(self, look: Callable[[], bool]):
        super().__init__()
        self.look, self.seen = look, list[bool]()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.look())
        return False


def fresh_facade(journal: Journal) -> Journal:
    """A facade on the same journal with no service made yet, as at the start of the app."""
    return Journal(journal.db, journal.clock, journal.backups_dir)


def test_today_is_read_after_the_first_paint_and_d_works_at_once(
    qtbot, journal, drafts, ui_settings, overdue
):
    fresh = fresh_facade(journal)
    fresh.defer_services()
    window = MainWindow(fresh, drafts, ui_settings, screen="today")
    qtbot.addWidget(window)
    at_paint = AtPaint(lambda: "reminders" in fresh.__dict__ or fresh.services_allowed.is_set())
    window.installEventFilter(at_paint)
    services_after_first_paint(window, fresh)
    window.show()
    qtbot.waitUntil(window.today_page.tree.isVisible)  # the list came once the window painted
    assert at_paint.seen[0] is False  # (its first paint: nothing made, workers held)
    assert today_names(window) == ["Keep in touch with Ben Okafor", "Keep in touch with Ana García"]
    press(qtbot, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: len(today_names(window)) == 1)
    # Marked done in the journal: only the other one is due.
    left = today_names(window)[0]
    assert [
        f"Keep in touch with {item.contact_name}" for item in journal.reminders.due().items
    ] == [left]


def test_the_main_thread_never_waits_for_the_services(journal):
    fresh = fresh_facade(journal)
    fresh.defer_services()
    assert fresh.settings.get() == journal.settings.get()  # made at once, no deadlock


def test_a_worker_waits_for_the_services_until_they_are_allowed(journal):
    fresh = fresh_facade(journal)
    fresh.defer_services()
    asking, made = threading.Event(), []
    worker = threading.Thread(target=lambda: (asking.set(), made.append(fresh.tags)))
    worker.start()
    asking.wait(10)
    assert not made
    fresh.allow_services()
    worker.join(10)
    assert made == [fresh.tags]


def test_closing_before_the_first_paint_lets_the_held_worker_finish(
    qtbot, journal, drafts, ui_settings, overdue
):
    """Closed before the timers that allow the services ran (a quick Alt+F4, or the demo
    left at once): closing waits for the workers on this thread, so it must let the one
    held for the services go first — it used to wait out its 10 s and leave it hanging."""
    fresh = fresh_facade(journal)
    fresh.defer_services()
    window = MainWindow(fresh, drafts, ui_settings, screen="today")
    qtbot.addWidget(window)
    window.close()  # no event loop ran: nothing allowed the services yet
    assert window.today_page.wait_idle(0)  # the worker was let go and waited for


def test_what_waits_for_the_first_paint_runs_once_in_order_and_the_paint_report_first(qtbot):
    """The benchmark's report of the paint (``first``) comes before what the app starts
    once its window shows (the tray, the services): it measures the window, not those."""
    window = QMainWindow()
    qtbot.addWidget(window)
    calls: list[str] = []
    after_first_paint(window, lambda: calls.append("tray"))
    after_first_paint(window, lambda: calls.append("services"))
    after_first_paint(window, lambda: calls.append("report"), first=True)
    window.show()
    qtbot.waitUntil(lambda: len(calls) == 3)
    assert calls == ["report", "tray", "services"]
    window.update()
    after_first_paint(window, lambda: calls.append("next paint"))  # asked after the first
    qtbot.waitUntil(lambda: len(calls) == 4)
    window.repaint()  # a later paint calls nothing again
    QCoreApplication.processEvents()
    QCoreApplication.processEvents()
    assert calls == ["report", "tray", "services", "next paint"]
