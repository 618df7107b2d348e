"""The demo journal, said on screen and remembered.

Made-up people look like real ones, so a window on the demo journal says so in its title and
in a slim banner above every screen, with the way out ("Start my own journal").  Choosing the
demo on the Welcome screen is remembered on this computer (per data folder), so the next start
opens the demo again instead of asking the first-run questions once more; starting one's own
journal forgets it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.storage_notices import Notice, place_above_screens

_CHOSEN_FOR = "start/demo_chosen_for"  # the data folders whose user chose the demo


def _chosen(settings: QSettings) -> list[str]:
    value = settings.value(_CHOSEN_FOR, [])
    if isinstance(value, str):  # QSettings hands back a one-item list as a string
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def demo_was_chosen(settings: QSettings, paths: DataPaths) -> bool:
    """The user of ``paths`` chose "Try the demo journal" and has not started their own."""
    return str(paths.root) in _chosen(settings)


def remember_demo_choice(settings: QSettings, paths: DataPaths, chosen: bool) -> None:
    folders = [folder for folder in _chosen(settings) if folder != str(paths.root)]
    settings.setValue(_CHOSEN_FOR, [*folders, str(paths.root)] if chosen else folders)
    settings.sync()


def own_paths(demo_paths: DataPaths) -> DataPaths:
    """The data folder the demo folder (``DataPaths.demo``) belongs to."""
    return DataPaths(demo_paths.root.parent)


class DemoBanner(Notice):
    """ "This is the demo journal", with a button to start one's own."""

    own_journal_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        from PySide6.QtWidgets import QStyle  # (with its enums: only when the demo is open)

        super().__init__(
            self.tr(
                "This is the demo journal: made-up people to try CoLearn with, kept apart "
                "from your own journal. Nothing you do here touches your own contacts."
            ),
            parent,
            dismissible=False,
            icon=QStyle.StandardPixmap.SP_MessageBoxInformation,
        )
        self.own_button = QPushButton(self.tr("Start &my own journal…"), self)
        self.own_button.clicked.connect(self.own_journal_requested)
        self.row.addWidget(self.own_button)


def show_demo(window: QMainWindow) -> DemoBanner:
    """Say in ``window``'s title and above its screens that the demo journal is open."""
    window.setWindowTitle(QCoreApplication.translate("DemoBanner", "CoLearn — demo journal"))
    banner = DemoBanner(window)
    place_above_screens(window, [banner])
    return banner
