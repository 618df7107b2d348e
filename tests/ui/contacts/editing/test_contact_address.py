"""The address in its parts in the contact editor, and on the contact page formatted the way
its country writes it (issue #15)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from colearn_desktop.ui.contacts.editing.contact_editor import ContactEditor
from colearn_desktop.ui.contacts.page.contact_page import ContactHeader
from tests.helpers import add_contact
from tests.ui.test_form_keyboard import _discard_on_close, shown  # noqa: F401 (a fixture)


def test_the_editor_edits_each_part_of_the_address(qtbot, journal, tmp_path):
    ana = add_contact(
        journal, "Ana", "García", address="Calle Mayor 1", city="Madrid", country="España"
    )
    dialog = shown(qtbot, ContactEditor(journal, journal.contacts.get(ana)))
    assert dialog.address.toPlainText() == "Calle Mayor 1"
    assert (dialog.texts["city"].text(), dialog.texts["country"].text()) == ("Madrid", "España")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.texts["postal_code"]  # Alt+Z: postal code / ZIP
    qtbot.keyClicks(dialog.texts["postal_code"], "28013")
    qtbot.keyClicks(dialog.texts["address_label"], "work")
    dialog.grab().save(str(tmp_path / "editor.png"))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    data = journal.contacts.get(ana).data
    assert (data.address, data.postal_code, data.city) == ("Calle Mayor 1", "28013", "Madrid")
    assert (data.country, data.address_label) == ("España", "work")


def header_texts(qtbot, journal, contact_id):
    header = ContactHeader()
    qtbot.addWidget(header)
    header.show_contact(journal.contacts.get(contact_id), "", "")
    return [header.details.itemAt(i).widget().text() for i in range(header.details.count())]


def test_the_page_shows_the_address_as_its_country_writes_it(qtbot, journal):
    homer = add_contact(
        journal, "Homer", "Simpson", address="742 Evergreen Terrace", city="Springfield",
        region="IL", postal_code="62701", country="USA",
    )  # fmt: skip
    assert header_texts(qtbot, journal, homer) == [
        "Address",
        "742 Evergreen Terrace\nSpringfield, IL 62701\nUSA",
    ]
    hans = add_contact(
        journal, "Hans", "Müller", address="Hauptstr. 1", city="Berlin", postal_code="10115",
        country="Deutschland",
    )  # fmt: skip
    assert header_texts(qtbot, journal, hans)[1] == "Hauptstr. 1\n10115 Berlin\nDeutschland"
    taro = add_contact(
        journal, "太郎", "山田", address="千代田1-1", city="千代田区", region="東京都",
        postal_code="100-0001", country="日本",
    )  # fmt: skip
    assert header_texts(qtbot, journal, taro)[1] == "〒100-0001\n東京都千代田区千代田1-1\n日本"
