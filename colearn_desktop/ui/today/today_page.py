"""The Today screen: who to reach out to now, and what is coming up.

Today lists what is overdue or due today, grouped by reason, most overdue first, each with
why it is there.  One key acts on the selected item: L logs a touch (the main window opens
the quick log), T/W snooze it to tomorrow / next week, S snoozes to a picked day, D marks it
done, O or Enter opens the contact, E edits one of your own reminders, N writes a new one.
Upcoming shows the next 7 or 30 days.  The page refreshes whenever the journal changes, and
when the day changes while the app is open.

The first list is always worked out on a worker thread, so the window paints at once (saying
it is working out what is due) and fills a moment later; later refreshes of an ordinary
journal are done right away, so an action's result shows without a flicker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.due import DueItem, DueKind, DueReport
from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import heading, muted, plain_label
from colearn_desktop.ui.today import due_text
from colearn_desktop.ui.today.due_tree import DueTree
from colearn_desktop.ui.today.owed_kinds import OwedKinds
from colearn_desktop.ui.today.today_model import TodayModel

# The most overdue items of each kind that Today shows (the rest are counted).
ITEMS_PER_KIND = 500
# Above this many contacts Today is worked out on a worker thread (about 50 ms per 10,000).
BACKGROUND_FROM_CONTACTS = 20_000
HORIZONS = (0, 7, 30)
REFRESH_DELAY_MS = 30
DAY_CHECK_MS = 60_000


class TodayPage(QWidget):
    log_touch_requested = Signal(int)
    open_contact_requested = Signal(int)
    loaded = Signal()  # a freshly worked-out list (or the error) is on screen

    def __init__(self, journal: Journal, signals: JournalSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._day = journal.clock.today()
        self._has_report = False
        # The report on screen, and the kinds of items changed since it (None: any), so a
        # refresh runs only the rules whose items changed.
        self._owed = OwedKinds()
        self._worker = Background(self)
        self._contact_count: int | None = None
        # The list is to get the focus as soon as it shows (it is hidden while loading or
        # empty, and a hidden widget cannot hold the focus).
        self._focus_when_shown = False
        self.model = TodayModel(self)

        self.title = heading(self.tr("Today"), self)
        self.summary = muted(plain_label("", self))
        self.view_tabs = QTabBar(self)
        self.view_tabs.addTab(self.tr("&Today"))
        self.view_tabs.addTab(self.tr("Next &7 days"))
        self.view_tabs.addTab(self.tr("Next &30 days"))
        self.view_tabs.setDrawBase(False)
        self.empty = muted(plain_label("", self))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tree = DueTree(self.model, self)
        # Shift/Ctrl+click, Shift+arrows, Ctrl+A: D, T, W and S act on every selected item.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

        self.log_button = QPushButton(self.tr("&Log touch"), self)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("&Snooze"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Room for the menu arrow, which the style otherwise draws over the last letter.
        self.snooze_button.setStyleSheet("QToolButton { padding-right: 16px; }")
        self.done_button = QPushButton(self.tr("&Done"), self)
        self.open_button = QPushButton(self.tr("&Open contact"), self)
        self.edit_button = QPushButton(self.tr("Ed&it reminder…"), self)
        self.new_button = QPushButton(self.tr("&New reminder…"), self)
        self._make_actions()

        self._lay_out()
        self.tree.setVisible(False)
        self.empty.setText(self.tr("Working out what is due…"))

        self.refresh_policy = RefreshPolicy(
            self, signals, EVERY_ROW, self.refresh, delay_ms=REFRESH_DELAY_MS
        )
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self.view_tabs.currentChanged.connect(lambda _i: self.refresh())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.tree.activated.connect(self._activated)
        self._update_buttons()  # nothing to act on until the list is there
        self.refresh()

    # -- building -------------------------------------------------------------------------

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.view_tabs)
        buttons = QHBoxLayout()
        for button in (
            self.log_button,
            self.snooze_button,
            self.done_button,
            self.open_button,
            self.edit_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)

    def _action(self, text: str, keys: list[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.log_action = self._action(self.tr("Log a touch"), ["L"], self.log_touch)
        self.tomorrow_action = self._action(
            self.tr("Snooze until &tomorrow"), ["T"], lambda: self.snooze_days(1)
        )
        self.next_week_action = self._action(
            self.tr("Snooze until next &week"), ["W"], lambda: self.snooze_days(7)
        )
        self.pick_action = self._action(self.tr("Snooze until a &day…"), ["S"], self.snooze_pick)
        self.done_action = self._action(self.tr("Mark done"), ["D"], self.mark_done)
        self.open_action = self._action(self.tr("Open the contact"), ["O"], self.open_contact)
        self.edit_action = self._action(self.tr("Edit the reminder"), ["E"], self.edit_reminder)
        self.new_action = self._action(self.tr("New reminder"), ["N"], self.new_reminder)
        menu = QMenu(self)
        for action in (self.tomorrow_action, self.next_week_action, self.pick_action):
            menu.addAction(action)
        self.snooze_button.setMenu(menu)
        self.log_button.clicked.connect(self.log_touch)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button.clicked.connect(self.open_contact)
        self.edit_button.clicked.connect(self.edit_reminder)
        self.new_button.clicked.connect(self.new_reminder)
        for button, keys in (
            (self.log_button, "L"),
            (self.done_button, "D"),
            (self.open_button, "O"),
            (self.edit_button, "E"),
            (self.new_button, "N"),
        ):
            button.setToolTip(self.tr("Shortcut: %1").replace("%1", keys))
        self.snooze_button.setToolTip(self.tr("T: tomorrow, W: next week, S: pick a day"))

    # -- loading --------------------------------------------------------------------------

    @property
    def horizon(self) -> int:
        return HORIZONS[max(self.view_tabs.currentIndex(), 0)]

    def focus_list(self) -> None:
        """The keyboard to the list, so L, T, W, S, D and O act on its current item; while
        the list is hidden (loading, or nothing due) it takes the focus once it shows."""
        if self.tree.isVisibleTo(self):
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._focus_when_shown = True

    def refresh(self) -> None:
        """Recompute what is due: right away on a journal of ordinary size, on a worker
        thread on a big one (where it takes long enough to stall typing) and the first time
        (so the window paints before it is known)."""
        self._day = self._journal.clock.today()
        horizon = self.horizon
        self._owed.owe(self.refresh_policy.changes)
        since, changed = self._owed.since()

        def work() -> object:
            reminders = self._journal.reminders
            return reminders.due(horizon, limit=ITEMS_PER_KIND, since=since, changed=changed)

        if not self._has_report or self._big_journal():
            if self._has_report:
                self.summary.setText(self.tr("Working out what is due…"))
            self._worker.run(work, self._show)
            return
        try:
            report = work()
        except JournalError as error:
            report = error
        self._show(report)

    def _nothing_due_text(self, upcoming: bool, has_items: bool) -> str:
        """What the empty list says; on an empty journal, what to do first.  (Counting is
        cheap here: nothing is due, so the journal is empty or calm.)"""
        if not has_items and not self._contact_count:
            # Counted until there is someone (the count _big_journal keeps): no read per
            # refresh after that.
            self._contact_count = self._journal.contact_list.count()
        if not has_items and self._contact_count == 0:
            return self.tr(
                "Your journal is empty. Add the people you work with: File ▸ New contact… "
                "(Ctrl+N), or bring them in with File ▸ Import contacts… (Ctrl+Shift+I)."
            )
        if upcoming:
            return self.tr("Nothing coming up in these days.")
        return self.tr("Nothing is due today. Time for deep work.")

    def _big_journal(self) -> bool:
        if self._contact_count is None:
            self._contact_count = self._journal.contact_list.count()
        return self._contact_count > BACKGROUND_FROM_CONTACTS

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._worker.wait_idle(msecs)

    def _show(self, report: object) -> None:
        if isinstance(report, Exception):
            self.summary.setText(str(report))
            if not self._has_report:
                self.empty.setText("")  # no longer working it out
            self.loaded.emit()
            return
        assert isinstance(report, DueReport)
        self._has_report = True
        self._owed.settled(report)
        selected = self.selected_item()
        upcoming = self.horizon > 0
        self.model.set_report(report, upcoming=upcoming)
        # The groups only: expandAll() also visits each of up to 3,500 items for children;
        # and only those not open yet (expand() lays the tree out first, ~3 ms each).
        for group in range(self.model.group_count()):
            index = self.model.index(group, 0)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)
        self.title.setText(self.tr("Upcoming") if upcoming else self.tr("Today"))
        if upcoming:
            count = report.upcoming_count
            self.summary.setText(self.tr("%n item(s) coming up", "", count))
        else:
            self.summary.setText(due_text.digest(report.overdue_count, report.due_today_count))
        has_items = self.model.item_count() > 0
        if self.tree.hasFocus() and not has_items:
            self._focus_when_shown = True  # back to the list when something is due again
        self.tree.setVisible(has_items)
        self.empty.setVisible(not has_items)
        self.empty.setText(self._nothing_due_text(upcoming, has_items))
        target = self.model.index_of(selected.key) if selected else QModelIndex()
        if not target.isValid() and has_items:
            target = self.model.first_item()
        if target.isValid() and target != self.tree.currentIndex():
            # (Not again onto the current row: that lays out and repaints the tree anew.)
            self.tree.setCurrentIndex(target)
        if has_items and self._focus_when_shown:
            self._focus_when_shown = False
            # Not when the user went to another screen while the list was worked out: Qt
            # would hand the keys to this hidden list and what they type would go nowhere.
            if self.isVisible():
                self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()
        self.loaded.emit()

    def _check_day(self) -> None:
        if self._journal.clock.today() != self._day:
            self.refresh_policy.request()

    # -- the selected item ----------------------------------------------------------------

    def selected_item(self) -> DueItem | None:
        return self.model.item_at(self.tree.currentIndex())

    def selected_keys(self) -> list[str]:
        """The keys of the selected items in list order (group rows left out), or of the
        current item when nothing is selected."""
        rows = sorted(
            self.tree.selectionModel().selectedRows(), key=lambda i: (i.parent().row(), i.row())
        )
        items = [self.model.item_at(index) for index in rows]
        keys = [item.key for item in items if item is not None]
        current = self.selected_item()
        return keys or ([current.key] if current is not None else [])

    def select_key(self, key: str) -> bool:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        return index.isValid()

    def _update_buttons(self) -> None:
        item = self.selected_item()
        has_contact = item is not None and item.contact_id is not None
        for widget in (self.done_button, self.snooze_button):
            widget.setEnabled(item is not None)
        for action in (
            self.tomorrow_action,
            self.next_week_action,
            self.pick_action,
            self.done_action,
        ):
            action.setEnabled(item is not None)
        for control in (self.log_button, self.open_button, self.log_action, self.open_action):
            control.setEnabled(has_contact)
        is_reminder = item is not None and item.kind is DueKind.REMINDER
        self.edit_button.setEnabled(is_reminder)
        self.edit_action.setEnabled(is_reminder)

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index)
        if item is None:
            return
        if item.contact_id is not None:
            self.open_contact_requested.emit(item.contact_id)
        elif item.kind is DueKind.REMINDER:
            self.edit_reminder()

    # -- actions --------------------------------------------------------------------------

    def log_touch(self) -> None:
        item = self.selected_item()
        if item is not None and item.contact_id is not None:
            self.log_touch_requested.emit(item.contact_id)

    def open_contact(self) -> None:
        item = self.selected_item()
        if item is not None and item.contact_id is not None:
            self.open_contact_requested.emit(item.contact_id)

    def snooze_days(self, days: int) -> None:
        self.snooze_until(self._journal.clock.today() + timedelta(days=days))

    def snooze_pick(self) -> None:
        # (The dialogs' modules, with their date fields and person picker, are loaded when
        # one opens: Today paints without them, issue 14.)
        from colearn_desktop.ui.kit.forms.date_fields import pick_day

        if self.selected_item() is None:
            return
        day = pick_day(
            self, self._journal.clock.today() + timedelta(days=1), self.tr("Snooze until")
        )
        if day is not None:
            self.snooze_until(day)

    def snooze_until(self, day: date) -> None:
        keys = self.selected_keys()
        if keys:
            self._run(lambda: self._journal.reminders.snooze_many(keys, day))

    def mark_done(self) -> None:
        keys = self.selected_keys()
        if keys:
            self._run(lambda: self._journal.reminders.done_many(keys))

    def new_reminder(self) -> None:
        from colearn_desktop.ui.today.reminder_dialog import ReminderDialog

        item = self.selected_item()
        dialog = ReminderDialog(self._journal, self, contact_id=item.contact_id if item else None)
        dialog.open()

    def edit_reminder(self) -> None:
        item = self.selected_item()
        if item is None or item.kind is not DueKind.REMINDER:
            return
        from colearn_desktop.ui.today.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(self._journal, self, reminder_id=item.facts["reminder_id"])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _run(self, action: Callable[[], object]) -> None:
        """Act on ``item``, then move the selection to its neighbour so the next key acts
        on the next item."""
        index = self.tree.currentIndex()
        neighbour = self.tree.indexBelow(index)
        if not neighbour.isValid() or self.model.item_at(neighbour) is None:
            neighbour = self.tree.indexAbove(index)
        following = self.model.item_at(neighbour)
        if not attempt(self, self.tr("Could not change the reminder"), action):
            return
        # Onto the neighbour before the rows go: removing the current row makes the tree
        # pick another and lay out all its rows once more (~30 ms with 3,500 items).
        if following is not None:
            self.select_key(following.key)
        # At once, so the next key acts on the new list; through the policy, which drops
        # the refresh the change itself asked for (Today was worked out twice per key).
        self.refresh_policy.refresh_now()
