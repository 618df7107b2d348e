"""Starting the app: one instance per journal, the journal (checked, recovered or a clear
message), the main window, and automatic backups while it runs and when it closes.  While it
runs, an unexpected error is logged and shown (``crash_dialog``), and logout, shutdown or
Ctrl+C close it like its Quit command (``stop_signals``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMainWindow

from colearn_desktop import __version__, crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.kit.crash_dialog import CrashReporter
from colearn_desktop.ui.kit.widgets import install_readable_style
from colearn_desktop.ui.shell.auto_backup import AutoBackup
from colearn_desktop.ui.shell.i18n import install_translators
from colearn_desktop.ui.shell.single_instance import SingleInstance, bring_to_front
from colearn_desktop.ui.shell.startup import QuickCheck, StartupDialogs, StartupFlow
from colearn_desktop.ui.shell.stop_signals import CloseOnSignals
from colearn_desktop.ui.shell.welcome import FirstRunChoice, WelcomeDialog


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("CoLearn")
    app.setOrganizationName("CoLearn")
    app.setApplicationDisplayName("CoLearn")
    app.setApplicationVersion(__version__)
    install_translators(app)
    install_readable_style(app)
    return app


def is_first_run(paths: DataPaths) -> bool:
    """No journal and no backups of one: a new user, not a lost journal (which the start-up
    flow offers to restore)."""
    return not paths.journal.exists() and not any(paths.backups.glob("*.sqlite3"))


def welcome(paths: DataPaths) -> WelcomeDialog | None:
    dialog = WelcomeDialog(paths.journal)
    return dialog if dialog.exec() == WelcomeDialog.DialogCode.Accepted else None


def fill_demo(journal: Journal, *, demo: bool, demo_contacts: int) -> None:
    if not demo:
        return  # (counting the journal takes a moment at 100,000 contacts)
    stats = journal.stats()
    if stats.contacts + stats.archived_contacts == 0:
        from colearn_desktop.core.demo_journal.demo import generate_demo

        generate_demo(journal, contacts=demo_contacts, conversations_per_contact=8, seed=1)


class Session:
    """What runs while the app is open: the journal, the window, single-instance listening,
    automatic backups.  :meth:`end` backs up (when something changed) and closes cleanly."""

    def __init__(
        self,
        journal: Journal,
        window: QMainWindow,
        flow: StartupFlow,
        instance: SingleInstance,
        auto_backup: AutoBackup,
        quick_check: QuickCheck | None = None,
    ):
        self.journal, self.window, self.flow = journal, window, flow
        self.instance, self.auto_backup, self.quick_check = instance, auto_backup, quick_check
        self.damage: str | None = None  # what the quick check found while the app ran
        if quick_check is not None:
            quick_check.damaged.connect(self.damaged)

    def damaged(self, problem: str) -> None:
        """The quick check found damage: close and start again, so the start-up flow offers
        the way back (see :class:`QuickCheck`)."""
        self.damage = problem
        self.window.close()
        QApplication.quit()

    def end(self) -> None:
        from colearn_desktop.ui.kit.background import wait_for_running

        wait_for_running()  # an import or export whose dialog was closed, still ending
        if self.quick_check is not None:
            self.quick_check.wait_idle()
        if self.damage is None and not getattr(self.window, "journal_moved", False):
            self.auto_backup.on_close()  # skipped when nothing changed
        self.journal.close()
        # After suspected damage the marker stays, so the next start runs the full check.
        suspected = self.damage is not None or self.auto_backup.damage_suspected
        self.flow.finish(clean=not suspected)
        self.instance.close()


def start_session(
    paths: DataPaths, *, demo: bool, demo_contacts: int
) -> tuple[Session | None, int]:
    """Everything up to the shown window; ``(None, exit code)`` when the app should not run
    (another instance was brought to the front, or the journal cannot be opened)."""
    app = make_application()
    instance = SingleInstance(paths.root, app)
    if instance.forward_to_running():
        return None, 0  # the running window comes to the front instead
    instance.listen()
    first_run = None
    if not demo and is_first_run(paths):
        first_run = welcome(paths)
        if first_run is None:
            instance.close()
            return None, 0  # closed the welcome: nothing was created
        if first_run.choice is FirstRunChoice.DEMO:
            paths, demo = paths.demo(), True
    flow = StartupFlow(paths, StartupDialogs())
    journal = flow.run()
    if journal is None:
        instance.close()
        return None, 1
    from PySide6.QtCore import QSettings, QTimer

    from colearn_desktop.core.storage.drafts import DraftStore
    from colearn_desktop.ui.shell.main_window import MainWindow
    from colearn_desktop.ui.shell.tray import will_start

    try:
        fill_demo(journal, demo=demo, demo_contacts=demo_contacts)
        if first_run is not None and first_run.choice is not FirstRunChoice.DEMO:
            me = first_run.about_me
            journal.settings.update(my_name=me.name, my_signature=me.signature, my_offer=me.offer)
        settings = QSettings()
        # Without a tray digest, what is due greets the user: the window opens on Today (and
        # builds no other screen before it paints).
        screen = None if will_start(settings) else "today"
        drafts = DraftStore(paths.drafts, journal.path)
        window = MainWindow(journal, drafts, settings, screen=screen)
    except Exception:
        journal.close()
        instance.close()
        raise
    instance.activation_requested.connect(lambda: bring_to_front(window))
    auto_backup = AutoBackup(journal, window)
    auto_backup.failed.connect(lambda text: window.statusBar().showMessage(text, 30_000))
    quick_check = None
    if flow.startup is None or not flow.startup.checked:  # else the full check just ran
        quick_check = QuickCheck(journal, window)
        after_first_paint(window, quick_check.start)
    window.show()
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        exit_after_first_paint(window)
    if not window.start_notifications():
        window.show_screen("today")  # (already there unless the tray just failed to start)
    QTimer.singleShot(0, window.commands.offer_drafts)
    if first_run is not None and first_run.choice is FirstRunChoice.IMPORT:
        QTimer.singleShot(0, window.commands.import_contacts)
    return Session(journal, window, flow, instance, auto_backup, quick_check), 0


EXIT_AFTER_PAINT = "COLEARN_EXIT_AFTER_PAINT"


def exit_after_first_paint(window: QMainWindow) -> None:
    """For the benchmark suite (``COLEARN_EXIT_AFTER_PAINT=1``): once the window has painted,
    print ``COLEARN_FIRST_PAINT <time.time()>`` on stderr and quit, so start-up is measured
    from outside to a painted window."""
    import time

    def done() -> None:
        print(f"COLEARN_FIRST_PAINT {time.time():.6f}", file=sys.stderr, flush=True)
        QApplication.quit()

    after_first_paint(window, done)


def after_first_paint(window: QMainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once ``window`` has painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                # After the paint event being handled: the whole window is drawn by then.
                QTimer.singleShot(0, then)
            return False

    window.installEventFilter(_FirstPaint(window))


def run_app(paths: DataPaths, *, demo: bool, demo_contacts: int) -> int:
    """Single instance, then the start-up flow (checks, recovery), the window, automatic
    backups while it runs and on closing (also when logout or shutdown closes it)."""
    app = make_application()
    crash_log.install_file_log(paths.logs)
    reporter = CrashReporter(paths.drafts, app)
    reporter.install()
    stop_signals = CloseOnSignals(app)
    try:
        while True:
            try:
                session, code = start_session(paths, demo=demo, demo_contacts=demo_contacts)
            except (JournalError, OSError):
                raise  # (the command line says these in one line, as before)
            except Exception as error:  # a bug: said in a window (the app may have no terminal)
                reporter.report_at_start(crash_log.caught(error))
                return 1
            if session is None:
                return code
            try:
                stop_signals.quit_if_received()
                code = app.exec()
            finally:
                session.end()
            if session.damage is None:
                return code
            # Damage found while running: start again, where the way back is offered.
    finally:
        stop_signals.uninstall()
        reporter.uninstall()
