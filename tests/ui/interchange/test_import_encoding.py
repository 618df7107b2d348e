"""The import window's encoding list: the preview re-reads the file in the encoding picked, an
unsure guess says so, and a re-import that adds nothing says that instead of a report
(issue #15, "Characters" and "Command line")."""

from __future__ import annotations

from pathlib import Path

from colearn_desktop.ui.interchange.import_dialog import REPORT, ImportDialog

SAMPLES = Path(__file__).parents[2] / "samples"


def pick_encoding(dialog: ImportDialog, codec: str) -> None:
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData(codec))


def first_cells(dialog: ImportDialog) -> list[str]:
    model = dialog.preview.model
    return [model.index(0, column).data() for column in (1, 3)]


def test_picking_an_encoding_reads_the_preview_again(qtbot, journal):
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(SAMPLES / "csv/crafted_outlook_polish_cp1250.csv")
    assert dialog.detected_label.text() == (
        "Outlook CSV, Windows-1250 (Central European), detected. Check below that names and "
        "accents read right."
    )
    assert first_cells(dialog) == ["Łukasz", "Żółć"]
    pick_encoding(dialog, "cp852")
    assert dialog.detected_label.text().startswith(
        "Outlook CSV, DOS 852 (Central European), chosen."
    )
    assert first_cells(dialog) == ["úukasz", "»ˇ│Š"]
    pick_encoding(dialog, "")
    assert first_cells(dialog) == ["Łukasz", "Żółć"]
    dialog.grab().save("/tmp/import_encoding.png")


def test_an_unsure_guess_asks_the_user_to_look(qtbot, journal, tmp_path):
    path = tmp_path / "mac.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Blümchen;Günther;;;\r\nEND:VCARD\r\n"
    path.write_bytes(card.encode("mac_roman"))
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    assert dialog.detected_label.text() == (
        "vCard, Windows-1250 (Central European), detected. The encoding is a guess: if names "
        "look wrong below, pick another encoding."
    )
    pick_encoding(dialog, "mac_roman")
    assert dialog.preview.model.index(0, 0).data() == "Günther Blümchen"
    dialog.grab().save("/tmp/import_unsure.png")
    # Another file is detected afresh.
    dialog.open_file(SAMPLES / "csv/crafted_outlook_polish_cp1250.csv")
    assert dialog.encoding_combo.currentData() == ""
    assert "Windows-1250 (Central European), detected" in dialog.detected_label.text()


def test_a_re_import_that_adds_nothing_says_so(qtbot, journal, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Company,Mobile Phone\r\n"
        "Ana,Lima,ana@example.com,,\r\n",
        encoding="utf-8",
    )
    journal.interchange.import_file(path)
    dialog = ImportDialog(journal)
    qtbot.addWidget(dialog)
    dialog.open_file(path)
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.next_button.click()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.next_button.click()
    assert dialog.pages.currentIndex() == REPORT
    assert dialog.report_label.text() == (
        "Nothing to import: every row of people.csv is skipped (already in your journal, or "
        "chosen so). Nothing was changed and no backup was made."
    )
    assert not dialog.undo_report_button.isEnabled()
    assert dialog.batches_model.rowCount() == 1
