"""One row per single field the contacts disagree on: its label (with an access key) and a
list of each contact's value, the winning one selected.

Access keys are given here, not taken from the field list: the dialog has its own (Keep,
Merge, the preview), and two rows must never share a letter, so each row takes the first
letter of its translated title that no other control uses.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from colearn_desktop.core.contact_fields import LABEL_CONTEXT
from colearn_desktop.core.people.merge.fields import MergeField
from colearn_desktop.core.people.merge.plan import MergePlan


def with_access_key(title: str, used: set[str]) -> str:
    """``title`` with "&" before its first letter not in ``used`` (which it joins); the
    title as it is when every letter is taken."""
    for index, char in enumerate(title):
        if char.isalpha() and char.casefold() not in used:
            used.add(char.casefold())
            return f"{title[:index]}&{title[index:]}"
    return title


def field_title(field: MergeField) -> str:
    """The field's name in the user's language (the contact field list's translations)."""
    if field.key == "name":
        return QCoreApplication.translate("MergeDialog", "Name")
    return QCoreApplication.translate(LABEL_CONTEXT, field.label).replace("&", "")


def choice_text(value: str, name: str) -> str:
    """ "Acme — from Freja D." (an empty value says so)."""
    shown = value or QCoreApplication.translate("MergeDialog", "(empty)")
    return (
        QCoreApplication.translate("MergeDialog", "%1 — from %2")
        .replace("%1", shown)
        .replace("%2", name)
    )


class FieldRows(QWidget):
    """The rows; ``chosen(key, contact_id)`` is called when the user picks another value."""

    def __init__(
        self, chosen: Callable[[str, int], None], used: set[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._chosen = chosen
        self._used = used
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.combos: dict[str, QComboBox] = {}

    def show_plan(self, plan: MergePlan) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.combos = {}
        used = set(self._used)
        names = {c.id: c.display_name for c in plan.contacts}
        fields = plan.differing()
        if not fields:
            note = QLabel(self.tr("The contacts agree on every single field."), self)
            self.grid.addWidget(note, 0, 0, 1, 2)
        for row, field in enumerate(fields):
            combo = QComboBox(self)
            for contact_id, value in plan.values(field):
                combo.addItem(choice_text(value, names[contact_id]), contact_id)
            combo.setCurrentIndex(combo.findData(plan.winners[field.key]))
            combo.activated.connect(
                lambda _index, key=field.key, box=combo: self._chosen(key, box.currentData())
            )
            label = QLabel(with_access_key(field_title(field), used), self)
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1)
            self.combos[field.key] = combo
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(max(len(fields), 1), 1)  # the rows at the top, not spread
