"""Render the README's pictures:  python packaging/screenshots.py [--out DIR] [--only NAME ...]

Each main screen is drawn offscreen with the demo journal (a fixed seed and a fixed "today",
so the pictures only change when the app does) into PNG files under docs/screenshots/:

  today.png              what is due today
  contacts.png           the contacts list with a contact's page beside it (and -dark)
  contact-timeline.png   the same page on its timeline of conversations
  referrals.png          who to ask for a referral, and why
  quick-log.png          the quick log, filled in as after a call
  referral-composer.png  asking a happy client for a referral
  search.png             search everything, with a query typed and its results
  insights.png           what I learned, browsed by tag
  insights-charts.png    the charts tab

Run it (with the project installed: pip install -e .) after changing a screen and commit the
pictures.  It needs no display (Qt's offscreen platform) and never touches your own journal or
preferences.  Names in Chinese, Japanese, Korean and Arabic need fonts that cover them (on
Debian: fonts-noto-cjk, fonts-noto-core); without them the pictures still render, with boxes
for those names.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# ruff: noqa: E402  (Qt must see the platform before PySide6 is imported)
os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))  # its sibling screenshot_stage.py, as build.py does

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from screenshot_stage import (
    ModalGuard,
    application,
    dark_palette,
    light_palette,
    settle,
    wait_for_signal,
)

from colearn_desktop.core.clock import FixedClock
from colearn_desktop.core.demo_journal.demo import generate_demo
from colearn_desktop.core.enums import Channel
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.core.storage.drafts import DraftStore

OUT = ROOT / "docs" / "screenshots"
# The day the pictures are taken on: the demo history and every "3 days ago" hang on it.
TODAY = datetime(2026, 11, 22, 9, 30)
SIZE = (1280, 800)
SEED = 1
DEMO_CONTACTS = 300
CONVERSATIONS_PER_CONTACT = 8
SEARCH_QUERY = "grant"
# Preferred user-interface fonts, first found wins (the platform default otherwise).


# -- the journal ----------------------------------------------------------------------------


def demo_journal(folder: Path, contacts: int) -> Journal:
    journal = open_journal(folder / "journal.sqlite3", clock=FixedClock(TODAY))
    generate_demo(
        journal, contacts=contacts, conversations_per_contact=CONVERSATIONS_PER_CONTACT, seed=SEED
    )
    journal.settings.update(
        my_name="Sam Rivera",
        my_offer="brand identities and websites for small businesses",
        my_signature="Sam Rivera · Rivera Studio",
    )
    return journal


def featured_contact(journal: Journal) -> int:
    """The client the pictures show: the best person to ask for a referral (a happy client
    with a recent project), else the first contact."""
    ready = journal.referrals.ready_to_ask(limit=1)
    if ready:
        return ready[0].contact_id
    rows = journal.contact_list.rows()
    if not rows:
        raise RuntimeError("the demo journal has no contacts")
    return rows[0].id


# -- pictures -------------------------------------------------------------------------------


def save(image: QImage | QPixmap, path: Path) -> Path:
    """Write a true-colour PNG at the strongest compression (a palette of 256 colours would
    visibly band the gradients of Fusion's tabs and buttons; the files stay well under
    300 KB as they are)."""
    picture = image.toImage() if isinstance(image, QPixmap) else image
    picture = picture.convertToFormat(QImage.Format.Format_RGB32)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(path), "PNG", 0):  # quality 0: smallest file, slowest to write
        raise RuntimeError(f"could not write {path}")
    return path


def with_border(dialog: QWidget) -> QPixmap:
    """A dialog as it would look on screen: its content in a thin frame (offscreen windows
    have no decorations)."""
    content = dialog.grab()
    framed = QPixmap(content.width() + 2, content.height() + 2)
    framed.fill(dialog.palette().color(QPalette.ColorRole.Shadow))
    painter = QPainter(framed)
    painter.drawPixmap(1, 1, content)
    painter.end()
    return framed


def over_window(window: QWidget, popup: QWidget) -> QPixmap:
    """The main window with a popup window drawn where it stands, the window dimmed."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70))
    offset = popup.frameGeometry().topLeft() - window.geometry().topLeft()
    shadow = QColor(0, 0, 0, 60)
    framed = with_border(popup)
    for spread in (6, 4, 2):
        painter.fillRect(
            offset.x() - 1 + spread,
            offset.y() - 1 + spread,
            framed.width(),
            framed.height(),
            shadow,
        )
    painter.drawPixmap(offset - QPoint(1, 1), framed)
    painter.end()
    return picture


