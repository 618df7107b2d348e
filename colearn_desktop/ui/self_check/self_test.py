"""``colearn --self-test``: prove an installed or frozen app works end to end, in seconds.

It first imports every module of the installed app (a wheel once shipped without
``core/referrals`` and only the Referrals screen noticed).  Then, on a throw-away journal in a
temporary folder, it opens the main window and goes through every screen the way a user would:
Today (a contact overdue for a touch is listed, and logging a call clears it), Contacts and a
contact's page with each tab, Referrals (composing and recording an ask, then saving a new
contact "referred by" the person asked: the ask is marked, the thank-you is due on Today and the
favour is offered), Insights, Search, Settings and the import and export dialogs.  Nothing
touches the user's own journal or preferences.  Exit code 0 means every step passed; otherwise
one sentence on stderr says which step failed and why.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from colearn_desktop.ui.self_check.self_test_driver import SelfTestError

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

# Run only by alembic, with its migration context (importing it alone fails by design).
NOT_IMPORTABLE = {"colearn_desktop.__main__", "colearn_desktop.core.storage.migrations.env"}


def import_every_module() -> int:
    """Import every module of the installed app; returns how many there are."""
    import colearn_desktop

    failures: list[str] = []
    names = [
        info.name
        for info in pkgutil.walk_packages(
            colearn_desktop.__path__, "colearn_desktop.", onerror=failures.append
        )
        if info.name not in NOT_IMPORTABLE
    ]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:
            failures.append(f"{name} ({error})")
    if failures:
        raise SelfTestError(
            f"{len(failures)} module(s) of the app cannot be imported, first {failures[0]}; "
            "the installation is incomplete: reinstall CoLearn"
        )
    return len(names)


def _failure(error: BaseException) -> str:
    """One sentence: the step's own words, or what was raised where."""
    if isinstance(error, SelfTestError):
        return str(error)
    frame = traceback.extract_tb(error.__traceback__)[-1]
    place = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"{type(error).__name__} at {place}: {error}"


class SelfTest:
    """The steps, in order; each appends what it proved to :attr:`steps`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.steps: list[str] = []

    def step(self, what: str, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as error:
            raise SelfTestError(f"{what}: {_failure(error)}") from error
        self.steps.append(what)

    def run(self) -> list[str]:
        count = import_every_module()
        self.steps.append(f"all {count} modules of the app imported")
        from PySide6.QtCore import QSettings

        from colearn_desktop.core.opening import open_journal
        from colearn_desktop.core.storage.drafts import DraftStore
        from colearn_desktop.ui.self_check.self_test_screens import Screens
        from colearn_desktop.ui.shell.application import make_application
        from colearn_desktop.ui.shell.main_window import MainWindow

        app = make_application()
        journal = open_journal(self.folder / "journal.sqlite3", backups_dir=self.folder / "backups")
        window = None
        try:
            settings = QSettings(str(self.folder / "ui.ini"), QSettings.Format.IniFormat)
            drafts = DraftStore(self.folder / "drafts", journal.path)
            window = MainWindow(journal, drafts, settings)
            window.show()
            app.processEvents()
            self.steps.append("main window opened")
            screens = Screens(window)
            self.step("reminder due and shown on Today", screens.today_lists_overdue)
            self.step("conversation logged; reminder cleared", screens.quick_log_clears_today)
            self.step("Contacts and the contact's tabs shown", screens.contact_page)
            self.step("referral ask composed and recorded", screens.compose_ask)
            self.step("referred contact saved; ask marked, thank-you due", screens.referral)
            self.step("Insights shown", screens.insights)
            self.step("Search finds the contact", screens.search)
            self.step("Settings, import and export dialogs opened", screens.dialogs)
            self.step("journal check ok", lambda: _check_journal(journal))
        finally:
            if window is not None:
                window.close()
            app.processEvents()
            journal.close()
            app.processEvents()
        return self.steps


def _check_journal(journal: Journal) -> None:
    problems = journal.check()
    if problems:
        raise SelfTestError(f"the journal check found: {problems[0]}")


def run_self_test() -> int:
    with tempfile.TemporaryDirectory(prefix="colearn-self-test-") as scratch:
        test = SelfTest(Path(scratch))
        try:
            test.run()
        except Exception as error:
            for step in test.steps:
                print(f"  ok: {step}")
            print(f"self-test FAILED: {_failure(error)}", file=sys.stderr)
            return 1
    for step in test.steps:
        print(f"  ok: {step}")
    print("self-test ok")
    return 0
