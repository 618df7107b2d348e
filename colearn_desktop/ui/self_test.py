"""``colearn --self-test``: prove an installed or frozen app works end to end, in seconds.

On a throw-away journal in a temporary folder it opens the main window, adds a contact who is
overdue for a touch, checks that Today lists them, logs a conversation through the quick-log
dialog and checks that the reminder is gone, then closes everything.  Nothing touches the
user's own journal or preferences.  Exit code 0 means every step passed.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from datetime import timedelta
from pathlib import Path

from colearn_desktop.core.records import ContactInput, ConversationInput


class SelfTestError(Exception):
    pass


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


def _round_trip(folder: Path) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from colearn_desktop.core.drafts import DraftStore
    from colearn_desktop.core.opening import open_journal
    from colearn_desktop.ui.application import make_application
    from colearn_desktop.ui.main_window import MainWindow
    from colearn_desktop.ui.quick_log import QuickLogDialog

    steps: list[str] = []
    app = make_application()
    journal = open_journal(folder / "journal.sqlite3", backups_dir=folder / "backups")
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, DraftStore(folder / "drafts", journal.path), settings)
    try:
        window.show()
        app.processEvents()
        steps.append("main window opened")
        contact = journal.contacts.create(
            ContactInput(given_name="Self", family_name="Test", cadence_days=7)
        )
        journal.conversations.log(
            ConversationInput((contact,), journal.clock.now() - timedelta(days=10))
        )
        key = f"cadence:{contact}"
        due = journal.reminders.due(0)
        _check(any(i.key == key for i in due.items), "Today does not list the overdue contact")
        window.show_screen("today")
        window.today_page.wait_idle()  # its first list is worked out on a worker
        app.processEvents()
        _check(window.today_page.model.item_count() >= 1, "the Today screen shows nothing")
        steps.append("reminder due and shown on Today")
        dialog = QuickLogDialog(journal, window.drafts, window, contact_id=contact)
        dialog.notes.setPlainText("Self-test call")
        dialog.save()
        _check(dialog.conversation_id is not None, "the quick log did not save")
        app.processEvents()
        due = journal.reminders.due(0)
        _check(all(i.key != key for i in due.items), "logging a touch did not clear Today")
        steps.append("conversation logged; reminder cleared")
        _check(journal.check() == [], "the journal check failed")
        steps.append("journal check ok")
    finally:
        window.close()
        app.processEvents()
        journal.close()
        QApplication.processEvents()
    return steps


def run_self_test() -> int:
    with tempfile.TemporaryDirectory(prefix="colearn-self-test-") as scratch:
        try:
            steps = _round_trip(Path(scratch))
        except Exception as error:
            traceback.print_exc()
            print(f"self-test FAILED: {error}", file=sys.stderr)
            return 1
    for step in steps:
        print(f"  ok: {step}")
    print("self-test ok")
    return 0
