"""Notices above every screen about where the journal is kept: saving is off (the journal was
opened read-only, and why), or the journal sits in a synced folder or has conflict copies
beside it.

They are shown once, when the main window is made for a session, in plain text: the sentences
come from the core (:attr:`Journal.read_only_reason`, :mod:`core.sync_conflicts`) and name the
files and folders at fault with what to do.  The read-only notice stays as long as saving is
off; a sync warning can be dismissed for the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.storage.files.sync_conflicts import find
from colearn_desktop.ui.kit.format import is_dark
from colearn_desktop.ui.kit.widgets import plain_label

if TYPE_CHECKING:  # (imported with a notice: QStyle's enums are made when it is first imported)
    from PySide6.QtWidgets import QStyle


class Notice(QFrame):
    """One notice: a warning icon, the sentence, and (if it may go) a Dismiss button."""

    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        *,
        dismissible: bool,
        icon: QStyle.StandardPixmap | None = None,
    ):
        """``icon``: the style's warning sign unless told otherwise."""
        from PySide6.QtWidgets import QStyle

        super().__init__(parent)
        self.setObjectName("storageNotice")
        background, border = (
            ("#3f3410", "#8a6d1a") if is_dark(self.palette()) else ("#fff4ce", "#e0b93a")
        )
        self.setStyleSheet(
            f"QFrame#storageNotice {{ background: {background}; border: 1px solid {border}; "
            "border-radius: 4px; }"
        )
        picture = plain_label("", self, wrap=False)
        if icon is None:
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning
        picture.setPixmap(self.style().standardIcon(icon).pixmap(24, 24))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = plain_label(text, self)
        layout = self.row = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(picture)
        layout.addWidget(self.label, 1)
        self.dismiss_button: QPushButton | None = None
        if dismissible:
            self.dismiss_button = QPushButton(self.tr("&Dismiss"), self)
            self.dismiss_button.clicked.connect(self.hide)
            layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)


def add_storage_notices(window: QMainWindow, journal: Journal) -> list[Notice]:
    """Put the notices that apply above the window's screens; returns them (none: the
    window is left exactly as it was)."""
    notices = []
    if journal.read_only_reason:
        notices.append(Notice(journal.read_only_reason, window, dismissible=False))
    for warning in find(journal.path).warnings():
        notices.append(Notice(warning, window, dismissible=True))
    if notices:
        place_above_screens(window, notices)
    return notices


def place_above_screens(window: QMainWindow, notices: list[Notice]) -> None:
    """Put ``notices`` above whatever the window shows now (its screens, or notices placed
    before and the screens)."""
    screens = window.takeCentralWidget()
    assert screens is not None  # the window's screens are its central widget
    container = QWidget(window)
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for notice in notices:
        holder = QVBoxLayout()
        holder.setContentsMargins(8, 6, 8, 0)
        holder.addWidget(notice)
        layout.addLayout(holder)
    layout.addWidget(screens, 1)
    window.setCentralWidget(container)
