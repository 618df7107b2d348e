"""Choosing a contact by typing part of their name: suggestions come from SQL as you type."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.contact_list import ContactQuery

SUGGESTIONS = 20
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class ContactPicker(QLineEdit):
    """A line edit whose ``contact_id`` is set when a suggestion is chosen and cleared as soon
    as the text no longer matches that contact."""

    contact_chosen = Signal(int, str)

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

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def refresh_suggestions(self) -> None:
        text = self.text().strip()
        self._model.clear()
        if not text:
            return
        for row in self._journal.contact_list.rows(ContactQuery(text=text, limit=SUGGESTIONS)):
            if row.id == self._exclude:
                continue
            label = f"{row.display_name} — {row.company}" if row.company else row.display_name
            item = QStandardItem(label)
            item.setData(row.id, ID_ROLE)
            item.setData(row.display_name, NAME_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if self._model.rowCount():
            self._completer.complete()

    def _choose(self, index: QModelIndex) -> None:
        contact_id = index.data(ID_ROLE)
        name = index.data(NAME_ROLE)
        self._chosen = (contact_id, name)
        self.setText(name)
        self.contact_chosen.emit(contact_id, name)
