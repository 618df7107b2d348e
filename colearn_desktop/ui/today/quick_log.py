"""Quick log after a call: who, how, what was said, learned and asked, the next step.

Built for typing within a second of Ctrl+L: the cursor starts in the contact picker (or in the
notes when the contact is known), Enter in a one-line field saves, Ctrl+Enter saves from
anywhere.  What is typed is written to a draft on disk every few seconds and the draft is
deleted only once the conversation is committed, so a crash or a kill never eats a note.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.enums import Channel
from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ConversationInput
from colearn_desktop.core.storage.drafts import Draft, DraftStore
from colearn_desktop.core.validation import EARLIEST_DAY, latest_plan_day
from colearn_desktop.ui.contacts.editing.contact_picker import ContactPicker
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.forms.date_fields import (
    from_qdate,
    from_qdatetime,
    to_qdate,
    to_qdatetime,
)
from colearn_desktop.ui.kit.forms.form_errors import FormErrors
from colearn_desktop.ui.kit.widgets import ErrorLabel, add_form_row, discard_confirmed, plain_label
from colearn_desktop.ui.today.conversation_draft import (
    DRAFT_KIND,
    conversation_from_draft,
    draft_fields,
)

AUTOSAVE_MS = 2000
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def new_contact_from_name(text: str) -> ContactInput:
    """ "Ana García" becomes given + family name; anything else stays one free-form name."""
    parts = text.split()
    if len(parts) == 2:
        return ContactInput(given_name=parts[0], family_name=parts[1])
    return ContactInput(name=" ".join(parts))


class QuickLogDialog(QDialog):
    def __init__(
        self,
        journal: Journal,
        drafts: DraftStore | None,
        parent: QWidget | None = None,
        *,
        contact_id: int | None = None,
        draft: Draft | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._drafts = drafts
        self._draft_id = draft.draft_id if draft else DraftStore.new_id()
        self._dirty = False
        self.conversation_id: int | None = None
        self.setWindowTitle(self.tr("Log a conversation"))
        self.banner = ErrorLabel(self)
        self.errors = FormErrors(self.banner)
        self._build()
        now = journal.clock.now()
        self.when.setDateTime(to_qdatetime(now))
        self.due.setDate(to_qdate(date.fromordinal(now.date().toordinal() + 7)))
        # Only the days the journal accepts (a talk happened by today; a next step is due
        # within a hundred years), so year 1 or 9999 cannot be picked by a slip of the wheel.
        self.when.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(now.date()))
        self.due.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(latest_plan_day(now.date())))
        if contact_id is not None:
            self.add_participant(contact_id, journal.contacts.get(contact_id).display_name)
        if draft is not None:
            self._restore(draft)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_if_dirty)
        if drafts is not None:
            self._autosave.start()
        self._watch_changes()
        QTimer.singleShot(0, self._initial_focus)

    # -- building -------------------------------------------------------------------------

    def _text(self, field: str, lines: int) -> tuple[QPlainTextEdit, ErrorLabel]:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        error = ErrorLabel(self)
        self.errors.bind(field, error, edit)
        return edit, error

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.picker = ContactPicker(self._journal, self)
        self.picker.setPlaceholderText(self.tr("Who was it with? Type a name"))
        self.picker.contact_chosen.connect(self._picked)
        self.participants = QListWidget(self)
        self.participants.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 10)
        self.participants.setToolTip(self.tr("Press Delete to remove someone"))
        QShortcut(QKeySequence.StandardKey.Delete, self.participants, self._remove_selected)
        self.new_hint = plain_label("", self)
        self._warned_for = ""  # the new name already warned about (see _likely_duplicate)
        self.new_hint.hide()
        contacts_error = ErrorLabel(self)
        self.errors.bind("contacts", contacts_error, self.picker)
        add_form_row(
            form, self.tr("&With"), self.picker, self.participants, self.new_hint, contacts_error
        )
        self._build_when(form)
        self._build_texts(form)
        self._build_next_step(form)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def _build_when(self, form: QFormLayout) -> None:
        self.channel = QComboBox(self)
        for channel in Channel:
            self.channel.addItem(fmt.channel_label(channel), channel.value)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        when_error = ErrorLabel(self)
        self.errors.bind("happened_at", when_error, self.when)
        row = QHBoxLayout()
        row.addWidget(self.channel)
        row.addWidget(self.when, 1)
        how = QWidget(self)
        how.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        add_form_row(form, self.tr("&How, when"), how, when_error, focus=self.channel)

    def _build_texts(self, form: QFormLayout) -> None:
        self.notes, error = self._text("notes", 4)
        add_form_row(form, self.tr("&Notes"), self.notes, error)
        self.learned, error = self._text("learned", 2)
        self.learned.setPlaceholderText(self.tr("What did you learn from them?"))
        add_form_row(form, self.tr("What I &learned"), self.learned, error)
        self.asked, error = self._text("they_asked", 2)
        add_form_row(form, self.tr("They &asked for"), self.asked, error)

    def _build_next_step(self, form: QFormLayout) -> None:
        self.next_step = QLineEdit(self)
        self.next_step.returnPressed.connect(self.save)
        self.has_due = QCheckBox(self.tr("&due"), self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        step_row = QHBoxLayout()
        step_row.setContentsMargins(0, 0, 0, 0)
        step_row.addWidget(self.next_step, 1)
        step_row.addWidget(self.has_due)
        step_row.addWidget(self.due)
        step = QWidget(self)
        step.setLayout(step_row)
        step_error = ErrorLabel(self)
        due_error = ErrorLabel(self)
        self.errors.bind("next_step", step_error, self.next_step)
        self.errors.bind("next_step_due", due_error, self.due)
        add_form_row(form, self.tr("Ne&xt step"), step, step_error, due_error, focus=self.next_step)
        self.praise = QCheckBox(self.tr("They &praised my work"), self)
        form.addRow("", self.praise)

    def _initial_focus(self) -> None:
        target = self.notes if self.participants.count() else self.picker
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _watch_changes(self) -> None:
        for edit in (self.notes, self.learned, self.asked):
            edit.textChanged.connect(self._mark_dirty)
        for line in (self.picker, self.next_step):
            line.textChanged.connect(self._mark_dirty)
        self.praise.toggled.connect(self._mark_dirty)
        self.has_due.toggled.connect(self._mark_dirty)
        self.channel.currentIndexChanged.connect(self._mark_dirty)
        self.picker.textChanged.connect(self._update_new_hint)
        self.picker.suggestions_changed.connect(self._update_new_hint)

    # -- participants ---------------------------------------------------------------------

    def add_participant(self, contact_id: int, name: str) -> None:
        if contact_id in self.participant_ids():
            return
        item = QListWidgetItem(name, self.participants)
        item.setData(ID_ROLE, contact_id)
        self._mark_dirty()

    def participant_ids(self) -> tuple[int, ...]:
        return tuple(
            self.participants.item(i).data(ID_ROLE) for i in range(self.participants.count())
        )

    def _picked(self, contact_id: int, name: str) -> None:
        self.add_participant(contact_id, name)
        self.picker.set_contact(None, "")
        self.notes.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_selected(self) -> None:
        for item in self.participants.selectedItems():
            self.participants.takeItem(self.participants.row(item))
        self._mark_dirty()

    def _new_contact_name(self) -> str:
        return " ".join(self.picker.text().split()) if self.picker.contact_id is None else ""

    def _update_new_hint(self) -> None:
        # While people in the journal match the name, it is not new: no promise to add it.
        name = "" if self.picker.has_suggestions() else self._new_contact_name()
        self.new_hint.setText(
            self.tr("“%1” is not in your journal yet: saving adds them as a new contact.").replace(
                "%1", name
            )
            if name
            else ""
        )
        self.new_hint.setVisible(bool(name))

    # -- saving ---------------------------------------------------------------------------

    def current_input(self) -> ConversationInput:
        due = from_qdate(self.due.date()) if self.has_due.isChecked() else None
        return ConversationInput(
            contact_ids=self.participant_ids(),
            happened_at=from_qdatetime(self.when.dateTime()),
            channel=Channel(self.channel.currentData()),
            notes=self.notes.toPlainText(),
            learned=self.learned.toPlainText(),
            they_asked=self.asked.toPlainText(),
            next_step=self.next_step.text(),
            next_step_due=due,
            praise=self.praise.isChecked(),
        )

    def save(self) -> None:
        """Commit the conversation; the draft goes only after the commit succeeded."""
        try:
            self.commit()
        except ValidationError as error:
            self.save_draft_now()
            self.errors.show_validation(error)
            return
        except StorageError as error:
            self.save_draft_now()
            self.errors.show_storage(error)
            return
        self._autosave.stop()
        if self._drafts is not None:
            self._drafts.discard(self._draft_id)
        self.accept()

    def commit(self) -> None:
        """Write the conversation (and a new contact typed into the picker) in one step."""
        new_name = self._new_contact_name()
        if new_name and self.picker.has_suggestions():
            # A new contact is made only when the user means it, never beside a listed match.
            raise ValidationError.single(
                "contacts",
                self.tr(
                    "“%1” matches people in your journal: pick one from the list (Tab takes "
                    "the highlighted one), or add a new contact first with New contact."
                ).replace("%1", new_name),
            )
        new_contacts = (new_contact_from_name(new_name),) if new_name else ()
        if new_contacts and new_name != self._warned_for:
            self._refuse_likely_duplicate(new_name, new_contacts[0])
        self.conversation_id = self._journal.conversations.log(
            self.current_input(), new_contacts=new_contacts
        )

    def _refuse_likely_duplicate(self, new_name: str, data: ContactInput) -> None:
        """The name typed is not in the list, but the duplicate finder knows the person
        ("Dahl, Freja", "Fréja Dahl"): say who, once; saving again adds a new contact."""
        # (the words come with the duplicate finder and rapidfuzz: not before the first paint)
        from colearn_desktop.ui.contacts.duplicates.duplicate_words import reasons_text

        found = self._journal.duplicates.likely_duplicates_of(data)
        if not found:
            return
        self._warned_for = new_name
        raise ValidationError.single(
            "contacts",
            self.tr(
                "Not saved yet: “{typed}” looks like {name} (#{id}), already in your journal: "
                "{reasons}. Type their name and pick them from the list, or save again to add "
                "a new contact anyway."
            ).format(
                typed=new_name,
                name=found[0].name,
                id=found[0].contact_id,
                reasons=reasons_text(found[0].reasons),
            ),
        )

    def fill(self, data: ConversationInput, names: dict[int, str]) -> None:
        """Show an existing conversation's fields (for editing)."""
        for contact_id in data.contact_ids:
            self.add_participant(contact_id, names.get(contact_id, str(contact_id)))
        self._show(data)
        self._dirty = False

    def _show(self, data: ConversationInput) -> None:
        """Show every field but the participants (an edit and a draft find those apart)."""
        self.channel.setCurrentIndex(max(self.channel.findData(Channel(data.channel).value), 0))
        self.when.setDateTime(to_qdatetime(data.happened_at))
        self.notes.setPlainText(data.notes)
        self.learned.setPlainText(data.learned)
        self.asked.setPlainText(data.they_asked)
        self.next_step.setText(data.next_step)
        if data.next_step_due:
            self.has_due.setChecked(True)
            self.due.setDate(to_qdate(data.next_step_due))
        self.praise.setChecked(data.praise)

    def reject(self) -> None:
        if self._has_content() and not discard_confirmed(
            self, self.tr("Discard this note?"), self.tr("What you typed will be lost.")
        ):
            return
        self._autosave.stop()
        if self._drafts is not None:
            self._drafts.discard(self._draft_id)
        super().reject()

    # -- drafts ---------------------------------------------------------------------------

    def _mark_dirty(self, *_: object) -> None:
        self._dirty = True

    def _has_content(self) -> bool:
        return any(
            (
                self.notes.toPlainText().strip(),
                self.learned.toPlainText().strip(),
                self.asked.toPlainText().strip(),
                self.next_step.text().strip(),
            )
        )

    def save_draft_if_dirty(self) -> None:
        if self._dirty:
            self.save_draft_now()

    def save_draft_now(self) -> None:
        if self._drafts is None or (not self._has_content() and not self.participant_ids()):
            return
        data = self.current_input()
        names = [self.participants.item(i).text() for i in range(self.participants.count())]
        fields = draft_fields(data, names, self._new_contact_name())
        try:
            self._drafts.save(Draft(self._draft_id, DRAFT_KIND, self._journal.clock.now(), fields))
            self._dirty = False
        except OSError as error:
            self.banner.show_message(
                self.tr("Your draft could not be saved: %1").replace("%1", str(error))
            )

    def _restore(self, draft: Draft) -> None:
        fields = draft.fields
        for contact_id, name in fields.get("participants", []):
            if self._journal.contacts.exists(contact_id):
                self.add_participant(contact_id, name)
        self.picker.setText(fields.get("new_contact", ""))
        self._show(conversation_from_draft(fields))
