"""Converting between Qt's date types and Python's, in one place, and date fields that offer
only the days the journal accepts (core/validation.py: events from 1900 to today, plans up to
a hundred years ahead), so year 1 or 9999 cannot be picked by a slip of the wheel."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.validation import EARLIEST_DAY, latest_plan_day


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdatetime(moment: datetime) -> QDateTime:
    """To the minute: the journal's date-time fields show no seconds."""
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    """To the minute, like the field that shows it."""
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def date_edit(value: date, parent: QWidget | None = None, latest: date | None = None) -> QDateEdit:
    """A date field from 1900-01-01 to ``latest`` (default: the last day Qt can show)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(latest or date.max))
    show_date(edit, value)
    return edit


def past_date_edit(today: date, parent: QWidget | None = None) -> QDateEdit:
    """For something that happened: 1900-01-01 to today, starting on today."""
    return date_edit(today, parent, latest=today)


def plan_date_edit(today: date, parent: QWidget | None = None) -> QDateEdit:
    """For a day planned or promised: 1900-01-01 to a hundred years from today."""
    return date_edit(today, parent, latest=latest_plan_day(today))


def show_date(edit: QDateEdit, value: date) -> None:
    """Show ``value``; a stored date outside the field's range widens the range instead of
    being moved silently to its edge, so saving it unchanged gets the journal's message."""
    day = to_qdate(value)
    if day < edit.minimumDate():
        edit.setMinimumDate(day)
    if day > edit.maximumDate():
        edit.setMaximumDate(day)
    edit.setDate(day)


def pick_day(parent: QWidget, earliest: date, title: str) -> date | None:
    """Ask for a day on or after ``earliest`` in a calendar titled ``title`` (translated by
    the caller); None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget(dialog)
    calendar.setMinimumDate(to_qdate(earliest))
    calendar.setSelectedDate(to_qdate(earliest))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(lambda _d: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return from_qdate(calendar.selectedDate())
