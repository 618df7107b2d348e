"""Every place that shows user text shows it as text.

A contact named ``<img src="/dev/zero">Eve`` (from a vCard, say) was rendered as HTML in the
"Delete permanently?" box and the app allocated gigabytes and died; the "Open <name>" tooltip
and the Insights tooltips had the same flaw.  Here a journal whose every kind of text is
hostile (but harmless: no image that exists, no link that goes anywhere) is opened in the real
window, every screen is visited, and every label, button, tooltip, message box, item of every
view and the HTML the search delegate paints is checked: each hostile string that shows at all
shows literally, never as formatting (and never double-escaped).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from colearn_desktop.core.contact_fields import ContactInput, Labelled
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.enums import FavourDirection, FavourKind, Stage
from colearn_desktop.core.records import ConversationInput, FavourInput, PurchaseInput
from colearn_desktop.core.referrals.asks import AskInput
from colearn_desktop.core.referrals.template_store import TemplateInput
from colearn_desktop.ui.search.results_model import HTML_ROLE

HOSTILE = (
    "<b>Bold</b> Eve",
    '<img src="nonexistent.png">Mallory',
    '<a href="x">Link</a> Ann',
    "Ann &amp; Co",
    "<i>Tilt</i> Ltd",
)


def _rendered(markup: str) -> str:
    document = QTextDocument()
    document.setHtml(markup)
    return document.toPlainText()


def _is_rich(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format == Qt.TextFormat.RichText:
        return True
    return text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)


class Screen:
    """What one screen shows, as (where, text the user sees)."""

    def __init__(self, name: str):
        self.name = name
        self.shown: list[tuple[str, str]] = []

    def text(self, where: str, text: str, text_format=Qt.TextFormat.PlainText) -> None:
        if text:
            rich = _is_rich(text, text_format)
            self.shown.append((where, _rendered(text) if rich else text))

    def tooltip(self, where: str, tip: str) -> None:
        self.text(f"{where} tooltip", tip, Qt.TextFormat.AutoText)

    def problems(self) -> list[str]:
        found = []
        for where, seen in self.shown:
            for hostile in HOSTILE:
                if _rendered(hostile) in seen and hostile not in seen:
                    found.append(f"{self.name}: {where} renders {hostile!r} as markup: {seen!r}")
                if html.escape(hostile) in seen:
                    found.append(f"{self.name}: {where} shows {hostile!r} escaped: {seen!r}")
        return found

    def literal(self) -> int:
        return sum(h in seen for _, seen in self.shown for h in HOSTILE)


def _indexes(model: QAbstractItemModel, parent: QModelIndex, depth: int = 0) -> Iterator:
    for row in range(min(model.rowCount(parent), 200)):
        for column in range(30):  # columnCount is private on list models
            index = model.index(row, column, parent)
            if not index.isValid():
                break
            yield index
            if depth < 2 and column == 0 and model.rowCount(index):
                yield from _indexes(model, index, depth + 1)


def walk(screen: Screen, top: QWidget) -> Screen:
    for widget in [top, *top.findChildren(QWidget)]:
        kind = f"{type(widget).__name__} {widget.objectName()}".strip()
        screen.tooltip(kind, widget.toolTip())
        if isinstance(widget, QLabel):
            screen.text(kind, widget.text(), widget.textFormat())
        elif isinstance(widget, QAbstractButton | QGroupBox):
            screen.text(kind, widget.text() if isinstance(widget, QAbstractButton) else "")
        elif isinstance(widget, QTextEdit):
            screen.text(kind, widget.toPlainText())
        elif isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                screen.text(f"{kind} tab", widget.tabText(tab))
                screen.tooltip(f"{kind} tab", widget.tabToolTip(tab))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            model = widget.model()
            for index in _indexes(model, QModelIndex()):
                where = f"{kind} row {index.row()} column {index.column()}"
                screen.text(where, str(index.data() or ""))
                screen.tooltip(where, str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
                markup = index.data(HTML_ROLE)
                if isinstance(markup, str):
                    screen.text(f"{where} painted", markup, Qt.TextFormat.RichText)
    return screen


@pytest.fixture
def hostile(journal):
    """Contacts, companies, notes, tags, favours, purchases, reminders, templates, asks and
    my own name, all hostile.  Returns Eve's id (the contact every screen shows)."""
    today = journal.clock.today()
    bold, image, link, amp, tilt = HOSTILE
    referrer = journal.contacts.create(ContactInput(name=link, company=amp))
    eve = journal.contacts.create(
        ContactInput(
            name=bold,
            company=amp,
            job_title=tilt,
            emails=(Labelled("eve@example.com", "work"),),
            address=f"{tilt}\n{amp}",
            website="https://example.com",
            stage=Stage.HELP,
            how_met=image,
            referred_by_id=referrer,
            notes=f"{image}\n{bold}",
            tags=("Tilt", "VIP <b>"),
            cadence_days=7,
        )
    )
    journal.contacts.create(ContactInput(name=image, referred_by_id=eve, job_title=bold))
    for days in (40, 3):
        journal.conversations.log(
            ConversationInput(
                (eve,),
                datetime.combine(today - timedelta(days=days), time(10)),
                notes=f"{bold} notes {amp}",
                learned=f"{image} learned {tilt}",
                they_asked=link,
                next_step=f"Send {bold}",
                next_step_due=today,
                praise=True,
            )
        )
    favour = FavourInput(eve, FavourDirection.I_OWE, FavourKind.INTRO, bold, notes=amp)
    journal.favours.settle(journal.favours.add(favour), note=f"Half {bold}")
    journal.purchases.add(
        PurchaseInput(eve, today - timedelta(days=30), image, Decimal("500"), "EUR", notes=tilt)
    )
    journal.reminders.add(ReminderInput(f"Call {bold}", today, contact_id=eve))
    journal.referrals.templates.create(
        TemplateInput(f"Template {tilt}", f"Hi {{first_name}}, {amp} {bold}", subject=link)
    )
    journal.referrals.asks.record(
        AskInput(referrer, f"Asked {bold}", subject=amp, asked_on=today - timedelta(days=60))
    )
    journal.settings.update(my_name=tilt, my_signature=bold, my_offer=amp)
    return eve


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes: captured instead of shown, answered Cancel / No."""
    captured: list[tuple[str, str, Qt.TextFormat]] = []

    def exec_box(box: QMessageBox) -> int:
        text = "\n".join((box.text(), box.informativeText()))
        captured.append((box.windowTitle(), text, box.textFormat()))
        return int(QMessageBox.StandardButton.Cancel.value)

    def static(parent, title, text, *args, **kwargs):
        captured.append((title, text, Qt.TextFormat.AutoText))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    for name in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, static)
    return captured


def _check(screen: Screen, problems: list[str]) -> None:
    problems.extend(screen.problems())
    assert screen.literal(), f"{screen.name}: no hostile text shown, the scan saw nothing"


def test_every_screen_shows_hostile_text_literally(qtbot, window, hostile, journal, boxes):
    problems: list[str] = []
    window.show_screen("today")
    qtbot.waitUntil(lambda: window.today_page.model.rowCount() > 0)
    _check(walk(Screen("Today"), window), problems)

    window.open_contact(hostile)
    page = window.contact_page
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        _check(walk(Screen(f"Contact tab {page.tabs.tabText(tab)}"), window), problems)

    window.show_screen("referrals")
    _check(walk(Screen("Referrals"), window), problems)
    composer = window.referrals_page.open_composer(hostile)
    qtbot.waitExposed(composer)
    _check(walk(Screen("Referral composer"), composer), problems)
    composer.reject()
    editor = window.referrals_page.open_template_editor()
    qtbot.waitExposed(editor)
    _check(walk(Screen("Template editor"), editor), problems)
    editor.reject()

    with qtbot.waitSignal(window.insights_page.loaded, timeout=10000):
        window.show_screen("insights")
    _check(walk(Screen("Insights"), window), problems)

    popup = window.navigation.search_popup
    with qtbot.waitSignal(popup.results_shown, timeout=5000):
        window.open_search("Bold")
    _check(walk(Screen("Search"), popup), problems)
    popup.close()
    popup.wait_idle()

    window.open_contact(hostile)
    window.menus.archive_action.trigger()  # archives Eve
    window.menus.archive_action.trigger()  # asks: delete permanently?
    assert journal.contacts.get(hostile).archived
    asked = Screen("Delete permanently")
    for title, text, text_format in boxes:
        asked.text("title", title)
        asked.text("message box", text, text_format)
    _check(asked, problems)

    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_one_helper_for_tooltips_and_boxes(qtbot):
    from colearn_desktop.ui.kit.plain_text import message_box, plain_tooltip

    for hostile in HOSTILE:
        tip = plain_tooltip(f"Open {hostile}")
        shown = _rendered(tip) if GuiQt.mightBeRichText(tip) else tip
        assert shown == f"Open {hostile}"
        box = message_box(None, QMessageBox.Icon.Warning, hostile, hostile)
        assert box.textFormat() == Qt.TextFormat.PlainText
    assert plain_tooltip("Plain words") == "Plain words"


def test_the_import_preview_shows_cells_literally(qtbot, qtmodeltester):
    from colearn_desktop.ui.interchange.import_models import PreviewModel

    model = PreviewModel()
    model.set_file_rows(["Name", "Notes"], [list(HOSTILE[:2]), list(HOSTILE[2:4])])
    qtmodeltester.check(model)
    screen = Screen("Import preview")
    for row in range(2):
        for column in range(2):
            index = model.index(row, column)
            screen.text("cell", index.data())
            screen.tooltip("cell", index.data(Qt.ItemDataRole.ToolTipRole))
    assert not screen.problems()
    assert screen.literal() == 8


def test_a_contact_imported_with_control_characters_can_be_saved_again(qtbot, journal):
    """An old import stored a vertical tab and a NUL; the editor leaves them out, so saving
    the form (which now refuses them) does not fail on characters nobody can see."""
    import sqlite3

    from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor

    eve = journal.contacts.create(
        ContactInput(name="Eve", notes="notes", emails=(Labelled("eve@example.com", "work"),))
    )
    with sqlite3.connect(journal.path) as raw:
        raw.execute("UPDATE contact SET notes = ? WHERE id = ?", ("one\x0btwo\x00", eve))
        raw.execute("UPDATE contact_email SET label = ? WHERE contact_id = ?", ("w\x1bork", eve))
    editor = ContactEditor(journal, journal.contacts.get(eve))
    qtbot.addWidget(editor)
    editor.company.setText("Acme")
    editor.save()
    saved = journal.contacts.get(eve).data
    assert (saved.company, saved.notes) == ("Acme", "onetwo")
    assert saved.emails == (Labelled("eve@example.com", "work"),)
