"""The import and export dialogs, driven as a user would (offscreen), waiting on the worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from colearn_desktop.core.interchange.plan import Action
from colearn_desktop.core.people.contact_list import ContactQuery
from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from colearn_desktop.ui.interchange.import_dialog import COLUMNS, PLAN, REPORT, ImportDialog
from colearn_desktop.ui.interchange.import_models import BatchesModel, PlanModel, PreviewModel
from tests.core.interchange.test_columns_and_names import write_twenty_people
from tests.core.interchange.test_vcard_quoted_printable import PHONE_EXPORT
from tests.helpers import add_contact, email

SAMPLES = Path(__file__).parents[2] / "samples"


def wait_page(qtbot, dialog, page):
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == page, timeout=10_000)


def test_import_flow_preview_decisions_run_report_and_undo(qtbot, journal, tmp_path):
    ana = add_contact(journal, "Ana", "García", emails=(email("ana@x.com"),))
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Company,Mobile Phone\r\n"
        "Ana,García,ana@x.com,Acme,\r\nZoë,Ørsted,zoe@x.com,,+45 1234 5678\r\nBob,Brown,,,\r\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    assert "Outlook CSV, UTF-8" in dialog.detected_label.text()
    assert dialog.preview.model.rowCount() == 3
    assert dialog.preview.model.index(1, 0).data() == "Zoë"
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == PLAN
    model = dialog.plan_model
    assert model.rowCount() == 3
    assert model.index(0, PlanModel.ACTION).data() == "merge into Ana García"
    assert dialog.counts_label.text().startswith("2 new, 1 merged, 0 skipped.")
    # The user decides not to import Bob.
    assert model.setData(model.index(2, PlanModel.ACTION), Action.SKIP.value)
    assert dialog.counts_label.text().startswith("1 new, 1 merged, 1 skipped.")
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == REPORT
    assert "1 new, 1 merged, 1 skipped" in dialog.report_label.text()
    assert journal.contacts.get(ana).data.company == "Acme"
    assert sorted(r.display_name for r in journal.contact_list.rows()) == [
        "Ana García",
        "Zoë Ørsted",
    ]
    dialog.undo_report_button.click()
    assert [r.display_name for r in journal.contact_list.rows()] == ["Ana García"]
    assert journal.contacts.get(ana).data.company == ""
    assert dialog.batches_model.index(0, 3).data() == "undone"


def opened(qtbot, journal, path) -> ImportDialog:
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    return dialog


def at_the_column_step(qtbot, journal, path) -> ImportDialog:
    dialog = opened(qtbot, journal, path)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == COLUMNS
    return dialog


def test_unknown_csv_goes_through_the_column_mapping(qtbot, journal, tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text("Wer;Post;Farbe\nAna Lima;ana@x.com;blau\n", encoding="utf-8")
    dialog = at_the_column_step(qtbot, journal, path)
    table = dialog.columns_table
    table.cellWidget(0, 2).setCurrentIndex(table.cellWidget(0, 2).findData("name"))
    table.cellWidget(1, 2).setCurrentIndex(table.cellWidget(1, 2).findData("email"))
    dialog.next_button.click()
    wait_page(qtbot, dialog, PLAN)
    dialog.next_button.click()
    wait_page(qtbot, dialog, REPORT)
    detail = journal.contacts.get(journal.contact_list.rows()[0].id)
    assert (detail.display_name, detail.data.emails[0].value) == ("Ana Lima", "ana@x.com")


def test_the_plan_names_the_columns_not_imported(qtbot, journal, tmp_path):
    """Our own headers are read in a CSV that is not all ours, and a column left unmapped is
    named in the plan's problems: nothing is dropped silently."""
    path = tmp_path / "extra.csv"
    write_twenty_people(path, ",Shoe size", lambda n: f",{n}")
    dialog = at_the_column_step(qtbot, journal, path)
    table = dialog.columns_table
    chosen = [table.cellWidget(row, 2).currentData() for row in range(table.rowCount())]
    assert chosen == ["name", "email", "phone", "company", "ignore"]
    dialog.next_button.click()
    wait_page(qtbot, dialog, PLAN)
    assert "columns not imported: 'Shoe size'" in dialog.problems_view.toPlainText()
    assert dialog.counts_label.text().startswith("20 new, 0 merged, 0 skipped.")


