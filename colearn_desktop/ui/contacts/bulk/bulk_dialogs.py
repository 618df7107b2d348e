"""The small forms of the bulk actions: each names how many contacts it will change, asks
for the one value it needs and runs the action on Save, staying open with the journal's
sentence when it is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QSpinBox, QWidget

from colearn_desktop.core.enums import Channel, Stage
from colearn_desktop.core.people.bulk import BulkOutcome
from colearn_desktop.core.records import ConversationInput, TagView
from colearn_desktop.core.validation import MAX_CADENCE_DAYS
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.forms.date_fields import from_qdate, past_date_edit
from colearn_desktop.ui.kit.forms.form_dialog import FormDialog
from colearn_desktop.ui.kit.widgets import plain_label


class BulkDialog(FormDialog):
    """A form whose Save runs ``act`` (set by the builder below); ``outcome`` is what the
    journal did, None until it succeeded."""

    def __init__(self, title: str, note: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form.addRow(plain_label(note, self))
        self.act: Callable[[], BulkOutcome] | None = None
        self.outcome: BulkOutcome | None = None
        self.resize(440, 0)

    def save(self) -> None:
        def run() -> None:
            assert self.act is not None
            self.outcome = self.act()

        self.attempt(run)


def tag_box(tags: list[TagView], parent: QWidget) -> QComboBox:
    """The existing tags to pick from, or a new name to type."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for tag in tags:
        box.addItem(tag.name)
    box.setCurrentIndex(-1)
    box.setEditText("")
    return box


def stage_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for stage in Stage:
        box.addItem(fmt.stage_label(stage), stage.value)
    return box


def cadence_box(parent: QWidget) -> QSpinBox:
    """Days between contacts; 0 reads "As their tags and stage say" (no own cadence)."""
    box = QSpinBox(parent)
    box.setRange(0, MAX_CADENCE_DAYS)
    box.setValue(30)
    box.setSpecialValueText(box.tr("As their tags and stage say"))
    box.setSuffix(box.tr(" days"))
    return box


class ConversationFields:
    """When, how and what of one conversation with everyone selected."""

    def __init__(self, dialog: BulkDialog, today_: datetime):
        self.on = past_date_edit(today_.date(), dialog)
        self.channel = QComboBox(dialog)
        for channel in Channel:
            self.channel.addItem(fmt.channel_label(channel), channel.value)
        self.notes = QPlainTextEdit(dialog)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(dialog.fontMetrics().lineSpacing() * 4 + 12)
        dialog.row(dialog.tr("&Date"), self.on, "happened_at")
        dialog.row(dialog.tr("&How"), self.channel, "channel")
        dialog.row(dialog.tr("&Notes"), self.notes, "notes", "contacts")

    def value(self, now: datetime) -> ConversationInput:
        """The conversation (its people are the selection); today's is logged at this
        minute, an earlier day's at noon."""
        day = from_qdate(self.on.date())
        happened = now if day == now.date() else datetime(day.year, day.month, day.day, 12)
        return ConversationInput(
            contact_ids=(),
            happened_at=happened.replace(second=0, microsecond=0),
            channel=Channel(self.channel.currentData()),
            notes=self.notes.toPlainText(),
        )
