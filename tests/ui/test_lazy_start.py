"""A fast start: the window builds only the screen it opens on, a screen never visited reads
nothing and imports none of its code, and Today paints before it knows what is due."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from colearn_desktop.cli import main
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.referrals.referral_composer import ReferralComposer
from colearn_desktop.ui.today.today_page import TodayPage
from tests.helpers import add_contact, log_call

LATER_SCREENS = ("today", "referrals", "insights")


def test_the_window_builds_only_the_screen_it_opens_on(window):
    assert window.current_screen() == "contacts"
    assert window.is_built("contacts")
    assert [key for key in LATER_SCREENS if window.is_built(key)] == []
    window.show_screen("insights")
    assert window.is_built("insights")
    assert window.stack.currentWidget() is window.insights_page
    assert not window.is_built("referrals")
    window.ask_for_referral()  # a screen's own action builds it (and opens the composer)
    assert window.is_built("referrals")
    composers = window.referrals_page.findChildren(ReferralComposer)
    assert len(composers) == 1
    composers[0].reject()


def test_today_shows_that_it_is_working_out_what_is_due_until_it_knows(qtbot, journal):
    ana = add_contact(journal, "Ana", cadence_days=7)
    log_call(journal, ana, when=datetime(2026, 11, 1, 9))
    page = TodayPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.show()
    # Built and shown, but the list is worked out on the worker: nothing to act on yet.
    assert page.empty.isVisible()
    assert page.empty.text() == "Working out what is due…"
    assert not page.tree.isVisible()
    assert not page.done_button.isEnabled()
    assert not page.log_button.isEnabled()
    assert page.new_button.isEnabled()
    with qtbot.waitSignal(page.loaded):
        pass
    assert page.tree.isVisible()
    assert page.model.item_count() == 1
    assert page.done_button.isEnabled()


# The app as the user starts it, in a fresh interpreter (this test run has imported everything):
# due() waits until the window has painted, which only works if the paint does not wait for it.
START = """
import json, sys, threading
from colearn_desktop.core.due.service import DueService

painted, log = threading.Event(), []
due = DueService.due

def waiting_due(self, *args, **kwargs):
    log.append("due asked")
    log.append("due saw the paint" if painted.wait(15) else "due waited in vain")
    return due(self, *args, **kwargs)

DueService.due = waiting_due

from colearn_desktop.ui.shell import application

quit_after_paint = application.exit_after_first_paint

def noting_the_paint(window):
    from PySide6.QtCore import QEvent, QObject

    class Paint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not painted.is_set():
                log.append("painted")
                painted.set()
            return False

    window.paint_filter = Paint(window)
    window.installEventFilter(window.paint_filter)
    quit_after_paint(window)

application.exit_after_first_paint = noting_the_paint

from colearn_desktop.cli import main

code = main(["--data-dir", sys.argv[1]])
print(json.dumps({"code": code, "log": log, "modules": sorted(sys.modules)}))
"""

NOT_AT_START = (
    "colearn_desktop.core.interchange",
    "colearn_desktop.core.reports.insights",
    "colearn_desktop.core.referrals",
    "colearn_desktop.core.interchange.writers.ics",
    "colearn_desktop.core.fulltext.search",
    "colearn_desktop.ui.insights.insights_page",
    "colearn_desktop.ui.referrals.referrals_page",
    "colearn_desktop.ui.search.search_popup",
    "colearn_desktop.ui.contacts.page.contact_page",
    "icalendar",
    "alembic",
)


def test_the_app_paints_today_before_it_knows_what_is_due_and_imports_no_unvisited_screen(
    tmp_path: Path, capsys
):
    report = start_the_app(tmp_path, START)
    assert report["log"][-1] == "due saw the paint", report["log"]
    assert "colearn_desktop.ui.today.today_page" in report["modules"]  # it did open on Today
    loaded = [
        name
        for name in report["modules"]
        if any(name == module or name.startswith(module + ".") for module in NOT_AT_START)
    ]
    assert loaded == []


def start_the_app(tmp_path: Path, script: str) -> dict:
    """Run ``script`` (which starts the app on a 30-contact demo journal and prints a JSON
    report as its last line) in a fresh interpreter that quits after the first paint; the
    report, once the app ended with exit code 0."""
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--contacts", "30"]) == 0
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",  # no tray: the app opens on Today
        "COLEARN_EXIT_AFTER_PAINT": "1",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.pop("COLEARN_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", script, str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    return report


# The app as the user starts it, with a look at what is imported when the window first paints.
AT_FIRST_PAINT = """
import json, sys
from colearn_desktop.ui.shell import application

