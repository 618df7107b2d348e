"""Latency of user actions in the real main window, from the key press to the repaint, with a
contact far down the list selected (the case that used to re-page the whole list).

Each sample presses the key (``QTest.keyClick``), lets the event loop run until every screen
has refreshed (no refresh waiting, no worker busy), then repaints the window synchronously.
The baseline, in the same process and interleaved, is a bare ``QTableView`` over 500 rows in a
window of the same size: a Down key and its repaint (what any key costs in Qt alone).

The filter and the search wait for a pause in typing (150 and 120 ms) before they read; that
wait is the design, not work, so the sample runs the read at once instead of waiting it out.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from tests.perf.journals import settled_copy
from tests.perf.measure import summary

# The actions of the table, in order: (key, what the README's row says).
ACTIONS = (
    ("today_done", "Today: D (mark done)"),
    ("today_snooze", "Today: T (snooze until tomorrow)"),
    ("quick_log", "quick log: Enter saves"),
    ("filter", "contacts filter: one keystroke"),
    ("open_contact", "contacts list: Down opens the next contact"),
    ("search", "search: one keystroke"),
    ("undo", "Ctrl+Z undoes the last change"),
    ("today_undo", "Ctrl+Z on Today after D"),
)
DEEP_FROM_END = 3  # the selected contact: this many rows before the end of the list


def actions_figure(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.core.people.contact_list import ContactQuery
    from colearn_desktop.core.storage.drafts import DraftStore
    from colearn_desktop.ui.kit.background import Background
    from colearn_desktop.ui.kit.refresh import RefreshPolicy
    from colearn_desktop.ui.shell.main_window import MainWindow
    from colearn_desktop.ui.today.quick_log import QuickLogDialog

    app = QApplication([])
    # The actions change it: never the cached journal.
    path = settled_copy(args.journal, args.work / "actions" / "journal.sqlite3")
    journal = open_journal(path)
    journal.db.checkpoint_in_background()  # as the app does (ui/shell/application.py)
    drafts = DraftStore(args.work / "drafts", journal.path)
    settings = QSettings(str(args.work / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, drafts, settings, screen="contacts")

    def activate(widget: Any) -> None:
        """Make ``widget`` the active window (shortcuts act only there), before timing."""
        widget.activateWindow()
        for _ in range(1000):
            if widget.isActiveWindow():
                return
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        raise RuntimeError(f"{widget!r} never became the active window")

    watched: tuple[list[Any], list[Any]] = ([], [])

    def watch() -> None:
        """What settle() waits on, looked up before a sample (not timed): findChildren() over
        the whole window costs ~2 ms, and settle() polls every 5 ms."""
        watched[0][:] = window.findChildren(RefreshPolicy)
        watched[1][:] = window.findChildren(Background)

    def settle() -> None:
        """Run the event loop until every refresh and worker is done, then paint.  It never
        polls (a polling loop holds the GIL the worker needs): it blocks on a busy worker's
        end, or sleeps until the next event while a refresh waits for its timer."""
        while True:
            app.processEvents()
            busy = [w for w in watched[1] if w.busy]
            if busy:
                busy[0].wait_idle(None)
            elif any(p.pending for p in watched[0]):
                app.processEvents(
                    QEventLoop.ProcessEventsFlag.AllEvents
                    | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
                )
            else:
                break
        window.repaint()

    bare = QTableView()  # shown first: the main window then takes the focus
    model = QStandardItemModel(500, 7)
    for row in range(500):
        for column in range(7):
            model.setItem(row, column, QStandardItem(f"{row} {column}"))
    bare.setModel(model)
    bare.resize(window.size())
    bare.show()
    bare.selectRow(0)
    window.show()
    activate(window)

    total = journal.contact_list.count()
    deep = journal.contact_list.rows(ContactQuery(limit=1), offset=max(total - DEEP_FROM_END, 0))
    deep_id = deep[0].id
    window.open_contact(deep_id)
    watch()
    settle()
    contacts = window.contacts_page

    def base_key() -> None:
        if bare.currentIndex().row() >= model.rowCount() - 2:
            bare.selectRow(0)
        QTest.keyClick(bare, Qt.Key.Key_Down)
        app.processEvents()
        bare.repaint()

    def on_today() -> None:
        window.show_screen("today")
        settle()
        window.today_page.focus_list()
        settle()

    def today_key(key: Qt.Key) -> Callable[[], None]:
        def press() -> None:
            QTest.keyClick(window.today_page.tree, key)
            settle()

        return press

    def quick_log() -> Callable[[], None]:
        """Fill a quick log for the selected contact (not timed); the sample is Enter."""
        dialog = QuickLogDialog(journal, drafts, window, contact_id=deep_id)
        dialog.show()
        dialog.notes.setPlainText("Coffee; they are hiring in spring.")
        activate(dialog)

        def press() -> None:
            QTest.keyClick(dialog.next_step, Qt.Key.Key_Return)
            settle()

        return press

    def on_contacts() -> None:
        window.open_contact(deep_id)
        settle()

    def filter_key() -> None:
        QTest.keyClick(contacts.filter_edit, "e")
        contacts.apply_filters()  # what the pause in typing would start
        settle()

    def clear_filter() -> None:
        contacts.filter_edit.clear()
        contacts.apply_filters()
        on_contacts()

    def down_key() -> None:
        QTest.keyClick(contacts.table, Qt.Key.Key_Down)
        settle()

    def search_key() -> None:
        popup = window.navigation.search_popup
        QTest.keyClick(popup.edit, "a")
        popup._debounce.stop()  # the pause in typing, skipped (see the module's docstring)
        popup.run_query()
        settle()

    def open_search() -> None:
        window.open_search("m")
        settle()

    def undo_key() -> None:
        focus = QApplication.focusWidget() or window  # as a person presses it
        QTest.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        settle()

    def log_something() -> None:
        """Something to undo: a conversation saved through the quick log (not timed)."""
        on_contacts()
        quick_log()()

    def done_on_today() -> Callable[[], None]:
        """Something to undo on Today: D on its current item (not timed)."""
        on_today()
        today_key(Qt.Key.Key_D)()
        return undo_key

    # (setup before each sample, the timed key press)
    plans: dict[str, tuple[Callable[[], None], Callable[[], Callable[[], None]]]] = {
        "today_done": (on_today, lambda: today_key(Qt.Key.Key_D)),
        "today_snooze": (on_today, lambda: today_key(Qt.Key.Key_T)),
        "quick_log": (on_contacts, quick_log),
        "filter": (clear_filter, lambda: filter_key),
        "open_contact": (on_contacts, lambda: down_key),
        "search": (open_search, lambda: search_key),
        "undo": (log_something, lambda: undo_key),
        "today_undo": (lambda: None, done_on_today),
    }
    results: dict[str, Any] = {}
    base_all: list[float] = []
    for key, what in ACTIONS:
        prepare, make = plans[key]
        app_times: list[float] = []
        base_times: list[float] = []
        for i in range(args.repeat + 1):  # the first is a warm-up
            watch()
            prepare()
            activate(window)
            press = make()
            watch()  # (a screen built or a dialog opened by the preparation)
            pair = [(app_times, press), (base_times, base_key)]
            for times, call in pair if i % 2 == 0 else reversed(pair):
                started = time.perf_counter()
                call()
                if i:
                    times.append(time.perf_counter() - started)
        if window.navigation.search_popup.isVisible():
            window.navigation.search_popup.hide()
        step = journal.undo.next_undo()
        results[key] = {
            "what": what,
            "app": summary(app_times),
            "baseline": summary(base_times),
            "last_step": step.label if step else None,  # the action did what it says
        }
        base_all += base_times
    if "undo" in results:
        results["undo"]["redo_waiting"] = journal.undo.next_redo() is not None
    results["baseline_all"] = summary(base_all)
    results["contacts"] = total
    results["deep_position"] = max(total - DEEP_FROM_END, 0)
    window.close()
    journal.close()
    return results
