"""Item models of the Referrals screen: plain rows from the journal, formatted in data().

Each model is loaded with ``set_rows`` from one service call; ``data()`` only formats rows it
already holds and never queries.  The one write (the "never ask" check box) goes through the
journal service, whose change signal then reloads the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.referrals import AskView, ReferredPerson, Referrer, Suggestion
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.table_model import CENTER, Column, Index, TableModel
from colearn_desktop.ui.referrals import referral_format as rf

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
Row = TypeVar("Row")


def caution_color() -> QColor:
    dark = fmt.is_dark(QGuiApplication.palette())
    return QColor("#fbbf24" if dark else "#b45309")


def good_color() -> QColor:
    dark = fmt.is_dark(QGuiApplication.palette())
    return QColor("#4ade80" if dark else "#15803d")


class RowsModel(TableModel[Row]):
    """A table whose rows read against today's date ("3 days ago"): the day is taken when the
    rows are, so a table never mixes two days."""

    def __init__(self, today: Callable[[], date], parent: QObject | None = None):
        super().__init__((), parent, row_roles=self.row_roles())
        self._today = today
        self._day = today()
        self.set_columns(self.declare_columns())

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._day = self._today()
        super().set_rows(list(rows))

    def row_roles(self) -> dict[int, Callable[[Row], Any]]:
        return {}

    def declare_columns(self) -> tuple[Column[Row], ...]:  # pragma: no cover - abstract
        raise NotImplementedError


def _contact(row: Suggestion | Referrer | ReferredPerson | AskView) -> int:
    return row.contact_id


class ReadyColumn(IntEnum):
    NAME = 0
    WHY = 1
    NEVER_ASK = 2


class ReadyToAskModel(RowsModel[Suggestion]):
    """Who to ask now, best first, with the reasons; the last column is "never ask"."""

    def __init__(
        self,
        today: Callable[[], date],
        set_never_ask: Callable[[int, bool], None],
        parent: QObject | None = None,
    ):
        super().__init__(today, parent)
        self._set_never_ask = set_never_ask

    def row_roles(self) -> dict[int, Callable[[Suggestion], Any]]:
        return {ID_ROLE: _contact, CONTACT_ROLE: _contact}

    def declare_columns(self) -> tuple[Column[Suggestion], ...]:
        def checked(row: Suggestion) -> Qt.CheckState:
            return Qt.CheckState.Checked if row.never_ask else Qt.CheckState.Unchecked

        def caution(row: Suggestion) -> QColor | None:
            return None if all(r.positive for r in row.reasons) else caution_color()

        return (
            Column(self.tr("Person"), lambda r: r.display_name, tooltip=self._tooltip),
            Column(
                self.tr("Why now"),
                lambda r: rf.reasons_text(r.reasons, self._day),
                tooltip=self._tooltip,
                foreground=caution,
            ),
            Column(
                self.tr("Never ask"),
                tooltip=lambda _: self.tr("Leave this person out of referral suggestions"),
                roles={Qt.ItemDataRole.CheckStateRole: checked},
            ),
        )

    def _tooltip(self, row: Suggestion) -> str:
        lines = [row.display_name + (f" · {row.company}" if row.company else "")]
        lines += ["• " + rf.reason_text(r, self._day) for r in row.reasons]
        if row.praise:
            lines.append(self.tr("They said: “{praise}”").replace("{praise}", row.praise))
        lines.append(self.tr("Ranking points: {score}").replace("{score}", str(row.score)))
        return plain_tooltip("\n".join(lines))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == ReadyColumn.NEVER_ASK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row()) if index.isValid() else None
        if (
            row is None
            or index.column() != ReadyColumn.NEVER_ASK
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self._set_never_ask(row.contact_id, checked)
        return True


class AskColumn(IntEnum):
    ASKED_ON = 0
    PERSON = 1
    TEMPLATE = 2
    STATUS = 3
    STATUS_ON = 4


class AsksModel(RowsModel[AskView]):
    def row_roles(self) -> dict[int, Callable[[AskView], Any]]:
        return {ID_ROLE: lambda r: r.id, CONTACT_ROLE: _contact}

    def declare_columns(self) -> tuple[Column[AskView], ...]:
        def status_tooltip(row: AskView) -> str | None:
            if row.status is AskStatus.NO_ANSWER and not row.answered:
                return self.tr("No answer yet after the number of days set in Settings")
            return None

        def status_colour(row: AskView) -> QColor | None:
            if row.status is AskStatus.REFERRED:
                return good_color()
            if row.status is AskStatus.NO_ANSWER:
                return QGuiApplication.palette().color(
                    QGuiApplication.palette().ColorRole.PlaceholderText
                )
            return None

        return (
            Column(
                self.tr("Asked"),
                lambda r: fmt.days_ago(r.asked_on, self._day),
                tooltip=lambda r: r.asked_on.isoformat(),
                sort_key=lambda r: r.asked_on,
            ),
            Column(self.tr("Person"), lambda r: r.contact_name),
            Column(self.tr("Template"), lambda r: r.template_name or "—"),
            Column(
                self.tr("Status"),
                lambda r: rf.ask_status_label(r.status),
                tooltip=status_tooltip,
                foreground=status_colour,
            ),
            Column(self.tr("Since"), lambda r: r.status_on.isoformat() if r.status_on else ""),
        )


class ReferrerColumn(IntEnum):
    PERSON = 0
    REFERRED = 1
    CLIENTS = 2
    LAST = 3
    TO_THANK = 4


class ReferrersModel(RowsModel[Referrer]):
    def row_roles(self) -> dict[int, Callable[[Referrer], Any]]:
        return {ID_ROLE: _contact, CONTACT_ROLE: _contact}

    def declare_columns(self) -> tuple[Column[Referrer], ...]:
        return (
            Column(self.tr("Person"), lambda r: r.display_name),
            Column(self.tr("Referred"), lambda r: str(r.referred), align=CENTER),
            Column(self.tr("Became clients"), lambda r: str(r.became_clients), align=CENTER),
            Column(
                self.tr("Latest"),
                lambda r: fmt.days_ago(r.last_referred_on, self._day),
                align=CENTER,
                sort_key=lambda r: r.last_referred_on,
            ),
            Column(
                self.tr("To thank"),
                lambda r: str(r.unthanked) if r.unthanked else "—",
                align=CENTER,
                foreground=lambda r: caution_color() if r.unthanked else None,
            ),
        )


class ReferredColumn(IntEnum):
    PERSON = 0
    REFERRED_ON = 1
    CLIENT = 2
    THANKED = 3


class ReferredPeopleModel(RowsModel[ReferredPerson]):
    def row_roles(self) -> dict[int, Callable[[ReferredPerson], Any]]:
        return {ID_ROLE: _contact, CONTACT_ROLE: _contact}

    def declare_columns(self) -> tuple[Column[ReferredPerson], ...]:
        return (
            Column(self.tr("Referred person"), lambda r: r.display_name),
            Column(self.tr("When"), lambda r: r.referred_on.isoformat()),
            Column(
                self.tr("Client"), lambda r: self.tr("yes") if r.is_client else self.tr("not yet")
            ),
            Column(
                self.tr("Thanked"),
                lambda r: r.thanked_on.isoformat() if r.thanked_on else self.tr("not yet"),
                foreground=lambda r: caution_color() if r.thanked_on is None else None,
            ),
        )