quit_after_paint = application.exit_after_first_paint
seen = {}

def noting_the_modules(window):
    # Noted in the first paint event itself: anything queued after the paint (closing the
    # window lets waiting workers load the ORM) comes too late to count.
    from PySide6.QtCore import QEvent, QObject

    class Note(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "loaded" not in seen:
                seen["loaded"] = sorted(sys.modules)
            return False

    window.installEventFilter(Note(window))
    quit_after_paint(window)

application.exit_after_first_paint = noting_the_modules

from colearn_desktop.cli import main

code = main(["--data-dir", sys.argv[1]])
print(json.dumps({"code": code, **seen}))
"""


# What the first screen does not need, imported after the first paint: the database layer
# (the ORM and its models), the libraries of matching, phone numbers and imports, and the app's
# own modules for backups and duplicates, needed when a backup is made or offered or a duplicate
# is suspected (icalendar and alembic are never imported at start: NOT_AT_START).
NOT_BEFORE_THE_PAINT = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "rapidfuzz",
    "phonenumbers",
    "dateutil",
    "charset_normalizer",
    "colearn_desktop.core.storage.models",
    "colearn_desktop.core.storage.backups.catalog",
    "colearn_desktop.core.storage.backups.restore",
    "colearn_desktop.core.people.duplicates.matcher",
    "colearn_desktop.ui.settings.backups_page",
    # the tray's icon and timer come after the paint; the Welcome only on a first start
    "colearn_desktop.ui.shell.tray",
    "colearn_desktop.ui.shell.launch.welcome",
    "colearn_desktop.ui.settings.general_settings",
    "colearn_desktop.desktop.autostart",
    # loaded when they are used, not to open the window (issue 14, start-up fourth pass):
    # the integrity checks (a healthy start runs its quick check after the paint), the
    # records and the contact field list (Today shows neither; the undo log names its
    # tables from it on first use), what an undo writes back with, the quick log (drafts
    # are offered after the paint), the error log's rotating file (made with the first
    # record) and uuid (a new draft's id)
    "colearn_desktop.core.integrity",
    "colearn_desktop.core.records",
    "colearn_desktop.core.contact_fields",
    "colearn_desktop.core.people.tag_links",
    "colearn_desktop.core.due.undo_scope",
    "colearn_desktop.ui.today.quick_log",
    "logging.handlers",
    "uuid",
    # the single instance on Unix speaks through Python's own sockets (no QtNetwork) and
    # names them with CPython's SHA-256 (no OpenSSL); the commands' parsers are not built
    "PySide6.QtNetwork",
    "hashlib",
    "colearn_desktop.commands.demo_data",
    "colearn_desktop.commands.interchange",
    "colearn_desktop.commands.journal",
    # Today's dialogs open on N, E or S; the contacts list's module comes with its screen;
    # the dark-palette style only over a dark palette; the verified copy with an upgrade;
    # decimal with an amount; ctypes only where Qt starts on X11 (this test runs offscreen)
    "colearn_desktop.ui.today.reminder_dialog",
    "colearn_desktop.ui.kit.forms.date_fields",
    "colearn_desktop.core.people.contact_list",
    "colearn_desktop.ui.kit.readable_style",
    "colearn_desktop.core.storage.backups.verified_copy",
    "decimal",
    "ctypes",
)


def test_the_window_paints_before_the_database_layer_is_imported(tmp_path: Path):
    """The start-up target (the window within 1.5x a bare Qt window) needs everything the
    first screen does not show loaded after the first paint; this states it without timing
    anything."""
    report = start_the_app(tmp_path, AT_FIRST_PAINT)
    assert [name for name in NOT_BEFORE_THE_PAINT if name in report["loaded"]] == []


# (the offscreen platform has no tray to dock the icon in, and says so)
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_the_tray_digest_at_start_is_counted_on_a_worker(qtbot, journal, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSystemTrayIcon

    from colearn_desktop.ui.shell.tray import TrayNotifier

    ana = add_contact(journal, "Ana", cadence_days=7)
    log_call(journal, ana, when=datetime(2026, 11, 1, 9))
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    counted = threading.Event()
    counts = journal.reminders.counts
    monkeypatch.setattr(journal.reminders, "counts", lambda: (counted.wait(10), counts())[1])
    settings = QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat)
    notifier = TrayNotifier(journal, JournalSignals(journal), settings=settings)
    with qtbot.waitSignal(notifier.digest_shown) as shown:
        assert notifier.start()  # returns at once: the counting waits for us
        counted.set()
    assert shown.args == ["1 overdue"]
    notifier.stop()
    notifier.wait_idle()
