"""The one "journal changed" signal every screen listens to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from colearn_desktop.core.events import Change
from colearn_desktop.core.journal import Journal


class JournalSignals(QObject):
    """Re-emits the journal's committed changes as Qt signals: ``change`` with the typed
    :class:`Change` (what screens use, through ``ui.refresh.RefreshPolicy``), and ``changed``
    with its topic's name and ids, for the few listeners that only need those."""

    change = Signal(object)
    changed = Signal(str, tuple)

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self._unsubscribe = journal.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        self.change.emit(change)
        self.changed.emit(str(change.topic), change.ids)

    def detach(self) -> None:
        """Stop listening to the journal (once; later calls do nothing)."""
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()
