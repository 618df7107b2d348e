"""The main window's menu bar: every command with its mnemonic and shortcut.

Apart from the window so that the window stays layout and navigation; the menus call only the
window's public methods, and a test triggers a command through the action the user would use
(``window.menus.log_action.trigger()``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from colearn_desktop.ui.shell.main_window import MainWindow


class MainMenus(QObject):
    """Builds File, Edit, View, Contact and Help into ``window``'s menu bar."""

    def __init__(self, window: MainWindow, screens: Sequence[str]):
        super().__init__(window)
        self._window = window
        bar = window.menuBar()
        self.file_menu = self._file_menu(bar.addMenu(self.tr("&File")))
        self.edit_menu = self._edit_menu(bar.addMenu(self.tr("&Edit")))
        self.view_menu = self._view_menu(bar.addMenu(self.tr("&View")), screens)
        self.contact_menu = self._contact_menu(bar.addMenu(self.tr("&Contact")))
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self._add(self.help_menu, self.tr("&About CoLearn"), window.commands.show_about)
        # Window commands that a text field must not take for itself: on Linux desktops a
        # line edit claims Ctrl+E (end of line) and Ctrl+K (delete to the end) as editing
        # keys, so Edit contact and Search everything did nothing while typing a filter.
        self._over_text_fields = (
            self.new_contact_action,
            self.log_action,
            self.edit_contact_action,
            self.find_action,
            self.search_action,
        )

    def keep_shortcuts_in(self, field: QWidget) -> None:
        """Let this window's commands work while ``field`` (a text field) has the focus."""
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(action.shortcut() == pressed for action in self._over_text_fields):
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return super().eventFilter(watched, event)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        anywhere: bool = False,
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if anywhere:  # also while a dialog or the search popup has the focus
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _file_menu(self, menu: QMenu) -> QMenu:
        w = self._window
        self.new_contact_action = self._add(
            menu, self.tr("&New contact…"), w.new_contact, QKeySequence.StandardKey.New
        )
        self.log_action = self._add(
            menu, self.tr("&Log conversation…"), w.log_conversation, "Ctrl+L", anywhere=True
        )
        menu.addSeparator()
        self.import_action = self._add(
            menu, self.tr("&Import contacts…"), w.commands.import_contacts, "Ctrl+Shift+I"
        )
        self.export_action = self._add(
            menu, self.tr("&Export contacts…"), w.commands.export_contacts, "Ctrl+Shift+E"
        )
        self._add(menu, self.tr("Export the whole &journal (JSON)…"), w.commands.export_journal)
        menu.addSeparator()
        self.settings_action = self._add(
            menu,
            self.tr("&Settings…"),
            w.commands.open_settings,
            QKeySequence.StandardKey.Preferences,
        )
        if self.settings_action.shortcut().isEmpty():  # no standard key on this desktop
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        menu.addSeparator()
        self._add(menu, self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
        return menu

    def _edit_menu(self, menu: QMenu) -> QMenu:
        w = self._window
        self.undo_action = w.undo.undo_action
        self.redo_action = w.undo.redo_action
        menu.aboutToShow.connect(w.undo.refresh)
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        self.edit_contact_action = self._add(
            menu, self.tr("&Edit contact…"), w.edit_contact, "Ctrl+E"
        )
        self.archive_action = self._add(
            menu, self.tr("&Archive contact"), w.archive_contact, QKeySequence.StandardKey.Delete
        )
        menu.addSeparator()
        self.find_action = self._add(
            menu, self.tr("&Find in list"), w.navigation.find_in_list, QKeySequence.StandardKey.Find
        )
        self.search_action = self._add(
            menu, self.tr("&Search everything…"), w.open_search, "Ctrl+K", anywhere=True
        )
        return menu

    def _view_menu(self, menu: QMenu, screens: Sequence[str]) -> QMenu:
        w = self._window
        labels = {
            "today": self.tr("&Today"),
            "contacts": self.tr("&Contacts"),
            "referrals": self.tr("&Referrals"),
            "insights": self.tr("&Insights"),
        }
        for number, key in enumerate(screens, start=1):
            self._add(menu, labels[key], partial(w.go_to_screen, key), f"Ctrl+{number}")
        menu.addSeparator()
        self._add(menu, self.tr("&Archived contacts"), w.navigation.show_archive, "Ctrl+Shift+A")
        return menu

    def _contact_menu(self, menu: QMenu) -> QMenu:
        w = self._window
        self._add(menu, self.tr("Add &favour…"), w.add_favour, "Ctrl+Shift+F")
        self._add(menu, self.tr("Add &purchase…"), w.add_purchase, "Ctrl+Shift+P")
        menu.addSeparator()
        self._add(menu, self.tr("Ask for a &referral…"), w.ask_about_selected, "Ctrl+Shift+R")
        self.restore_action = self._add(
            menu, self.tr("Restore from the &archive"), w.restore_selected, "Ctrl+Shift+U"
        )
        # What the contacts list's Selected menu does, on the contacts selected in it.
        self.selected_menu = menu.addMenu(self.tr("&Selected contacts"))
        self.selected_menu.aboutToShow.connect(
            lambda: w.contacts_page.bulk.fill(self.selected_menu)
        )
        menu.addSeparator()
        self.duplicates_action = self._add(
            menu, self.tr("Find &duplicates…"), w.navigation.find_duplicates, "Ctrl+Shift+D"
        )
        self.merge_action = self._add(menu, self.tr("&Merge with…"), w.navigation.merge_with)
        return menu
