"""The top of a contact's page: name, company, stage and cadence, tags, every field the page
shows, who referred them and whom they referred, and the notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from colearn_desktop.core.contact_fields import FIELDS, ContactField, ContactInput, Kind
from colearn_desktop.core.postal_address import address_of, format_address
from colearn_desktop.core.records import ContactDetail
from colearn_desktop.ui.contacts.page.changed_elsewhere import ChangedElsewhere
from colearn_desktop.ui.kit.format import field_title
from colearn_desktop.ui.kit.plain_text import plain_tooltip
from colearn_desktop.ui.kit.widgets import heading, muted, plain_label


def _clear(layout: QVBoxLayout | QHBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


ON_PAGE = [f for f in FIELDS if f.on_page]


def _shown(field: ContactField, data: ContactInput) -> list[str]:
    """The lines of one field of the contact field list on the page (none when empty)."""
    value = getattr(data, field.name)
    if field.children is not None:
        return [f"{i.value}  ({i.label})" if i.label else i.value for i in value]
    if field.kind is Kind.BIRTHDAY:
        return [value.as_text().lstrip("-")] if value else []
    if field.vcard.startswith("ADR"):  # the address, formatted the way its country writes it
        address = address_of(data)
        return [] if address.empty else [format_address(address)]
    return [value] if value else []


class ContactHeader(QWidget):
    open_contact_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = heading("", self, 1.6)
        self.subtitle = plain_label("", self)
        self.status = plain_label("", self)
        self.archived = plain_label("", self)
        self.tags = muted(plain_label("", self))
        self.details = QGridLayout()
        self.details.setColumnStretch(1, 1)
        self.links = QHBoxLayout()
        self.notes = plain_label("", self)
        self.changed_elsewhere = ChangedElsewhere(self)  # sync: values other edits replaced
        layout = QVBoxLayout(self)
        for widget in (self.name, self.subtitle, self.status, self.archived, self.tags):
            layout.addWidget(widget)
        layout.addLayout(self.details)
        layout.addLayout(self.links)
        layout.addWidget(self.notes)
        layout.addWidget(self.changed_elsewhere)
        layout.addStretch(1)

    def show_contact(self, detail: ContactDetail, status: str, archived_text: str) -> None:
        data = detail.data
        self.name.setText(detail.display_name)
        self.subtitle.setText(" · ".join(p for p in (data.job_title, data.company) if p))
        self.subtitle.setVisible(bool(data.job_title or data.company))
        self.status.setText(status)
        self.archived.setText(archived_text)
        self.archived.setVisible(bool(archived_text))
        self.tags.setText("  ".join(f"#{t}" for t in data.tags))
        self.tags.setVisible(bool(data.tags))
        _clear(self.details)
        rows = [(field_title(f), text) for f in ON_PAGE for text in _shown(f, data)]
        for row, (label, value) in enumerate(rows):
            self.details.addWidget(
                muted(plain_label(label, self, wrap=False)), row, 0, Qt.AlignmentFlag.AlignTop
            )
            self.details.addWidget(plain_label(value, self), row, 1)
        _clear(self.links)
        if detail.referred_by:
            self.links.addWidget(plain_label(self.tr("Referred by"), self, wrap=False))
            self.links.addWidget(self._link(detail.referred_by.id, detail.referred_by.display_name))
        if detail.referrals:
            self.links.addWidget(plain_label(self.tr("Referred"), self, wrap=False))
            for ref in detail.referrals[:8]:
                self.links.addWidget(self._link(ref.id, ref.display_name))
            if len(detail.referrals) > 8:
                self.links.addWidget(plain_label(f"+{len(detail.referrals) - 8}", self))
        self.links.addStretch(1)
        self.notes.setText(data.notes)
        self.notes.setVisible(bool(data.notes))

    def _link(self, contact_id: int, name: str) -> QPushButton:
        button = QPushButton(name, self)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(plain_tooltip(self.tr("Open %1").replace("%1", name)))
        button.clicked.connect(lambda: self.open_contact_requested.emit(contact_id))
        font = button.font()
        font.setUnderline(True)
        button.setFont(font)
        return button
