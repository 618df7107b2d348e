"""Starting the app: the QApplication, the journal (or a clear message), the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from colearn_desktop import __version__
from colearn_desktop.core.demo import generate_demo
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.i18n import install_translators


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
    return app


def open_for_gui(paths: DataPaths, *, demo: bool, demo_contacts: int) -> Journal:
    paths.ensure()
    journal = open_journal(paths.journal, backups_dir=paths.backups)
    stats = journal.stats()
    if demo and stats.contacts + stats.archived_contacts == 0:
        generate_demo(journal, contacts=demo_contacts, conversations_per_contact=8, seed=1)
    return journal


def run_app(paths: DataPaths, *, demo: bool, demo_contacts: int) -> int:
    app = make_application()
    try:
        journal = open_for_gui(paths, demo=demo, demo_contacts=demo_contacts)
    except JournalError as error:
        QMessageBox.critical(None, app.tr("CoLearn cannot open the journal"), str(error))
        return 1
    from PySide6.QtCore import QSettings, QTimer

    from colearn_desktop.core.drafts import DraftStore
    from colearn_desktop.ui.main_window import MainWindow

    window = MainWindow(journal, DraftStore(paths.drafts, journal.path), QSettings())
    window.show()
    QTimer.singleShot(0, window.offer_drafts)
    try:
        return app.exec()
    finally:
        journal.close()
