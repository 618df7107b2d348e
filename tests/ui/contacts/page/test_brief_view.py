"""The brief on screen: what it shows, copying it, printing it to a one-page PDF."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.interchange.writers.export_target import ExportTargetError
from colearn_desktop.ui.contacts.page.brief_view import BriefView
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.helpers import add_contact, email, log_call


@pytest.fixture
def view(qtbot, journal):
    signals = JournalSignals(journal)
    widget = BriefView(journal, signals)
    qtbot.addWidget(widget)
    widget.resize(720, 820)
    yield widget
    signals.detach()


def pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_nothing_to_show_without_a_contact(view):
    assert "Pick a contact" in view.browser.toPlainText()
    assert not view.copy_text_button.isEnabled()


def test_shows_the_brief_and_user_text_stays_text(view, journal):
    sam = add_contact(journal, "Sam", "Okafor")
    zoe = add_contact(journal, "Zoë", "<b>Ørsted</b>", company="Nordlys", referred_by_id=sam)
    log_call(
        journal,
        zoe,
        when=datetime(2026, 11, 12, 9),
        notes="<script>alert(1)</script> about the shop",
        learned="They budget in January",
        they_asked="A quote",
        next_step="Send it",
    )
    view.set_contact(zoe)
    shown = view.browser.toPlainText()
    assert "Zoë <b>Ørsted</b>" in shown
    assert "<script>alert(1)</script> about the shop" in shown
    assert "Stage: Network · last touch 10 days ago · 1 conversation" in shown
    assert "What I learned" in shown
    assert "2026-11-12: They budget in January" in shown
    assert "A quote (open)" in shown
    assert "Referred by Sam Okafor" in shown
    assert "Coming up" in shown
    assert view.copy_text_button.isEnabled()


def test_follows_changes_in_the_journal(qtbot, view, journal):
    zoe = add_contact(journal, "Zoë")
    view.show()
    view.set_contact(zoe)
    assert "No conversations yet." in view.browser.toPlainText()
    with qtbot.waitSignal(view.refresh_policy.refreshed):
        log_call(journal, zoe, when=datetime(2026, 11, 21, 9), notes="First call")
    assert "First call" in view.browser.toPlainText()


def test_copy_as_text_and_markdown(view, journal):
    zoe = add_contact(journal, "Zoë", notes="")
    log_call(journal, zoe, when=datetime(2026, 11, 21, 9), notes="*Bold* claim")
    view.set_contact(zoe)
    view.copy_text_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Brief: Zoë García\n")
    assert "  - 2026-11-21 Call: *Bold* claim" in copied
    view.copy_markdown_button.click()
    markdown = QGuiApplication.clipboard().text()
    assert markdown.startswith("# Zoë García\n")
    assert "- 2026-11-21 Call: \\*Bold\\* claim" in markdown


def test_the_copy_reads_as_the_screen_with_phone_and_e_mail(view, journal):
    zoe = add_contact(
        journal,
        "Zoë",
        stage=Stage.SHOP,
        emails=(email("zoe@nordlys.example", "work"),),
        phones=(email("+45 20 12 34 56"),),
    )
    view.set_contact(zoe)
    shown = view.browser.toPlainText()
    assert "Stage: Shop · last touch never" in shown
    assert "E-mail: zoe@nordlys.example (work)" in shown
    assert "Phone: +45 20 12 34 56" in shown
    view.copy_text_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Stage: Shop · " in copied
    assert "Stage: shop" not in copied
    assert "E-mail: zoe@nordlys.example (work)\nPhone: +45 20 12 34 56\n" in copied


def test_referral_names_open_their_contact(qtbot, view, journal):
    sam = add_contact(journal, "Sam")
    zoe = add_contact(journal, "Zoë", referred_by_id=sam)
    view.set_contact(zoe)
    with qtbot.waitSignal(view.open_contact_requested) as opened:
        view.browser.anchorClicked.emit(QUrl(f"contact:{sam}"))
    assert opened.args == [sam]


def test_a_typical_demo_contact_prints_on_one_pdf_page(view, demo_journal, tmp_path):
    busiest = max(
        (row.id for row in demo_journal.contact_list.rows()),
        key=lambda i: (
            len(demo_journal.favours.for_contact(i)) + len(demo_journal.purchases.for_contact(i))
        ),
    )
    view.set_contact(busiest)
    path = tmp_path / "brief.pdf"
    assert view.print_to_pdf(path) == 1
    assert path.read_bytes().startswith(b"%PDF")
    assert pdf_pages(path) == 1


def test_writing_the_pdf_somewhere_impossible_fails_clearly(view, journal, tmp_path):
    view.set_contact(add_contact(journal, "Zoë"))
    with pytest.raises(ExportTargetError, match="no/such/folder does not exist"):
        view.print_to_pdf(tmp_path / "no" / "such" / "folder" / "brief.pdf")


def test_render(view, demo_journal):
    view.set_contact(7)
    view.show()
    view.grab().save("/tmp/brief_view.png")
    document = view.print_document()
    from PySide6.QtGui import QImage, QPainter

    image = QImage(794, 1123, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    document.setTextWidth(794 - 80)
    painter = QPainter(image)
    painter.translate(40, 40)
    document.drawContents(painter)
    painter.end()
    image.save("/tmp/brief_print.png")
