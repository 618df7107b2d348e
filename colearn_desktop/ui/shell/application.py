"""Starting the app: one instance per journal, the journal (checked, recovered or a clear
message), the main window, and automatic backups while it runs and when it closes.  While it
runs, an unexpected error is logged and shown (``crash_dialog``), and logout, shutdown or
Ctrl+C close it like its Quit command (``stop_signals``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from colearn_desktop import __version__, crash_log
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.kit.crash_dialog import CrashReporter
from colearn_desktop.ui.kit.main_thread_gc import collect_on_the_gui_thread
from colearn_desktop.ui.kit.widgets import install_readable_style
from colearn_desktop.ui.shell.auto_backup import AutoBackup
from colearn_desktop.ui.shell.launch.demo_mode import (
    demo_was_chosen,
    own_paths,
    remember_demo_choice,
    show_demo,
)
from colearn_desktop.ui.shell.launch.i18n import install_translators
from colearn_desktop.ui.shell.launch.single_instance import SingleInstance, bring_to_front
from colearn_desktop.ui.shell.launch.startup import QuickCheck, StartupDialogs, StartupFlow
from colearn_desktop.ui.shell.launch.stop_signals import CloseOnSignals

if TYPE_CHECKING:  # (the Welcome is imported on a first start only: it is not painted after)
    from colearn_desktop.ui.shell.launch.welcome import WelcomeDialog
    from colearn_desktop.ui.shell.main_window import MainWindow


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
    collect_on_the_gui_thread(app)  # never in a worker: see ui/kit/main_thread_gc.py
    return app


def is_first_run(paths: DataPaths) -> bool:
    """No journal and no backups of one: a new user, not a lost journal (which the start-up
    flow offers to restore)."""
    return not paths.journal.exists() and not any(paths.backups.glob("*.sqlite3"))


def welcome(paths: DataPaths) -> WelcomeDialog | None:
    from colearn_desktop.ui.shell.launch.welcome import WelcomeDialog

    dialog = WelcomeDialog(paths.journal)
    return dialog if dialog.exec() == WelcomeDialog.DialogCode.Accepted else None


def choose_journal(
    paths: DataPaths, settings: QSettings, *, demo: bool
) -> tuple[DataPaths, bool, WelcomeDialog | None] | None:
    """The journal this start opens (its paths, whether it is the demo) and the Welcome's
    answers on a first start; None when the Welcome was closed.  A user who chose the demo
    gets it again, not the first-run questions (:mod:`demo_mode`)."""
    if demo or not is_first_run(paths):
        return paths, demo, None
    if demo_was_chosen(settings, paths):
        return paths.demo(), True, None
    first_run = welcome(paths)
    if first_run is None:
        return None
    from colearn_desktop.ui.shell.launch.welcome import FirstRunChoice

    if first_run.choice is FirstRunChoice.DEMO:
        remember_demo_choice(settings, paths, True)
        return paths.demo(), True, first_run
    return paths, False, first_run


def fill_demo(journal: Journal, *, demo: bool, demo_contacts: int) -> None:
    if not demo:
        return  # (counting the journal takes a moment at 100,000 contacts)
    stats = journal.stats()
    if stats.contacts + stats.archived_contacts == 0:
        from colearn_desktop.core.demo_journal.demo import generate_demo

        generate_demo(journal, contacts=demo_contacts, conversations_per_contact=8, seed=1)


def before_the_window(
    journal: Journal, first_run: WelcomeDialog | None, *, demo: bool, demo_contacts: int
) -> None:
    """The demo's people, the Welcome's answers; then no worker makes a service until the
    window has painted (:func:`services_after_first_paint`): paint first (issue 14)."""
    fill_demo(journal, demo=demo, demo_contacts=demo_contacts)
    if first_run is not None:  # (the Welcome's module is loaded only when it was shown)
        from colearn_desktop.ui.shell.launch.welcome import FirstRunChoice

        if first_run.choice is not FirstRunChoice.DEMO:
            me = first_run.about_me
            journal.settings.update(my_name=me.name, my_signature=me.signature, my_offer=me.offer)
    journal.defer_services()
    journal.db.checkpoint_in_background()  # commits on the UI thread never copy the log back


class Session:
    """What runs while the app is open: the journal, the window, single-instance listening,
    automatic backups.  :meth:`end` backs up (when something changed) and closes cleanly."""

    def __init__(
        self,
        paths: DataPaths,
        journal: Journal,
        window: QMainWindow,
        flow: StartupFlow,
        instance: SingleInstance,
        auto_backup: AutoBackup,
        quick_check: QuickCheck | None = None,
    ):
        self.paths, self.journal, self.window, self.flow = paths, journal, window, flow
        self.instance, self.auto_backup, self.quick_check = instance, auto_backup, quick_check
        self.damage: str | None = None  # what the quick check found while the app ran
        self.own_journal_requested = False  # the demo's "Start my own journal"
        if quick_check is not None:
            quick_check.damaged.connect(self.damaged)

    def damaged(self, problem: str) -> None:
        """The quick check found damage: close and start again, so the start-up flow offers
        the way back (see :class:`QuickCheck`)."""
        self.damage = problem
        self.window.close()
        QApplication.quit()

    def leave_demo(self) -> None:
        """Close the demo journal; :func:`run_app` starts again on the user's own."""
        self.own_journal_requested = True
        self.window.close()
        QApplication.quit()

    def end(self) -> None:
        from colearn_desktop.ui.kit.background import Background, wait_for_running

        self.journal.allow_services()  # a worker still waiting for them can finish
        wait_for_running()  # an import or export whose dialog was closed, still ending
        # The window lives on until the next start has replaced it (the restore offered after
        # damage runs in between): its screens take no more answers from their workers.
        for helper in self.window.findChildren(Background):
            helper.close(wait_ms=0)
        if self.quick_check is not None:
            self.quick_check.wait_idle()
        if self.damage is None and not getattr(self.window, "journal_moved", False):
            if (live := getattr(self.window, "live_outputs", None)) is not None:
                live.on_close()  # a change of the last moment reaches the calendar file
            self.auto_backup.on_close()  # skipped when nothing changed
        self.journal.close()
        # After suspected damage the marker stays, so the next start runs the full check.
        suspected = self.damage is not None or self.auto_backup.damage_suspected
        self.flow.finish(clean=not suspected)
        self.instance.close()


