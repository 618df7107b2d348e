"""The favour dialog offers a gift like any other kind, and the contact's favours list names it."""

from __future__ import annotations

from colearn_desktop.core.enums import FavourKind
from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog
from colearn_desktop.ui.contacts.page.contact_page import ContactPage
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from tests.core.storage.test_constraint_errors import forget_the_gift_kind
from tests.helpers import add_contact


def test_a_gift_is_offered_saved_and_listed_by_name(qtbot, journal):
    sam = add_contact(journal, "Sam", "Okafor")
    page = ContactPage(journal, JournalSignals(journal))
    qtbot.addWidget(page)
    page.set_contact(sam)
    page.tabs.setCurrentWidget(page.favours)
    dialog = FavourDialog(journal, sam, page)
    kinds = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert kinds[-2:] == ["Gift", "Other"]
    dialog.kind.setCurrentIndex(dialog.kind.findData(FavourKind.GIFT.value))
    dialog.description.setText("Sent a hamper")
    dialog.save()
    assert dialog.result() == FavourDialog.DialogCode.Accepted
    assert [f.data.kind for f in journal.favours.for_contact(sam)] == [FavourKind.GIFT]
    page.reload()
    assert page.favours.model.index(0, 1).data() == "Gift"
    again = FavourDialog(journal, sam, page, journal.favours.for_contact(sam)[0])
    assert again.kind.currentText() == "Gift"


def test_a_value_the_journal_refuses_is_explained_in_the_dialog(qtbot, journal, journal_path):
    forget_the_gift_kind(journal_path)  # as before revision 0008: a raw IntegrityError
    sam = add_contact(journal, "Sam")
    dialog = FavourDialog(journal, sam)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(FavourKind.GIFT.value))
    dialog.description.setText("Sent a hamper")
    dialog.save()
    assert dialog.result() == 0  # still open, with what was typed
    assert dialog.description.text() == "Sent a hamper"
    assert dialog.banner.text().startswith(
        "The change was not saved because the journal does not accept that value for "
        "favour.kind (rule ck_favour_kind). Nothing was written."
    )