@dataclass
class Shooter:
    journal: Journal
    folder: Path
    out: Path
    contact_id: int

    def window(self):  # type: ignore[no-untyped-def]
        from colearn_desktop.ui.shell.main_window import MainWindow

        settings = QSettings(str(self.folder / "ui.ini"), QSettings.Format.IniFormat)
        settings.clear()  # every picture starts from the default layout
        window = MainWindow(
            self.journal, DraftStore(self.folder / "drafts", self.journal.path), settings
        )
        window.resize(*SIZE)
        window.show()
        settle()
        return window

    @contextmanager
    def main_window(self, palette: QPalette | None = None) -> Iterator:  # type: ignore[type-arg]
        """A fresh main window (colours are chosen when widgets are built, so a palette is set
        before the window exists)."""
        QApplication.setPalette(palette or light_palette())
        window = self.window()
        try:
            yield window
        finally:
            for page in (window.navigation.search_popup, window.insights_page, window.today_page):
                page.wait_idle()
            window.close()
            window.signals.detach()  # the journal outlives this window
            window.deleteLater()
            settle()

    def open_featured(self, window) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QAbstractItemView

        window.open_contact(self.contact_id)
        table = window.contacts_page.table
        table.scrollTo(table.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)
        settle()

    # One function per picture; each returns the file it wrote.

    def today(self) -> list[Path]:
        with self.main_window() as window:
            window.show_screen("today")
            settle()
            window.today_page.wait_idle()  # a big journal is worked out on a worker
            settle()
            return [save(window.grab(), self.out / "today.png")]

    def contacts(self) -> list[Path]:
        written = []
        for name, palette in (
            ("contacts.png", light_palette()),
            ("contacts-dark.png", dark_palette()),
        ):
            with self.main_window(palette) as window:
                self.open_featured(window)
                window.contact_page.tabs.setCurrentWidget(window.contact_page.brief)
                settle()
                written.append(save(window.grab(), self.out / name))
        return written

    def contact_timeline(self) -> list[Path]:
        with self.main_window() as window:
            self.open_featured(window)
            page = window.contact_page
            page.tabs.setCurrentWidget(page.timeline)
            settle()
            return [save(window.grab(), self.out / "contact-timeline.png")]

    def referrals(self) -> list[Path]:
        with self.main_window() as window:
            window.show_screen("referrals")
            settle()
            page = window.referrals_page
            if page.ready_model.rowCount() > 0:
                page.ready_table.selectRow(0)
            settle()
            return [save(window.grab(), self.out / "referrals.png")]

    def quick_log(self) -> list[Path]:
        from colearn_desktop.ui.today.quick_log import QuickLogDialog

        with self.main_window() as window:
            dialog = QuickLogDialog(self.journal, None, window, contact_id=self.contact_id)
            dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.CALL.value))
            dialog.notes.setPlainText(
                "Call about the spring campaign. The new brand is working: bookings are up "
                "since the launch, and the team finally uses one set of templates."
            )
            dialog.learned.setPlainText(
                "Their customers find them through local newsletters, not search."
            )
            dialog.asked.setPlainText("A quote for a small print run of the new menu cards.")
            dialog.next_step.setText("Send the print quote")
            dialog.has_due.setChecked(True)
            dialog.praise.setChecked(True)
            dialog.show()
            settle()
            try:
                return [save(with_border(dialog), self.out / "quick-log.png")]
            finally:
                QDialog.reject(dialog)  # close without "Discard this note?"
                dialog.deleteLater()

    def referral_composer(self) -> list[Path]:
        from colearn_desktop.ui.referrals.referral_composer import ReferralComposer

        with self.main_window() as window:
            dialog = ReferralComposer(self.journal, self.contact_id, window)
            dialog.show()
            settle()
            try:
                return [save(with_border(dialog), self.out / "referral-composer.png")]
            finally:
                dialog.reject()
                dialog.deleteLater()

    def search(self) -> list[Path]:
        with self.main_window() as window:
            window.show_screen("contacts")
            self.open_featured(window)
            popup = window.navigation.search_popup
            wait_for_signal(
                popup.results_shown, lambda: window.open_search(SEARCH_QUERY), "search results"
            )
            popup.wait_idle()
            settle(400)  # the clear button fades in (an animation)
            try:
                return [save(over_window(window, popup), self.out / "search.png")]
            finally:
                popup.reject()

    def insights(self) -> list[Path]:
        with self.main_window() as window:
            page = window.insights_page
            window.show_screen("insights")
            wait_for_signal(page.loaded, page.reload, "insights")
            page.wait_idle()
            settle()
            top = page.tag_model.index(1, 0)  # the tag with the most learnings (0 is "all")
            from colearn_desktop.ui.insights.insights_models import TAG_ROLE

            if top.isValid() and top.data(TAG_ROLE):
                wait_for_signal(page.loaded, lambda: page.set_tag(top.data(TAG_ROLE)), "a tag")
            settle()
            written = [save(window.grab(), self.out / "insights.png")]
            page.tabs.setCurrentIndex(2)
            page.set_tag(None)
            wait_for_signal(page.loaded, page.reload, "charts")
            settle()
            written.append(save(window.grab(), self.out / "insights-charts.png"))
            return written


SHOTS: dict[str, Callable[[Shooter], list[Path]]] = {
    "today": Shooter.today,
    "contacts": Shooter.contacts,
    "contact-timeline": Shooter.contact_timeline,
    "referrals": Shooter.referrals,
    "quick-log": Shooter.quick_log,
    "referral-composer": Shooter.referral_composer,
    "search": Shooter.search,
    "insights": Shooter.insights,
}


def render(out: Path, only: list[str] | None = None, contacts: int = DEMO_CONTACTS) -> list[Path]:
    """Write the pictures named in ``only`` (all by default) into ``out``."""
    names = only or list(SHOTS)
    unknown = [name for name in names if name not in SHOTS]
    if unknown:
        raise ValueError(f"unknown screenshot(s): {', '.join(unknown)}; choose from {list(SHOTS)}")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="colearn-shots-") as scratch, application():
        folder = Path(scratch)
        journal = demo_journal(folder, contacts)
        try:
            shooter = Shooter(journal, folder, out, featured_contact(journal))
            with ModalGuard() as guard:
                for name in names:
                    written += SHOTS[name](shooter)
                    if guard.seen:
                        raise RuntimeError(f"{name}: a dialog opened unasked: {guard.seen}")
        finally:
            settle()
            journal.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs ({OUT})")
    parser.add_argument(
        "--only", action="append", choices=list(SHOTS), help="just this picture (repeatable)"
    )
    parser.add_argument(
        "--contacts", type=int, default=DEMO_CONTACTS, help="demo journal size (default 300)"
    )
    args = parser.parse_args(argv)
    for path in render(args.out, args.only, args.contacts):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
