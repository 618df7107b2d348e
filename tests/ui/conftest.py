from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.storage.drafts import DraftStore
from colearn_desktop.ui.shell.launch.i18n import install_translators


@pytest.fixture(scope="session", autouse=True)
def _translations(qapp):
    """The app's translators, as ``colearn`` installs them (English plural forms)."""
    return install_translators(qapp)


@pytest.fixture
def locale_named():
    """Sets Qt's default locale (how amounts are typed and shown) for one test, then puts
    the previous one back."""
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


@pytest.fixture
def demo_journal(journal):
    generate_demo(journal, contacts=40, conversations_per_contact=3, seed=3)
    return journal


@pytest.fixture
def ui_settings(tmp_path) -> QSettings:
    """Window preferences in a throw-away file, never the user's real ones."""
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def drafts(tmp_path, journal) -> DraftStore:
    return DraftStore(tmp_path / "drafts", journal.path)


@pytest.fixture
def window(qtbot, journal, drafts, ui_settings):
    from colearn_desktop.ui.shell.main_window import MainWindow

    main = MainWindow(journal, drafts, ui_settings)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def on_modal(qtbot) -> Callable[[Callable[[QWidget], None]], None]:
    """Run ``handler(dialog)`` on the next modal dialog, once it is open (for code that
    calls ``exec()``)."""

    def schedule(handler: Callable[[QWidget], None]) -> None:
        def attempt() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(10, attempt)
                return
            handler(dialog)

        QTimer.singleShot(0, attempt)

    return schedule
