"""The one "journal changed" signal every screen listens to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from colearn_desktop.core.events import Change
from colearn_desktop.core.journal import Journal


class JournalSignals(QObject):
    """Re-emits the journal's committed changes, on the UI thread, as ``change`` with the
    typed :class:`Change` (screens listen through ``ui.refresh.RefreshPolicy``)."""

    change = Signal(object)

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self._unsubscribe = journal.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        self.change.emit(change)

    def detach(self) -> None:
        """Stop listening to the journal (once; later calls do nothing)."""
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()
