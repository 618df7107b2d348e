"""One refresh policy for every screen: which changes it cares about, when it refreshes.

Each screen used to decide for itself: some refreshed on every change (twice over for the
contact page and its brief), some only when shown, one not at all.  A screen now declares the
topics it shows and hands its refresh to a :class:`RefreshPolicy`, which

- ignores a change of a topic the screen does not show, or (``concerns``) about rows it
  does not show;
- refreshes a visible screen once for a burst of changes (a single-shot timer: an import's
  three changes, or an action that touches two topics, make one refresh, after the event loop
  turns);
- only marks a hidden screen stale, and refreshes it when it is shown again (at once, so the
  page never appears with old rows); a screen hidden during the burst (the window closed)
  is not refreshed either.

``refreshed`` is emitted after each refresh, for screens that chain work on it and for tests
(which wait on it instead of sleeping).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from colearn_desktop.core.events import Change, Topic
from colearn_desktop.ui.kit.journal_signals import JournalSignals

# What a screen over the journal's rows cares about: everything but the search index, whose
# rebuild changes no row.
EVERY_ROW = frozenset(Topic) - {Topic.SEARCH}


class RefreshPolicy(QObject):
    """``RefreshPolicy(screen, signals, topics, refresh)``: calls ``refresh()`` when a change
    of one of ``topics`` was committed, following the rules above.  ``delay_ms`` spreads a
    slow refresh over a longer burst (Today waits a little, so typing in the quick log does not
    re-run its rules on every saved keystroke).  ``concerns(change)`` narrows further: a
    contact's page skips a change that names only other contacts."""

    refreshed = Signal()

    def __init__(
        self,
        screen: QWidget,
        signals: JournalSignals,
        topics: Iterable[Topic],
        refresh: Callable[[], None],
        *,
        delay_ms: int = 0,
        concerns: Callable[[Change], bool] | None = None,
    ):
        super().__init__(screen)
        self._screen = screen
        self._refresh = refresh
        self._concerns = concerns
        self.topics = frozenset(topics)
        self.stale = False
        # The changes the coming refresh is for (None: not known, e.g. a refresh asked for
        # without one), handed to the screen as ``changes`` while it refreshes.
        self._coming: list[Change] | None = []
        self.changes: list[Change] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._burst_ended)
        signals.change.connect(self.notice)
        screen.installEventFilter(self)

    def notice(self, change: Change) -> None:
        """A committed change: refresh (soon, or when shown) if the screen shows its topic."""
        if change.topic in self.topics and (self._concerns is None or self._concerns(change)):
            if self._coming is not None:
                self._coming.append(change)
            self._soon()

    def request(self) -> None:
        """Refresh soon if the screen is on view, else when it is shown (a new day, a
        setting changed elsewhere ...): a refresh for no known change."""
        self._coming = None
        self._soon()

    def _soon(self) -> None:
        if self._screen.isVisible():
            self._timer.start()
        else:
            self.stale = True

    @property
    def pending(self) -> bool:
        """A refresh is waiting for the burst to end."""
        return self._timer.isActive()

    def _burst_ended(self) -> None:
        # Hidden meanwhile (another page, or the window closed, perhaps because the journal
        # moved or closed): refresh when shown, never read a journal that may be gone.
        if self._screen.isVisible():
            self.refresh_now()
        else:
            self.stale = True

    def refresh_now(self) -> None:
        """Refresh at once; ``changes`` says what for while ``refresh`` runs (None when it is
        not known: a screen that narrows its work by the changes then does it all)."""
        self._timer.stop()
        self.stale = False
        self.changes, self._coming = self._coming, []
        try:
            self._refresh()
        finally:
            self.changes = None
        self.refreshed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: while a screen is destroyed by Python's cycle collector its
        # filters still see events (ChildRemoved) after their attributes were cleared.
        if event.type() == QEvent.Type.Show and watched is self._screen and self.stale:
            self.refresh_now()
        return False
