"""The main window: layout, menus and navigation only; each screen is its own widget."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.contacts_page import ContactsPage
from colearn_desktop.ui.journal_signals import JournalSignals


class MainWindow(QMainWindow):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.signals = JournalSignals(journal, self)
        self.setWindowTitle(self.tr("CoLearn — %1").replace("%1", str(journal.path)))
        self.contacts_page = ContactsPage(journal, self)
        self.setCentralWidget(self.contacts_page)
        self.signals.changed.connect(lambda *_: self.contacts_page.apply_filters())

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.resize(1100, 700)
