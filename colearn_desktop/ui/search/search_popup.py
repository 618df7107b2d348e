"""Search everything (Ctrl+K): results as you type, grouped, with the matches marked.

Typing never blocks the window: each keystroke restarts a short timer, and when it fires the
query runs on a worker thread, one at a time.  With the index a query takes a few milliseconds
even on a million conversations, but without FTS5 it scans the tables, and on a big journal
that takes seconds: so the worker is used always, a query still waiting when newer typing
arrives is dropped, and one already running is stopped by SQLite's progress handler.

The line edit keeps the focus: arrow keys and Page Up/Down move through the results (group
headings are skipped), Enter opens the contact at the selected result and emits
``result_activated(contact_id, kind, item_id)``, Escape closes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.events import Topic
from colearn_desktop.core.fulltext.search import (
    SearchCancelledError,
    SearchHit,
    SearchKind,
    SearchResults,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import RefreshPolicy
from colearn_desktop.ui.kit.widgets import muted, plain_label

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
HEADER_ROLE = Qt.ItemDataRole.UserRole + 4
HTML_ROLE = Qt.ItemDataRole.UserRole + 5

DEBOUNCE_MS = 120
# A few per group, so every group shows in the popup at once.
RESULTS_PER_GROUP = 4


def group_title(kind: SearchKind) -> str:
    return {
        SearchKind.CONTACT: fmt.tr("Contacts"),
        SearchKind.CONVERSATION: fmt.tr("Conversations"),
        SearchKind.LEARNING: fmt.tr("What I learned"),
        SearchKind.FAVOUR: fmt.tr("Favours"),
        SearchKind.PURCHASE: fmt.tr("Purchases"),
    }[kind]


def hit_meta(hit: SearchHit) -> list[str]:
    """What a result is, besides its contact: date, channel, favour direction, amount."""
    parts = []
    if hit.kind is SearchKind.CONTACT:
        if hit.company:
            parts.append(hit.company)
    elif hit.when is not None:
        parts.append(hit.when.isoformat())
    if hit.channel is not None:
        parts.append(fmt.channel_label(hit.channel))
    if hit.direction is not None:
        parts.append(fmt.direction_label(hit.direction))
    if hit.status is not None:
        parts.append(fmt.status_label(hit.status))
    if hit.amount is not None:
        parts.append(fmt.money(hit.amount, hit.currency))
    if hit.contact_archived:
        parts.append(fmt.tr("archived"))
    return parts


def hit_html(hit: SearchHit) -> str:
    """Two lines: the contact (and what the row is), then the snippet.  Every piece of user
    text is escaped before the markup is put around it."""
    meta = " · ".join(html.escape(part) for part in hit_meta(hit))
    first = f"<b>{html.escape(hit.contact_name)}</b>"
    if meta:
        first += f"&nbsp;&nbsp;<span class='meta'>{meta}</span>"
    return f"{first}<br>{hit.snippet.html('<b><u>', '</u></b>')}"


@dataclass(frozen=True)
class _Row:
    kind: SearchKind
    hit: SearchHit | None  # None: the group's heading
    text: str
    html: str


class SearchResultsModel(QAbstractListModel):
    """The results as one list: a heading row per non-empty group, then its hits.  All text
    is prepared when results arrive; ``data()`` only hands it out."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[_Row] = []

    def set_results(self, results: SearchResults | None) -> None:
        rows: list[_Row] = []
        for group in results.groups if results is not None else ():
            if not group.hits:
                continue
            count = f"{len(group.hits)}+" if group.more else str(len(group.hits))
            title = f"{group_title(group.kind)} ({count})"
            rows.append(_Row(group.kind, None, title, html.escape(title)))
            for hit in group.hits:
                text = f"{hit.contact_name} — {hit.snippet.text}"
                rows.append(_Row(group.kind, hit, text, hit_html(hit)))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._rows[row].hit if 0 <= row < len(self._rows) else None

    def hit_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if r.hit is not None]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or index.row() >= len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].hit is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text
        if role == HTML_ROLE:
            return row.html
        if role == HEADER_ROLE:
            return row.hit is None
        if role == KIND_ROLE:
            return row.kind.value
        if row.hit is None:
            return None
        if role == CONTACT_ROLE:
            return row.hit.contact_id
        if role == ITEM_ROLE:
            return row.hit.item_id
        return None


class ResultDelegate(QStyledItemDelegate):
    """Paints a heading as small muted text and a hit as two lines of (escaped) rich text."""

    PADDING = 6

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        muted_colour = option.palette.color(QPalette.ColorRole.PlaceholderText).name()
        document.setDefaultStyleSheet(f".meta {{ color: {muted_colour}; }}")
        document.setDocumentMargin(0)
        # Left to right whatever the first letter: a Hebrew or Arabic name must not turn the
        # whole result (and its punctuation) around; the name itself still reads right to left.
        text_option = QTextOption(document.defaultTextOption())
        text_option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        document.setDefaultTextOption(text_option)
        document.setHtml(index.data(HTML_ROLE) or "")
        width = option.rect.width() - 2 * self.PADDING
        document.setTextWidth(max(width, 50))
        return document

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        header = bool(index.data(HEADER_ROLE))
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect.adjusted(self.PADDING, 4, -self.PADDING, -2)
        painter.save()
        if header:
            font = option.font
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        else:
            document = self._document(option, index)
            context = QAbstractTextDocumentLayout.PaintContext()
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
            painter.translate(rect.topLeft())
            painter.setClipRect(QRect(0, 0, rect.width(), rect.height()))
            document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        if index.data(HEADER_ROLE):
            return QSize(200, line + 12)
        return QSize(200, 2 * line + 12)


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
        self.edit.textChanged.connect(self._debounce.start)
        self.edit.installEventFilter(self)
        self.view.activated.connect(self._activate_index)
        self.view.clicked.connect(self._activate_index)
        self.resize(680, 480)

    # -- opening --------------------------------------------------------------------------

    def open_with(self, text: str = "") -> None:
        """Show the popup with ``text`` typed in (the side bar box hands its text over)."""
        self._place()
        self.edit.setText(text)
        if self.refresh_policy is not None:
            self.refresh_policy.stale = False  # searched anew just below
        self.show()
        self.raise_()
        self.activateWindow()
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
        worker.run(
            lambda: self._journal.search.search(
                text, limit=RESULTS_PER_GROUP, should_stop=worker.cancelled
            ),
            lambda results: self._show_results(asked, results),
        )

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
            self.status.setText(self.tr("Nothing found"))
        else:
            self.status.setText(self.tr("↑ ↓ to move, Enter to open the contact, Esc to close"))
        rows = self.model.hit_rows()
        if rows:
            self.view.setCurrentIndex(self.model.index(rows[0], 0))
            self.view.scrollToTop()
        self.results_shown.emit()

    # -- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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
                    # Enter right after typing: search first, then open the first result.
                    self.run_query()
                    self.wait_idle()
                    QTimer.singleShot(0, self.activate_current)
                    return True
                self.activate_current()
                return True
        return super().eventFilter(watched, event)

    def move_selection(self, steps: int) -> None:
        rows = self.model.hit_rows()
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
        hit = self.model.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return
        self.result_activated.emit(hit.contact_id, hit.kind.value, hit.item_id)
        self.accept()

    def done(self, result: int) -> None:
        self._debounce.stop()
        self._asked += 1  # an answer still coming is not shown
        self._worker.cancel()  # a query still running stops
        self._worker.wait_idle(5000)
        super().done(result)
