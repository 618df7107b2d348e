"""The first page of the import: the file as CoLearn reads it, before anything is imported.

A CSV shows its first rows decoded in its own columns, a vCard its first cards as they will
be imported (quoted-printable and charsets decoded: the raw lines would show "=C3=A9" for an
"é"), our JSON its first lines.  The user checks here that names and accents read right.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QTableView, QVBoxLayout, QWidget

from colearn_desktop.core.interchange.formats import (
    ImportFormat,
    Source,
    preview_rows,
    preview_text,
)
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.postal_address import address_of, format_address
from colearn_desktop.core.text import display_name
from colearn_desktop.ui.interchange.import_models import PreviewModel


class FilePreview(QWidget):
    """Shows a :class:`Source` (``show``) or nothing (``clear``)."""

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.text)
        self.text.setVisible(False)

    def clear(self) -> None:
        self.model.set_file_rows([], [])
        self.text.setPlainText("")

    def show_source(self, source: Source) -> None:
        tabular = source.layout is not None or source.format is ImportFormat.VCARD
        self.table.setVisible(tabular)
        self.text.setVisible(not tabular)
        if source.layout is not None:
            self.model.set_file_rows(list(source.header), preview_rows(source))
        elif source.format is ImportFormat.VCARD:
            self._show_cards(source)
        else:
            self.text.setPlainText(preview_text(source))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its text, up to a third of the table (the cell's tooltip has
        the rest); the last column takes what is left."""
        self.table.resizeColumnsToContents()
        widest = max(self.table.viewport().width() // 3, 160)
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self.table.horizontalHeader().setStretchLastSection(True)

    def _show_cards(self, source: Source) -> None:
        header = [
            self.tr("Name"), self.tr("E-mail"), self.tr("Phone"), self.tr("Company"),
            self.tr("Address"), self.tr("Notes"),
        ]  # fmt: skip
        rows = []
        for record in self._journal.interchange.preview_records(source):
            data = record.data
            rows.append(
                [
                    display_name(data.given_name, data.family_name, data.name),
                    ", ".join(e.value for e in data.emails),
                    ", ".join(p.value for p in data.phones),
                    data.company,
                    format_address(address_of(data), sep=", "),
                    " / ".join(line for line in data.notes.splitlines() if line.strip()),
                ]
            )
        self.model.set_file_rows(header, rows)
