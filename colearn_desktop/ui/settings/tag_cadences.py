"""Keep in touch by tag ("Clients: every 30 days"): a cadence for everyone carrying a tag who
has none of their own (the shortest of a contact's tags wins over their stage's)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import TagView
from colearn_desktop.core.validation import MAX_CADENCE_DAYS
from colearn_desktop.ui.kit.widgets import muted, plain_label


class TagCadencesPage(QWidget):
    """One "every N days" box per tag; :meth:`write` writes the ones changed."""

    def __init__(self, journal: Journal, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._tags: list[TagView] = journal.tags.all()
        self.spins: dict[str, QSpinBox] = {}
        rows = QWidget(self)
        form = QFormLayout(rows)
        for tag in self._tags:
            spin = QSpinBox(rows)
            spin.setRange(0, MAX_CADENCE_DAYS)
            spin.setSpecialValueText(self.tr("no cadence"))
            spin.setPrefix(self.tr("every "))
            spin.setSuffix(self.tr(" days"))
            spin.setValue(tag.cadence_days or 0)
            label = self.tr("%1 (%Ln contact(s))", "", tag.contact_count).replace("%1", tag.name)
            form.addRow(plain_label(label, rows, wrap=False), spin)
            self.spins[tag.name] = spin
        scroll = QScrollArea(self)
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                plain_label(
                    self.tr(
                        "How often to keep in touch with everyone carrying a tag, unless they "
                        "have a cadence of their own. The shortest of a contact's tags counts; "
                        "without one, their stage's (Keep in touch page)."
                    )
                    if self._tags
                    else self.tr(
                        "No tags yet. Tag contacts in their editor (Ctrl+E), then give a tag "
                        "a cadence here."
                    ),
                    self,
                )
            )
        )
        layout.addWidget(scroll, 1)

    def write(self) -> None:
        """Write each changed cadence (one undo step each); raises what the journal refuses."""
        for tag in self._tags:
            days = self.spins[tag.name].value() or None
            if days != tag.cadence_days:
                self._journal.tags.set_cadence(tag.id, days)
