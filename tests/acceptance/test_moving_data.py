"""Job 6, moving data: "I import my ... export or a vCard file without duplicates, and export
contacts to a CSV that opens safely in Excel."  Real files from tests/samples, chosen in the
file dialog by typing their path; keys only, read from the screen and the written file."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from colearn_desktop.ui.interchange.export_dialog import ExportDialog
from colearn_desktop.ui.interchange.import_dialog import ImportDialog
from tests.acceptance.dialogs import in_dialog
from tests.acceptance.keys import press, type_text
from tests.acceptance.screen import render, view_rows, visible_text

SAMPLES = Path(__file__).parents[1] / "samples"
STEP_TIMEOUT_MS = 15_000  # reading and importing run on a worker thread


def type_path(qtbot, path: Path) -> None:
    """In the file dialog (the cursor is in its file name box): the path, then Enter."""
    type_text(qtbot, str(path))
    press(qtbot, "Return")


def _report_line(text: str) -> str:
    """The report's first line: "Imported ...", or "Nothing to import ..." when every row
    was skipped; '' while the import runs."""
    starts = ("Imported", "Nothing to import")
    return next((line for line in text.splitlines() if line.startswith(starts)), "")


def import_file(qtbot, path: Path, screenshots: Path, keys: str) -> str:
    """Ctrl+Shift+I, ``keys`` to choose ``path``, Next, Import; returns the report shown."""

    def run(dialog: ImportDialog) -> str:
        in_dialog(qtbot, keys, QFileDialog, lambda _d: type_path(qtbot, path))
        qtbot.waitUntil(lambda: "Check below" in visible_text(dialog), timeout=STEP_TIMEOUT_MS)
        render(dialog, screenshots, f"import-{path.stem}-preview")
        press(qtbot, "Alt+N")  # Next: what will happen to each row
        qtbot.waitUntil(lambda: "skipped." in visible_text(dialog), timeout=STEP_TIMEOUT_MS)
        render(dialog, screenshots, f"import-{path.stem}-plan")
        press(qtbot, "Alt+I")  # Import
        qtbot.waitUntil(lambda: bool(_report_line(visible_text(dialog))), timeout=STEP_TIMEOUT_MS)
        report = _report_line(visible_text(dialog))
        render(dialog, screenshots, f"import-{path.stem}-report")
        press(qtbot, "Escape")
        return report

    return in_dialog(qtbot, "Ctrl+Shift+I", ImportDialog, run)


def test_import_a_csv_and_a_vcard_then_export_to_csv(qtbot, start_app, screenshots, tmp_path):
    window = start_app()
    # Thunderbird's CSV export: two new contacts.
    report = import_file(qtbot, SAMPLES / "csv" / "thunderbird_export.csv", screenshots, "Alt+C")
    assert "2 new, 0 merged, 0 skipped" in report
    # The same two people from Thunderbird's vCard export: recognised, nobody twice (they
    # hold nothing new, so they are skipped rather than merged, and nothing is written).
    vcard = SAMPLES / "vcard" / "thunderbird_export_4.0.vcf"
    report = import_file(qtbot, vcard, screenshots, "Ctrl+O")
    assert report.startswith("Nothing to import: every row of thunderbird_export_4.0.vcf")
    press(qtbot, "Ctrl+2")
    qtbot.waitUntil(lambda: len(view_rows(window.contacts_page.table)) == 2)
    names = "\n".join(view_rows(window.contacts_page.table))
    assert "contact number one" in names
    assert "contact number two" in names
    render(window, screenshots, "contacts-after-import")

    # Export every contact to a CSV that is safe in a spreadsheet.
    target = tmp_path / "exports" / "contacts.csv"
    target.parent.mkdir()

    def export(dialog: ExportDialog) -> str:
        render(dialog, screenshots, "export")
        press(qtbot, "Alt+A")  # All contacts
        in_dialog(qtbot, "Alt+E", QFileDialog, lambda _d: type_path(qtbot, target))
        qtbot.waitUntil(lambda: "Wrote 2 contacts" in visible_text(dialog), timeout=STEP_TIMEOUT_MS)
        shown = visible_text(dialog)
        press(qtbot, "Escape")
        return shown

    shown = in_dialog(qtbot, "Ctrl+Shift+E", ExportDialog, export)
    assert str(target) in shown
    with target.open(encoding="utf-8-sig", newline="") as written:
        rows = list(csv.DictReader(written))
    assert len(rows) == 2
    written_text = "\n".join(" | ".join(row.values()) for row in rows)
    for expected in ("contact", "one", "two", "contact1@invalid", "contact2@invalid"):
        assert expected in written_text
