"""The contact page's "Changed on other computers": values of this contact that an edit made
elsewhere replaced (the newer edit wins; the other is kept and shown here, issue #18).  Hidden
for the many contacts that have none."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QVBoxLayout, QWidget

from colearn_desktop.core.contact_fields import FIELDS
from colearn_desktop.core.sync.history import ReplacedValue
from colearn_desktop.ui.kit.format import field_title
from colearn_desktop.ui.kit.widgets import heading, muted, plain_label

_TITLES = {field.name: field for field in FIELDS}


class ChangedElsewhere(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading(self.tr("Changed on other computers"), self, 1.0)
        self.lines = muted(plain_label("", self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)
        self.hide()

    def show_values(self, replaced: list[ReplacedValue]) -> None:
        self.lines.setText("\n".join(self.line(value) for value in replaced))
        self.setVisible(bool(replaced))

    def line(self, replaced: ReplacedValue) -> str:
        """Company: “Acme”, written on Laptop on 3 Dec 2026, lost to a newer edit."""
        field = _TITLES.get(replaced.field)
        title = field_title(field) if field is not None else replaced.field
        value = replaced.value
        if value in (None, ""):
            shown = self.tr("(empty)")
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            shown = f"“{text}”"
        moment = datetime.strptime(replaced.at, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        local = moment.astimezone()
        day = QDate(local.year, local.month, local.day).toString("d MMM yyyy")
        if replaced.device:
            said = self.tr("%1: %2, written on %3 on %4, lost to a newer edit.")
        else:
            said = self.tr("%1: %2, written on this computer on %4, lost to a newer edit.")
        # One pass: a value that contains "%3" is shown as typed, never filled in.
        args = {"1": title, "2": shown, "3": replaced.device, "4": day}
        return re.sub(r"%([1-4])", lambda match: args[match.group(1)], said)
