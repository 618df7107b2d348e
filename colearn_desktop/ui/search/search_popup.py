"""Search everything (Ctrl+K): results as you type, grouped, with the matches marked.

Typing never blocks the window: each keystroke restarts a short timer, and when it fires the
query runs on a worker thread, one at a time.  With the index a query takes a few milliseconds
even on a million conversations, but without FTS5 it scans the tables, and on a big journal
that takes seconds: so the worker is used always, a query still waiting when newer typing
arrives is dropped, and one already running is stopped by SQLite's progress handler.

The line edit keeps the focus: arrow keys and Page Up/Down move through the results (group
headings are skipped), Enter opens the selected result and emits
``result_activated(contact_id, kind, item_id)`` (Enter straight after typing opens the first
result once it is found), Escape closes.  A group shows a few hits; its "Show all …" row
reads the rest of that group.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext.search import (
    MAX_LIMIT,
    SearchCancelledError,
    SearchKind,
    SearchResults,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import RefreshPolicy
from colearn_desktop.ui.kit.widgets import muted, plain_label
from colearn_desktop.ui.search.result_delegate import ResultDelegate
from colearn_desktop.ui.search.results_model import RowType, SearchResultsModel

DEBOUNCE_MS = 120
# A few per group, so every group shows in the popup at once.
RESULTS_PER_GROUP = 4


def _application() -> QCoreApplication:
    app = QApplication.instance()
    assert app is not None  # a popup exists only in a running application
    return app


class SearchPopup(QDialog):
    """Emits ``result_activated(contact_id, kind, item_id)`` when a result is opened."""

    result_activated = Signal(int, str, int)
    results_shown = Signal()

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        *,
        signals: JournalSignals | None = None,
    ):
        """With ``signals``, results on screen follow changes (a conversation logged or a
        contact deleted while the popup is open); it always searches anew when opened."""
        super().__init__(parent)
        self._journal = journal
        self.refresh_policy: RefreshPolicy | None = None
        if signals is not None:
            # Every topic: the search index too (a rebuild changes what is found).
            self.refresh_policy = RefreshPolicy(self, signals, Topic, self.run_query)
        self._asked = 0  # the newest query's number
        self._shown = -1  # the number of the query whose results are on screen
        self._expanded: SearchKind | None = None  # the group shown in full
        self._open_when_found = False  # Enter came before the results
        # After "Show all": the first hit of that group not shown before.
        self._then_select: tuple[SearchKind, set[int | None]] | None = None
        self.setWindowTitle(self.tr("Search everything"))
        self.setModal(False)

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            self.tr("Search contacts, conversations, learnings, favours, purchases")
        )
        self.edit.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.status = muted(plain_label("", self))
        self.notice = plain_label("", self)
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.status)

        self._worker = Background(self, what="in a search")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.view.activated.connect(self._activate_index)
        self.view.clicked.connect(self._activate_index)
        self.resize(680, 480)

    # -- opening --------------------------------------------------------------------------

    def open_with(self, text: str = "") -> None:
        """Show the popup with ``text`` typed in (the side bar box hands its text over)."""
        self._place()
        self.edit.setText(text)
        self._expanded = None
        self._open_when_found = False
        if self.refresh_policy is not None:
            self.refresh_policy.stale = False  # searched anew just below
        self.show()
        self.raise_()
        self.activateWindow()
        if not self.isActiveWindow():
            # Until the window system makes the popup active, keys typed after Ctrl+K would
            # go to the screen below (Today's D marks an item done): they go to the box.
            _application().installEventFilter(self)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll() if not text else self.edit.end(False)
        self.run_query()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        window = parent.window()
        top_left = window.mapToGlobal(window.rect().topLeft())
        width = min(max(window.width() * 2 // 3, 520), 820)
        self.resize(width, min(max(window.height() * 2 // 3, 360), 620))
        self.move(top_left.x() + (window.width() - width) // 2, top_left.y() + 60)

    # -- querying -------------------------------------------------------------------------

    def _typed(self) -> None:
        """New words: every group shows a few again, and the search waits for a pause."""
        self._expanded = None
        self._open_when_found = False
        self._debounce.start()

    def run_query(self) -> None:
        """Search for the current text now (on the worker thread)."""
        self._debounce.stop()
        self._asked += 1
        asked = self._asked
        text = self.edit.text()
        if not text.strip():
            self._worker.cancel()
            self._show_results(asked, None)
            return
        self.status.setText(self.tr("Searching…"))
        # A newer query stops this one: SQLite is asked to stop (a scan without the index can
        # take seconds on a big journal; a stale one must not hold up the next).
        worker = self._worker
        search = self._journal.search.search
        expanded = self._expanded

        def find() -> SearchResults:
            found = search(text, limit=RESULTS_PER_GROUP, should_stop=worker.cancelled)
            if expanded is None:
                return found
            full = search(text, limit=MAX_LIMIT, kinds=(expanded,), should_stop=worker.cancelled)
            groups = tuple(full.groups[0] if g.kind is expanded else g for g in found.groups)
            return SearchResults(found.text, groups, found.indexed, found.notice, found.seconds)

        worker.run(find, lambda results: self._show_results(asked, results))

    def wait_idle(self, msecs: int = 5000) -> bool:
        return self._worker.wait_idle(msecs)

    def _show_results(self, asked: int, results: object) -> None:
        if asked != self._asked or isinstance(results, SearchCancelledError):
            return  # typing moved on
        self._shown = asked
        if isinstance(results, Exception):
            self.model.set_results(None)
            self.status.setText(self.tr("Search failed: %1").replace("%1", str(results)))
            self.results_shown.emit()
            return
        found = results if isinstance(results, SearchResults) else None
        self.model.set_results(found)
        if found is not None and found.notice:
            self.notice.setText(
                self.tr(
                    "Full-text search is not available, so searching reads every row "
                    "(slower on a big journal)."
                )
            )
            self.notice.show()
        if found is None:
            self.status.setText(self.tr("Type to search; ↑ ↓ to move, Enter to open, Esc to close"))
        elif found.total == 0:
            self.status.setText(
                self.tr(
                    "Nothing found. Search looks in names, companies, e-mails, tags, how you "
                    "met, notes and conversations; try fewer or shorter words."
                )
            )
        else:
            self.status.setText(self.tr("↑ ↓ to move, Enter to open what was found, Esc to close"))
        self._select_first()
        self.results_shown.emit()
        if self._open_when_found:
            self._open_when_found = False
            self.activate_current()

    def _select_first(self) -> None:
        """The first hit, or after "Show all" the first hit that was not shown before."""
        rows = self.model.choosable_rows()
        if self._then_select is not None:
            kind, seen = self._then_select
            self._then_select = None
            new = [r for r in self.model.hit_rows(kind) if self._item_id(r) not in seen]
            rows = new or rows
        if rows:
            index = self.model.index(rows[0], 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _item_id(self, row: int) -> int | None:
        hit = self.model.hit_at(row)
        return hit.item_id if hit is not None else None

    # -- keys -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            _application().removeEventFilter(self)
        super().changeEvent(event)

    def _typed_before_active(self, watched: QObject, event: QEvent) -> bool:
        """A key typed while the popup was opening, for the screen below: into the box."""
        if (
            self.isActiveWindow()
            or not self.isVisible()
            or not isinstance(event, QKeyEvent)
            or event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            or event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            or (isinstance(watched, QWidget) and watched.window() is self)
        ):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of the screen below runs
        else:
            QApplication.sendEvent(
                self.edit, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            )
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return super().eventFilter(watched, event)  # (type first: see RefreshPolicy)
        if watched is not self.edit and self._typed_before_active(watched, event):
            return True
        is_key_press = event.type() == QEvent.Type.KeyPress
        if watched is self.edit and is_key_press and isinstance(event, QKeyEvent):
            key = event.key()
            steps: dict[int, int] = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 5,
                Qt.Key.Key_PageUp: -5,
            }
            if key in steps:
                self.move_selection(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive() or self._shown != self._asked:
                    # Enter right after typing: open the first result once it is found
                    # (the window does not wait for the search).
                    self._open_when_found = True
                    if self._debounce.isActive():
                        self.run_query()
                    return True
                self.activate_current()
                return True
        return super().eventFilter(watched, event)

    def move_selection(self, steps: int) -> None:
        rows = self.model.choosable_rows()
        if not rows:
            return
        current = self.view.currentIndex().row()
        position = rows.index(current) if current in rows else (-1 if steps > 0 else len(rows))
        target = rows[max(0, min(len(rows) - 1, position + steps))]
        index = self.model.index(target, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def activate_current(self) -> None:
        self._activate_index(self.view.currentIndex())

    def _activate_index(self, index: QModelIndex) -> None:
        row = index.row() if index.isValid() else -1
        if self.model.row_type(row) is RowType.MORE:
            self.show_all(self.model.kind_at(row))
            return
        hit = self.model.hit_at(row)
        if hit is None:
            return
        self.result_activated.emit(hit.contact_id, hit.kind.value, hit.item_id)
        self.accept()

    def show_all(self, kind: SearchKind | None) -> None:
        """Read every match of ``kind`` (its "Show all" row), the cursor on the first new one."""
        if kind is None:
            return
        self._expanded = kind
        self._then_select = (kind, {self._item_id(r) for r in self.model.hit_rows(kind)})
        self.run_query()

    def done(self, result: int) -> None:
        _application().removeEventFilter(self)
        self._debounce.stop()
        self._asked += 1  # an answer still coming is not shown
        self._open_when_found = False
        self._worker.cancel()  # a query still running stops
        self._worker.wait_idle(5000)
        super().done(result)
