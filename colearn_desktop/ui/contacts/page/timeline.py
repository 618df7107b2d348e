"""A contact's conversations, newest first, as cards: channel and date, notes, what I learned
(highlighted: it is the point of the app), what they asked, the next step.

Long notes are shown cut at a few thousand characters with a button that opens the whole text
in a scrolling viewer, so a 100-page paste never freezes the window.

One card can be the current one (a conversation opened from search): it is framed in the
highlight colour, scrolled into view and takes the keyboard focus (Tab goes on to its buttons).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.records import ConversationView
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.widgets import muted, plain_label

SHOWN_CHARACTERS = 3000
PAGE = 30


def _shorten(text: str) -> tuple[str, bool]:
    if len(text) <= SHOWN_CHARACTERS:
        return text, False
    return text[:SHOWN_CHARACTERS].rstrip() + " …", True


class FullTextDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        viewer = QPlainTextEdit(self)
        viewer.setReadOnly(True)
        viewer.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(viewer)
        layout.addWidget(buttons)
        self.resize(700, 600)


class ConversationCard(QFrame):
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    step_done_toggled = Signal(int, bool)

    def __init__(
        self,
        view: ConversationView,
        contact_id: int,
        parent: QWidget | None = None,
        author: str = "",
    ):
        super().__init__(parent)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the current card takes the keys
        self.current = False
        data = view.data
        others = [p.display_name for p in view.participants if p.id != contact_id]
        title = f"{fmt.channel_label(data.channel)} · {fmt.when_text(data.happened_at)}"
        if others:
            title += " · " + self.tr("with %1").replace("%1", ", ".join(others))
        if data.praise:
            title += " · " + self.tr("★ praised my work")
        if author:  # logged on another computer (sync, issue #18)
            title += " · " + self.tr("logged on %1").replace("%1", author)
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        # Wrap only between the parts, never inside "★ praised my work" or a date.
        self.title = plain_label(
            " · ".join(p.replace(" ", "\u00a0") for p in title.split(" · ")), self
        )
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title, 1)
        edit = QToolButton(self)
        edit.setText(self.tr("Edit"))
        edit.setAutoRaise(True)
        edit.clicked.connect(lambda: self.edit_requested.emit(view.id))
        delete = QToolButton(self)
        delete.setText(self.tr("Delete"))
        delete.setAutoRaise(True)
        delete.setToolTip(self.tr("Moves the conversation to the trash (Ctrl+Z undoes it)"))
        delete.clicked.connect(lambda: self.delete_requested.emit(view.id))
        header.addWidget(edit)
        header.addWidget(delete)
        layout.addLayout(header)
        self._text_block(layout, "", data.notes, self.tr("Notes"))
        if data.learned:
            self._learned(layout, data.learned)
        if data.they_asked:
            self._text_block(layout, self.tr("They asked: "), data.they_asked, self.tr("Asked"))
        if data.next_step:
            self._next_step(layout)

    def set_current(self, current: bool) -> None:
        """Framed in the highlight colour when it is the conversation that was asked for
        (a style sheet for this frame only: a palette would colour its text too)."""
        self.current = current
        self.setObjectName("currentConversation" if current else "")
        colour = self.palette().color(QPalette.ColorRole.Highlight).name()
        self.setStyleSheet(
            f"QFrame#currentConversation {{ border: 2px solid {colour}; border-radius: 4px; }}"
            if current
            else ""
        )

    def _text_block(self, layout: QVBoxLayout, prefix: str, text: str, title: str) -> None:
        if not text:
            return
        shown, cut = _shorten(text)
        layout.addWidget(plain_label(prefix + shown, self))
        if cut:
            more = QPushButton(self.tr("Show all (%1 characters)").replace("%1", f"{len(text):,}"))
            more.clicked.connect(lambda: FullTextDialog(title, text, self).exec())
            layout.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)

    def _learned(self, layout: QVBoxLayout, text: str) -> None:
        box = QFrame(self)
        box.setObjectName("learned")
        box.setAutoFillBackground(True)
        palette = box.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        highlight.setAlpha(40)
        palette.setColor(QPalette.ColorRole.Window, highlight)
        box.setPalette(palette)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(8, 6, 8, 6)
        self._text_block(inner, self.tr("Learned: "), text, self.tr("What I learned"))
        layout.addWidget(box)

    def _next_step(self, layout: QVBoxLayout) -> None:
        data = self.view.data
        line = self.tr("Next step: %1").replace("%1", data.next_step)
        if data.next_step_due:
            line += " · " + self.tr("due %1").replace("%1", data.next_step_due.isoformat())
        done = self.view.next_step_done_at is not None
        row = QHBoxLayout()
        label = plain_label(line + (" · " + self.tr("done") if done else ""), self)
        if done:
            muted(label)
        row.addWidget(label, 1)
        toggle = QToolButton(self)
        toggle.setText(self.tr("Not done") if done else self.tr("Mark done"))
        toggle.clicked.connect(lambda: self.step_done_toggled.emit(self.view.id, not done))
        row.addWidget(toggle)
        layout.addLayout(row)


class Timeline(QScrollArea):
    """Cards for the newest conversations; older ones load a page at a time."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)
    step_done_toggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._views: list[ConversationView] = []
        self._authors: dict[int, str] = {}
        self._contact_id = 0
        self._current_id: int | None = None
        self._shown = 0
        self._body = QWidget(self)
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._body)
        self.empty = plain_label(self.tr("No conversations yet. Press Ctrl+L to log one."))
        self.more = QPushButton(self.tr("Show older conversations"))
        self.more.clicked.connect(self._show_more)

    def set_conversations(
        self,
        contact_id: int,
        views: list[ConversationView],
        authors: dict[int, str] | None = None,
    ) -> None:
        """``authors``: the computer each conversation logged on another one came from."""
        self._authors = authors or {}
        if contact_id != self._contact_id:
            self._current_id = None
        self._contact_id = contact_id
        self._views = views
        self._shown = 0
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.empty, self.more):
                widget.deleteLater()
        self._layout.addWidget(self.empty)
        self.empty.setVisible(not views)
        self._show_more()
        if self._current_id is not None:
            self.select_conversation(self._current_id, focus=False)

    def cards(self) -> list[ConversationCard]:
        return self._body.findChildren(ConversationCard)

    def current_card(self) -> ConversationCard | None:
        cards = [card for card in self.cards() if card.view.id == self._current_id]
        return cards[0] if cards else None

    def select_conversation(self, conversation_id: int, *, focus: bool = True) -> bool:
        """Make conversation ``conversation_id`` the current card (loading older pages
        until it is shown) and scroll to it; False when it is not on this timeline."""
        ids = [view.id for view in self._views]
        if conversation_id not in ids:
            return False
        while self._shown <= ids.index(conversation_id):
            self._show_more()
        self._current_id = conversation_id
        for card in self.cards():
            card.set_current(card.view.id == conversation_id)
        current = self.current_card()
        if current is not None:
            if focus:
                current.setFocus(Qt.FocusReason.OtherFocusReason)
            # Once the new cards have their height (see _fit).
            QTimer.singleShot(0, lambda: self._scroll_to(conversation_id))
        return True

    def _scroll_to(self, conversation_id: int) -> None:
        card = self.current_card()
        if card is not None and card.view.id == conversation_id:
            self._fit()
            self.ensureWidgetVisible(card, 0, 0)

    def _show_more(self) -> None:
        self._layout.removeWidget(self.more)
        for view in self._views[self._shown : self._shown + PAGE]:
            card = ConversationCard(
                view, self._contact_id, self._body, self._authors.get(view.id, "")
            )
            card.edit_requested.connect(self.edit_requested)
            card.delete_requested.connect(self.delete_requested)
            card.step_done_toggled.connect(self.step_done_toggled)
            self._layout.addWidget(card)
            # On view already (the tab read as it is shown): at once, not an event later.
            if self._body.isVisible():
                card.show()
        self._shown = min(len(self._views), self._shown + PAGE)
        self._layout.addWidget(self.more)
        self.more.setVisible(self._shown < len(self._views))
        self._fit()
        # New cards are laid out (fonts, styles) only after this event; measure again then.
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """Word-wrapped cards need their height for the current width, which a scroll area
        does not ask for by itself; without this they are squeezed instead of scrolled."""
        height = self._layout.totalHeightForWidth(self.viewport().width())
        self._body.setMinimumHeight(max(height, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)