def test_a_file_with_errors_cannot_be_imported(qtbot, journal, tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text(
        "Given name,Family name,Name,Stage\nAna,,,help\nBob,,,banana\n", encoding="utf-8"
    )
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    dialog.next_button.click()
    wait_page(qtbot, dialog, PLAN)
    assert not dialog.next_button.isEnabled()
    assert "row 3 stage: 'banana' is not one of" in dialog.problems_view.toPlainText()
    assert "nothing can be imported" in dialog.counts_label.text()


def test_a_file_that_is_not_contacts_says_so(qtbot, journal, tmp_path):
    path = tmp_path / "cal.ics"
    path.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    assert "is a calendar" in dialog.detected_label.text()
    assert not dialog.next_button.isEnabled()


def test_vcard_preview_shows_the_decoded_text(qtbot, journal):
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.open_file(SAMPLES / "vcard/radicale_qp_chinese_2.1.vcf")
    assert "vCard" in dialog.detected_label.text()
    assert dialog.preview.table.isVisibleTo(dialog)
    assert not dialog.preview.text.isVisibleTo(dialog)
    assert dialog.preview.model.index(0, 0).data() == "黄世勇"
    assert dialog.preview.model.index(0, 4).data() == "北京 丰台区"
    dialog.show()
    dialog.grab().save(str(Path("/tmp") / "import_dialog.png"))


def test_vcard_21_quoted_printable_preview_and_plan_are_decoded(qtbot, journal, tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_bytes(PHONE_EXPORT.encode("ascii"))
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    model = dialog.preview.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Name", "E-mail", "Phone", "Company", "Address", "Notes",
    ]  # fmt: skip
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Renée Lefèvre"
    assert model.index(0, 1).data() == "renee@example.fr"
    assert model.index(0, 4).data() == "12 rue de la Liberté, H2X 1Y4 Montréal, Québec, Canada"
    assert model.index(0, 5).data().startswith("Rencontrée au café — très sympa, parle de son")
    assert model.index(1, 0).data() == "Jürgen Müller"
    assert model.index(1, 4).data() == "Straße des 17. Juni 1, 80331 München, Deutschland"
    assert model.index(1, 5).data() == "Grüße von der Messe / Käse & Brötchen"
    shown = " ".join(
        str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(6)
    )
    assert "=C3" not in shown
    assert "=FC" not in shown
    dialog.show()
    dialog.grab().save("/tmp/import_dialog_qp.png")
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    names = {dialog.plan_model.index(r, PlanModel.NAME).data() for r in range(2)}
    assert names == {"Renée Lefèvre", "Jürgen Müller"}


def test_models_pass_the_model_tester(qtmodeltester, journal, tmp_path):
    preview = PreviewModel()
    preview.set_file_rows(["a", "b"], [["1", "2"], ["3"]])
    qtmodeltester.check(preview, force_py=True)
    path = tmp_path / "p.csv"
    path.write_text("Name,Email\nAna,a@x.com\nBob,b@x.com\n", encoding="utf-8")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    model = PlanModel()
    model.set_plan(plan.rows)
    qtmodeltester.check(model, force_py=True)
    journal.interchange.apply(plan)
    batches = BatchesModel()
    batches.set_rows(journal.interchange.batches())
    qtmodeltester.check(batches, force_py=True)
    assert batches.index(0, 2).data() == "2 new, 0 merged"


def test_plan_model_only_offers_merge_when_there_is_someone_to_merge_into(journal, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Name,Email\nAna,a@x.com\n", encoding="utf-8")
    plan = journal.interchange.plan(journal.interchange.inspect(path))
    model = PlanModel()
    model.set_plan(plan.rows)
    assert model.choices(0) == [Action.NEW, Action.SKIP]
    assert not model.setData(model.index(0, PlanModel.ACTION), Action.MERGE.value)
    assert model.flags(model.index(0, PlanModel.ACTION)) & Qt.ItemFlag.ItemIsEditable


def test_export_dialog_writes_the_filtered_list(qtbot, journal, tmp_path):
    add_contact(journal, "Ana", "García", tags=("client",))
    add_contact(journal, "Bob", "Brown")
    dialog = ExportDialog(journal, ContactQuery(text="bob"))
    qtbot.addWidget(dialog)
    assert dialog.list_radio.isChecked()
    target = tmp_path / "out.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_to(target)
    assert blocker.args == [1]
    assert "Bob" in target.read_text(encoding="utf-8-sig")
    assert "Wrote 1 contact to" in dialog.status.text()
    dialog.tag_radio.setChecked(True)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcard"))
    assert not dialog.excel_check.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_to(tmp_path / "out.vcf")
    assert "FN:Ana García" in (tmp_path / "out.vcf").read_text(encoding="utf-8")


def test_the_window_asks_day_or_month_first_when_the_file_cannot_tell(qtbot, journal, tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(
        "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Birthday\r\n"
        "Ana,Lima,Home,ana@example.com,03/04/1980\r\n",
        encoding="utf-8",
    )
    dialog = opened(qtbot, journal, path)
    choice = dialog.dates_choice
    assert not choice.isHidden()
    assert "03/04/1980 (row 2)" in choice.label.text()
    assert not dialog.next_button.isEnabled()  # nothing is guessed
    choice.combo.setCurrentIndex(choice.combo.findData("dmy"))
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.next_button.click()
    ana = journal.contacts.get(journal.contact_list.rows()[0].id).data
    assert (ana.birthday.month, ana.birthday.day) == (4, 3)


def test_what_the_file_decided_is_shown_and_can_go_on(qtbot, journal):
    dialog = opened(qtbot, journal, SAMPLES / "csv/outlook_fr.csv")
    choice = dialog.dates_choice
    assert not choice.isHidden()
    assert choice.combo.currentData() == "dmy"
    assert dialog.next_button.isEnabled()
    dialog.open_file(SAMPLES / "csv/outlook_de.csv")  # no date to ask about
    assert choice.isHidden()


def test_the_column_step_offers_the_address_parts(qtbot, journal, tmp_path):
    path = tmp_path / "hand-made.csv"
    path.write_text(
        "Wer,Mail,Straße,PLZ,Ort,Land\r\nAna Lima,ana@example.com,Hauptstr. 1,10115,Berlin,DE\r\n",
        encoding="utf-8",
    )
    dialog = at_the_column_step(qtbot, journal, path)
    chosen = [dialog.columns_step.table.cellWidget(row, 2).currentData() for row in range(6)]
    assert chosen[2:] == ["address", "postcode", "city", "country"]
    dialog.columns_step.table.cellWidget(0, 2).setCurrentIndex(
        dialog.columns_step.table.cellWidget(0, 2).findData("name")
    )
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.next_button.click()
    ana = journal.contacts.get(journal.contact_list.rows()[0].id).data
    assert (ana.address, ana.postal_code, ana.city, ana.country) == (
        "Hauptstr. 1", "10115", "Berlin", "DE",
    )  # fmt: skip
