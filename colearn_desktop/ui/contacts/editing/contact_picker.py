"""Choosing a contact by typing part of their name: suggestions come from SQL as you type.

Tab or Enter while the suggestions are open takes the highlighted one (the first when none is
highlighted): a person who types "Freja" and moves on means Freja Dahl from the list, not a new
contact called "Freja" (found by driving the quick log with the keyboard).

Each suggestion shows what tells people of the same name apart (company, first e-mail, last
talk), and choosing it picks that exact contact id: two Abena Mensahs are two rows that can be
told apart, and the favour goes to the one chosen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import ContactQuery, ContactRow
from colearn_desktop.ui.kit import format as fmt

SUGGESTIONS = 20
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


def suggestion_text(row: ContactRow, email: str, today: date) -> str:
    """The name and what tells same-name people apart: "Abena Mensah — Mensah Design ·
    abena@mensah.design · talked 12 days ago"."""
    facts = [row.company, email]
    if row.last_contact_at is not None:
        facts.append(fmt.tr("talked %1").replace("%1", fmt.days_ago(row.last_contact_at, today)))
    known = " · ".join(fact for fact in facts if fact)
    return f"{row.display_name} — {known}" if known else row.display_name


class ContactPicker(QLineEdit):
    """A line edit whose ``contact_id`` is set when a suggestion is chosen and cleared as soon
    as the text no longer matches that contact."""

    contact_chosen = Signal(int, str)
    suggestions_changed = Signal()  # the list of suggestions was read again

    def __init__(self, journal: Journal, parent: QWidget | None = None, *, exclude: int = 0):
        super().__init__(parent)
        self._journal = journal
        self._exclude = exclude
        self._chosen: tuple[int, str] | None = None
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        # PySide6's stubs do not know a signal indexed by its overload's argument types.
        self._completer.activated[QModelIndex].connect(self._choose)  # type: ignore[index]
        # Installed after the completer's own filter, so it sees Tab first.
        popup = self._completer.popup()
        assert popup is not None  # a QCompleter always makes its popup
        popup.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh_suggestions)
        self.textEdited.connect(self._typed)
        self.setPlaceholderText(self.tr("Type a name"))

    @property
    def contact_id(self) -> int | None:
        return self._chosen[0] if self._chosen and self._chosen[1] == self.text() else None

    def set_contact(self, contact_id: int | None, name: str = "") -> None:
        self._chosen = (contact_id, name) if contact_id is not None else None
        self.setText(name)

    def has_suggestions(self) -> bool:
        """Whether people in the journal match what is typed (then it is not a new name)."""
        return self._model.rowCount() > 0 and self.contact_id is None

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)  # (type first: see RefreshPolicy)
        popup = self._completer.popup()
        if (
            popup is not None
            and watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and popup.isVisible()
        ):
            index = popup.currentIndex()
            if not index.isValid():
                index = self._model.index(0, 0)
            popup.hide()
            if index.isValid():
                self._choose(index)
            if self.hasFocus():  # nobody moved the keys on: Tab goes to the next field
                self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def refresh_suggestions(self) -> None:
        text = self.text().strip()
        self._model.clear()
        if not text:
            self.suggestions_changed.emit()
            return
        contacts = self._journal.contact_list
        rows = [
            row
            for row in contacts.rows(ContactQuery(text=text, limit=SUGGESTIONS))
            if row.id != self._exclude
        ]
        emails = contacts.first_emails([row.id for row in rows])
        today = self._journal.clock.today()
        for row in rows:
            item = QStandardItem(suggestion_text(row, emails.get(row.id, ""), today))
            item.setData(row.id, ID_ROLE)
            item.setData(row.display_name, NAME_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()
        self.suggestions_changed.emit()

    def _choose(self, index: QModelIndex) -> None:
        contact_id = index.data(ID_ROLE)
        name = index.data(NAME_ROLE)
        self._chosen = (contact_id, name)
        self.setText(name)
        self.contact_chosen.emit(contact_id, name)
