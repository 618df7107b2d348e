"""What the due list on screen no longer shows: Today asks the journal again only for the
kinds of items a change named (a D on a keep-in-touch item reruns that one rule), and for
everything when a change names none, or when it is not known what changed."""

from __future__ import annotations

from colearn_desktop.core.due import DueKind, DueReport
from colearn_desktop.core.events import Change


class OwedKinds:
    """The report on screen and the kinds owed since; ``None`` owed means "everything"."""

    def __init__(self) -> None:
        self._report: DueReport | None = None
        self._owed: set[DueKind] | None = None

    def owe(self, changes: list[Change] | None) -> None:
        """Add what ``changes`` changed: the kinds they name, or everything when one names
        none (or they are not known).  A superseded refresh never shows its report, so what
        it owed stays owed."""
        if not changes or any(not change.due_kinds for change in changes):
            self._owed = None
        elif self._owed is not None:
            self._owed |= {DueKind(kind) for change in changes for kind in change.due_kinds}

    def since(self) -> tuple[DueReport | None, frozenset[DueKind]]:
        """The report to build on and the kinds to work out again; no report: all of them."""
        if self._owed:
            return self._report, frozenset(self._owed)
        return None, frozenset()

    def settled(self, report: DueReport) -> None:
        """``report`` is on screen now: nothing is owed."""
        self._report, self._owed = report, set()
