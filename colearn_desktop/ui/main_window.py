"""The main window: layout, menus and navigation only; each screen is its own widget.

Screens are built by :mod:`colearn_desktop.ui.screens` and shown in a stack beside a
navigation side bar (Today, Contacts, Referrals, Insights).  The window owns no journal logic.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.contacts_page import ContactsPage
from colearn_desktop.ui.journal_signals import JournalSignals
from colearn_desktop.ui.placeholder_page import PlaceholderPage


class MainWindow(QMainWindow):
    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self.journal = journal
        self.signals = JournalSignals(journal, self)
        self.setWindowTitle(self.tr("CoLearn"))

        self.contacts_page = ContactsPage(journal, self)
        self.signals.changed.connect(lambda *_: self.contacts_page.apply_filters())
        self.pages: dict[str, QWidget] = {
            "today": PlaceholderPage(
                self.tr("Today"), self.tr("Who to reach out to today will appear here."), self
            ),
            "contacts": self.contacts_page,
            "referrals": PlaceholderPage(
                self.tr("Referrals"), self.tr("Asking for and tracking referrals."), self
            ),
            "insights": PlaceholderPage(
                self.tr("Insights"), self.tr("What your clients teach you."), self
            ),
        }
        self.nav = QListWidget(self)
        self.stack = QStackedWidget(self)
        for key, title in (
            ("today", self.tr("Today")),
            ("contacts", self.tr("Contacts")),
            ("referrals", self.tr("Referrals")),
            ("insights", self.tr("Insights")),
        ):
            item = QListWidgetItem(title, self.nav)
            item.setData(0x0100, key)
            self.stack.addWidget(self.pages[key])
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setFixedWidth(170)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.setCurrentRow(1)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.resize(1200, 760)
