"""Item models of the Referrals screen: plain rows from the journal, formatted in data().

Each model is loaded with ``set_rows`` from one service call; ``data()`` only formats rows it
already holds and never queries.  The one write (the "never ask" check box) goes through the
journal service, whose change signal then reloads the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.referrals import AskView, ReferredPerson, Referrer, Suggestion
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.referrals import referral_format as rf

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
Row = TypeVar("Row")


def caution_color() -> QColor:
    dark = fmt.is_dark(QGuiApplication.palette())
    return QColor("#fbbf24" if dark else "#b45309")


def good_color() -> QColor:
    dark = fmt.is_dark(QGuiApplication.palette())
    return QColor("#4ade80" if dark else "#15803d")


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list of rows; subclasses say how a cell reads."""

    headers: tuple[str, ...] = ()

    def __init__(self, today: Callable[[], date], parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Row] = []
        self._today = today
        self._day = today()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._day = self._today()
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def header_texts(self) -> tuple[str, ...]:
        return ()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        texts = self.header_texts()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return texts[section] if 0 <= section < len(texts) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class ReadyColumn(IntEnum):
    NAME = 0
    WHY = 1
    NEVER_ASK = 2


class ReadyToAskModel(RowsModel[Suggestion]):
    """Who to ask now, best first, with the reasons; the last column is "never ask"."""

    headers = tuple(ReadyColumn.__members__)

    def __init__(
        self,
        today: Callable[[], date],
        set_never_ask: Callable[[int, bool], None],
        parent: QObject | None = None,
    ):
        super().__init__(today, parent)
        self._set_never_ask = set_never_ask

    def header_texts(self) -> tuple[str, ...]:
        return (self.tr("Person"), self.tr("Why now"), self.tr("Never ask"))

    def cell(self, row: Suggestion, column: int, role: int) -> Any:
        if role in (ID_ROLE, CONTACT_ROLE):
            return row.contact_id
        column = ReadyColumn(column)
        if column is ReadyColumn.NEVER_ASK:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.never_ask else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Leave this person out of referral suggestions")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ReadyColumn.NAME:
                return row.display_name
            return rf.reasons_text(row.reasons, self._day)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.display_name + (f" · {row.company}" if row.company else "")]
            lines += ["• " + rf.reason_text(r, self._day) for r in row.reasons]
            if row.praise:
                lines.append(self.tr("They said: “{praise}”").replace("{praise}", row.praise))
            lines.append(self.tr("Ranking points: {score}").replace("{score}", str(row.score)))
            return plain_tooltip("\n".join(lines))
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column is ReadyColumn.WHY
            and not all(r.positive for r in row.reasons)
        ):
            return caution_color()
        return None

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
    headers = tuple(AskColumn.__members__)

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Asked"),
            self.tr("Person"),
            self.tr("Template"),
            self.tr("Status"),
            self.tr("Since"),
        )

    def cell(self, row: AskView, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return row.id
        if role == CONTACT_ROLE:
            return row.contact_id
        column = AskColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is AskColumn.ASKED_ON:
                return fmt.days_ago(row.asked_on, self._day)
            if column is AskColumn.PERSON:
                return row.contact_name
            if column is AskColumn.TEMPLATE:
                return row.template_name or "—"
            if column is AskColumn.STATUS:
                return rf.ask_status_label(row.status)
            return row.status_on.isoformat() if row.status_on else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is AskColumn.ASKED_ON:
                return row.asked_on.isoformat()
            if (
                column is AskColumn.STATUS
                and row.status is AskStatus.NO_ANSWER
                and not row.answered
            ):
                return self.tr("No answer yet after the number of days set in Settings")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column is AskColumn.STATUS:
            if row.status is AskStatus.REFERRED:
                return good_color()
            if row.status is AskStatus.NO_ANSWER:
                return QGuiApplication.palette().color(
                    QGuiApplication.palette().ColorRole.PlaceholderText
                )
        return None


class ReferrerColumn(IntEnum):
    PERSON = 0
    REFERRED = 1
    CLIENTS = 2
    LAST = 3
    TO_THANK = 4


class ReferrersModel(RowsModel[Referrer]):
    headers = tuple(ReferrerColumn.__members__)

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Person"),
            self.tr("Referred"),
            self.tr("Became clients"),
            self.tr("Latest"),
            self.tr("To thank"),
        )

    def cell(self, row: Referrer, column: int, role: int) -> Any:
        if role in (ID_ROLE, CONTACT_ROLE):
            return row.contact_id
        column = ReferrerColumn(column)
        values = {
            ReferrerColumn.PERSON: row.display_name,
            ReferrerColumn.REFERRED: row.referred,
            ReferrerColumn.CLIENTS: row.became_clients,
            ReferrerColumn.LAST: row.last_referred_on,
            ReferrerColumn.TO_THANK: row.unthanked,
        }
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ReferrerColumn.LAST:
                return fmt.days_ago(row.last_referred_on, self._day)
            if column is ReferrerColumn.TO_THANK:
                return str(row.unthanked) if row.unthanked else "—"
            return str(values[column]) if column is not ReferrerColumn.PERSON else row.display_name
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not ReferrerColumn.PERSON:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column is ReferrerColumn.TO_THANK:
            return caution_color() if row.unthanked else None
        return None


class ReferredColumn(IntEnum):
    PERSON = 0
    REFERRED_ON = 1
    CLIENT = 2
    THANKED = 3


class ReferredPeopleModel(RowsModel[ReferredPerson]):
    headers = tuple(ReferredColumn.__members__)

    def header_texts(self) -> tuple[str, ...]:
        return (self.tr("Referred person"), self.tr("When"), self.tr("Client"), self.tr("Thanked"))

    def cell(self, row: ReferredPerson, column: int, role: int) -> Any:
        if role in (ID_ROLE, CONTACT_ROLE):
            return row.contact_id
        column = ReferredColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ReferredColumn.PERSON:
                return row.display_name
            if column is ReferredColumn.REFERRED_ON:
                return row.referred_on.isoformat()
            if column is ReferredColumn.CLIENT:
                return self.tr("yes") if row.is_client else self.tr("not yet")
            return row.thanked_on.isoformat() if row.thanked_on else self.tr("not yet")
        if role == Qt.ItemDataRole.ForegroundRole and column is ReferredColumn.THANKED:
            return caution_color() if row.thanked_on is None else None
        return None
