"""What a file format is called on screen ("Google Contacts CSV"), not its command-line id
("google-csv"); the import and export dialogs list formats by these names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from colearn_desktop.core.interchange.formats import ImportFormat


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormatNames", text)


def import_format_name(fmt: ImportFormat) -> str:
    names = {
        ImportFormat.AUTO: _tr("Detect from the file"),
        ImportFormat.CSV: _tr("CSV, every field (CoLearn)"),
        ImportFormat.GOOGLE_CSV: _tr("Google Contacts CSV"),
        ImportFormat.OUTLOOK_CSV: _tr("Outlook CSV"),
        ImportFormat.THUNDERBIRD_CSV: _tr("Thunderbird CSV"),
        ImportFormat.LINKEDIN_CSV: _tr("LinkedIn connections CSV"),
        ImportFormat.GENERIC_CSV: _tr("Other CSV (say which column is what)"),
        ImportFormat.VCARD: _tr("vCard"),
        ImportFormat.JSON: _tr("CoLearn journal (JSON)"),
    }
    return names[fmt]
