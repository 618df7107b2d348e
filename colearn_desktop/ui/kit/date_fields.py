"""Converting between Qt's date types and Python's, in one place, and date fields that offer
only the days the journal accepts (core/validation.py: events from 1900 to today, plans up to
a hundred years ahead), so year 1 or 9999 cannot be picked by a slip of the wheel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from colearn_desktop.core.validation import EARLIEST_DAY, latest_plan_day


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


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