def start_session(
    paths: DataPaths, *, demo: bool, demo_contacts: int, tray: bool = False
) -> tuple[Session | None, int]:
    """Everything up to the shown window; ``(None, exit code)`` when the app should not run
    (another instance was brought to the front, or the journal cannot be opened).  With
    ``tray`` (the login entry: ``colearn --tray``) only the tray icon shows, if there is one."""
    app = make_application()
    instance = SingleInstance(paths.root, app)
    if instance.forward_to_running():
        return None, 0  # the running window comes to the front instead
    instance.listen()

    settings = QSettings()
    chosen = choose_journal(paths, settings, demo=demo)
    if chosen is None:
        instance.close()
        return None, 0  # closed the welcome: nothing was created
    paths, demo, first_run = chosen
    flow = StartupFlow(paths, StartupDialogs())
    journal = flow.run()
    if journal is None:
        instance.close()
        return None, 1
    from colearn_desktop.core.storage.drafts import DraftStore
    from colearn_desktop.ui.settings.notify_prefs import will_start
    from colearn_desktop.ui.shell.main_window import MainWindow

    try:
        before_the_window(journal, first_run, demo=demo, demo_contacts=demo_contacts)
        # Without a tray digest, what is due greets the user: the window opens on Today (and
        # builds no other screen before it paints).
        screen = None if will_start(settings) else "today"
        drafts = DraftStore(paths.drafts, journal.path)
        window = MainWindow(journal, drafts, settings, screen=screen)
    except Exception:
        journal.close()
        instance.close()
        raise
    banner = show_demo(window) if demo else None
    instance.activation_requested.connect(lambda: bring_to_front(window))
    auto_backup = AutoBackup(journal, window)
    auto_backup.failed.connect(lambda text: window.statusBar().showMessage(text, 30_000))
    if first_run is not None:
        from colearn_desktop.ui.shell.launch.welcome import apply_start_at_login

        apply_start_at_login(first_run, lambda text: window.statusBar().showMessage(text, 30_000))
    quick_check = None
    if flow.startup is None or not flow.startup.checked:  # else the full check just ran
        quick_check = QuickCheck(journal, window)
        after_first_paint(window, quick_check.start)
    services_after_first_paint(window, journal)
    open_the_window(window, first_run, tray_only=tray and will_start(settings))
    session = Session(paths, journal, window, flow, instance, auto_backup, quick_check)
    if banner is not None:
        banner.own_journal_requested.connect(session.leave_demo)
    return session, 0


def open_the_window(
    window: MainWindow, first_run: WelcomeDialog | None, *, tray_only: bool
) -> None:
    """Show the window (started at login with a tray: only the icon), then the tray, the
    drafts left over, and the import the Welcome asked for."""
    if not tray_only:
        window.show()
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        exit_after_first_paint(window)
    if tray_only:
        start_tray(window)
    else:  # the tray (and its module) after the window has painted
        after_first_paint(window, lambda: start_tray(window))
    # The notes a crash left, asked about over the painted window (not before it shows).
    after_first_paint(window, window.commands.offer_drafts)
    if first_run is not None:
        from colearn_desktop.ui.shell.launch.welcome import FirstRunChoice

        if first_run.choice is FirstRunChoice.IMPORT:
            QTimer.singleShot(0, window.commands.import_contacts)


def start_tray(window: MainWindow) -> None:
    """The tray icon and its digest.  Started at login on a desktop without a tray after
    all, the window opens on Today instead; a window already open is left where the user
    is (this runs after its first paint: they may have moved on)."""
    if not window.start_notifications() and not window.isVisible():
        window.show_screen("today")
        window.show()


EXIT_AFTER_PAINT = "COLEARN_EXIT_AFTER_PAINT"
SERVICES_AT_THE_LATEST_MS = 1500


def exit_after_first_paint(window: QMainWindow) -> None:
    """For the benchmark suite (``COLEARN_EXIT_AFTER_PAINT=1``): once the window has painted,
    print ``COLEARN_FIRST_PAINT <time.time()>`` on stderr and quit, so start-up is measured
    from outside to a painted window.  It is the first thing done after the paint: what the
    app starts once the window shows (the tray, the services, the quick check) comes after
    the moment measured, as it comes after the window for the user."""
    import time

    def done() -> None:
        print(f"COLEARN_FIRST_PAINT {time.time():.6f}", file=sys.stderr, flush=True)
        QApplication.quit()

    after_first_paint(window, done, first=True)


def services_after_first_paint(window: QMainWindow, journal: Journal) -> None:
    """Let workers make the journal's services (and import the ORM) once the window has
    painted (see :meth:`Journal.defer_services`), or after a moment at the latest: a window
    that is never painted (started minimised) must not hold them."""
    after_first_paint(window, journal.allow_services)
    QTimer.singleShot(SERVICES_AT_THE_LATEST_MS, journal.allow_services)


class _FirstPaint(QObject):
    """Calls what waits for a window's first paint, in the order it was asked for, each once
    the paint event has been handled (the whole window is drawn by then)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.calls: list[Callable[[], None]] = []
        self.painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            watched.removeEventFilter(self)
            for then in self.calls:
                QTimer.singleShot(0, then)
            self.calls = []
        return False


def after_first_paint(
    window: QMainWindow, then: Callable[[], None], *, first: bool = False
) -> None:
    """Call ``then`` once ``window`` has painted for the first time, after what was asked
    for before it (``first``: before all of that)."""
    waiting = next(
        (
            child
            for child in window.findChildren(
                _FirstPaint, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if not child.painted
        ),
        None,
    ) or _FirstPaint(window)
    if first:
        waiting.calls.insert(0, then)
    else:
        waiting.calls.append(then)


def run_app(paths: DataPaths, *, demo: bool, demo_contacts: int, tray: bool = False) -> int:
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
                session, code = start_session(
                    paths, demo=demo, demo_contacts=demo_contacts, tray=tray
                )
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
                # Deleted by Qt now, not later by the cycle collector (which would first empty
                # the Python side its event filters still use).
                session.window.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                # The window closing and the explicit quit each post a Quit: one left over
                # would end the next start's dialogs (Welcome, recovery) at once.
                QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
            if session.own_journal_requested:
                paths, demo = own_paths(session.paths), False
                remember_demo_choice(QSettings(), paths, False)
                continue  # the user's own journal: Welcome, as on a first start
            if session.damage is None:
                return code
            # Damage found while running: start again, where the way back is offered.
    finally:
        stop_signals.uninstall()
        reporter.uninstall()
