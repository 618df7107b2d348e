"""Writing a referral ask: pick a person and a template, edit the preview, copy it or open it in
the mail program, then say whether it was sent, which records the ask with the exact text.

Placeholders without a value for this person stay visible in the preview (``{praise}``),
highlighted, and listed above it; "Next blank" selects the next one so typing replaces it.
Copying or mailing a message that still has blanks asks first.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.errors import JournalError, StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.referrals import AskInput, Composition, mailto_url
from colearn_desktop.core.referrals.templates import remaining_blanks
from colearn_desktop.ui.contacts.editing.contact_picker import ContactPicker
from colearn_desktop.ui.kit.plain_text import Button, ask
from colearn_desktop.ui.kit.widgets import FORM_GAP, BuddyLabel, ErrorLabel, muted, plain_label
from colearn_desktop.ui.referrals import referral_format as rf
from colearn_desktop.ui.referrals.referral_blanks import (
    highlight_blanks,
    markers,
    select_next_blank,
)

log = logging.getLogger(__name__)
SUGGESTIONS = 100


class ReferralComposer(QDialog):
    """``ReferralComposer(journal, contact_id=None, parent)``; emits ``ask_recorded(ask_id)``
    and closes (accepted) once the user confirms the message was sent."""

    ask_recorded = Signal(int)

    def __init__(self, journal: Journal, contact_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._composition: Composition | None = None
        self._setting_text = False
        self._edited = False
        self._shown: tuple[int | None, int | None] = (None, None)
        self.setWindowTitle(self.tr("Ask for a referral"))
        self._ensure_templates()

        self.suggested = QComboBox(self)
        self.picker = ContactPicker(journal, self)
        self.picker.setPlaceholderText(self.tr("…or type anyone's name"))
        self.template_box = QComboBox(self)
        self.subject = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.missing_label = plain_label("", self)
        self.problems_label = ErrorLabel(self)
        self.settings_hint = muted(
            plain_label(
                self.tr("Your name, offer and signature come from Settings; set them once there."),
                self,
            )
        )
        self.next_blank_button = QPushButton(self.tr("&Next blank"), self)
        self.copy_button = QPushButton(self.tr("&Copy message"), self)
        self.mail_button = QPushButton(self.tr("Open in &mail app"), self)
        self.close_button = QPushButton(self.tr("C&lose"), self)
        self.error_label = ErrorLabel(self)

        self.sent_bar = QFrame(self)
        self.sent_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.sent_question = plain_label(self.tr("Did you send it?"), self.sent_bar, wrap=False)
        self.yes_button = QPushButton(self.tr("&Yes, record the ask"), self.sent_bar)
        self.not_yet_button = QPushButton(self.tr("N&ot yet"), self.sent_bar)
        bar = QHBoxLayout(self.sent_bar)
        bar.addWidget(self.sent_question, 1)
        bar.addWidget(self.yes_button)
        bar.addWidget(self.not_yet_button)
        self.sent_bar.hide()

        self._layout()
        self._fill_suggestions(contact_id)
        self._fill_templates()
        self._connect()
        self.recompose()
        self.resize(720, 640)

    # -- building -------------------------------------------------------------------------

    def _ensure_templates(self) -> None:
        try:
            self._journal.referrals.templates.ensure_defaults(QLocale().name())
        except JournalError:
            log.exception("could not add the default referral templates")

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(FORM_GAP)
        who = QHBoxLayout()
        who.addWidget(self.suggested, 3)
        who.addWidget(self.picker, 2)
        form.addRow(BuddyLabel(self.tr("&To"), self.suggested, self), who)
        form.addRow(BuddyLabel(self.tr("T&emplate"), self.template_box, self), self.template_box)
        form.addRow(BuddyLabel(self.tr("S&ubject"), self.subject, self), self.subject)
        message_label = BuddyLabel(self.tr("Me&ssage"), self.body, self)
        blanks = QHBoxLayout()
        blanks.addWidget(self.missing_label, 1)
        blanks.addWidget(self.next_blank_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(message_label)
        layout.addLayout(blanks)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.settings_hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sent_bar)
        layout.addLayout(buttons)

    def _fill_suggestions(self, contact_id: int | None) -> None:
        today = self._journal.clock.today()
        self.suggested.clear()
        for suggestion in self._journal.referrals.ready_to_ask(limit=SUGGESTIONS):
            first = suggestion.reasons[0] if suggestion.reasons else None
            why = rf.reason_text(first, today) if first else ""
            self.suggested.addItem(
                f"{suggestion.display_name} — {why}" if why else suggestion.display_name,
                suggestion.contact_id,
            )
        if contact_id is not None and self.suggested.findData(contact_id) < 0:
            name = self._journal.contacts.get(contact_id).display_name
            self.suggested.insertItem(0, name, contact_id)
        if self.suggested.count() == 0:
            self.suggested.addItem(self.tr("Nobody is ready to ask right now"), None)
        found = self.suggested.findData(contact_id) if contact_id is not None else 0
        self.suggested.setCurrentIndex(max(found, 0))

    def _fill_templates(self) -> None:
        self.template_box.clear()
        for template in self._journal.referrals.templates.all():
            self.template_box.addItem(template.name, template.id)
        # Start from the template used last, if it is still there.
        last = self._journal.referrals.asks.rows(limit=1)
        if last and last[0].template_id is not None:
            self.template_box.setCurrentIndex(
                max(self.template_box.findData(last[0].template_id), 0)
            )

    def _connect(self) -> None:
        self.suggested.currentIndexChanged.connect(self._selection_changed)
        self.picker.contact_chosen.connect(self._picked)
        self.template_box.currentIndexChanged.connect(self._selection_changed)
        self.body.textChanged.connect(self._text_changed)
        self.subject.textEdited.connect(lambda _t: self._mark_edited())
        self.next_blank_button.clicked.connect(self.select_next_blank)
        self.copy_button.clicked.connect(self.copy_message)
        self.mail_button.clicked.connect(self.open_in_mail)
        self.close_button.clicked.connect(self.reject)
        self.yes_button.clicked.connect(self.record_ask)
        self.not_yet_button.clicked.connect(self.sent_bar.hide)

    # -- state ----------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        chosen: int | None = self.suggested.currentData()
        return chosen

    @property
    def template_id(self) -> int | None:
        chosen: int | None = self.template_box.currentData()
        return chosen

    def message(self) -> str:
        return self.body.toPlainText()

    def blanks(self) -> tuple[str, ...]:
        """Placeholders still unfilled in the (edited) subject and message."""
        if self._composition is None:
            return ()
        missing = self._composition.missing
        return tuple(
            dict.fromkeys(
                remaining_blanks(self.subject.text(), missing)
                + remaining_blanks(self.message(), missing)
            )
        )

    def _selection_changed(self, _index: int) -> None:
        if self._confirm_replace():
            self.recompose()
            return
        # Keep the edited message: put the person and template it was written for back.
        contact_id, template_id = self._shown
        for box, value in ((self.suggested, contact_id), (self.template_box, template_id)):
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(value), 0))
            box.blockSignals(False)

    def _picked(self, contact_id: int, name: str) -> None:
        found = self.suggested.findData(contact_id)
        if found < 0:
            self.suggested.insertItem(0, name, contact_id)
            found = 0
        self.suggested.setCurrentIndex(found)

    def _confirm_replace(self) -> bool:
        if not self._edited:
            return True
        answer = ask(
            self,
            self.tr("Replace your edits?"),
            self.tr("The message was edited. Fill in the template again and lose the edits?"),
            default=Button.No,
        )
        return answer == Button.Yes

    def recompose(self) -> None:
        self.sent_bar.hide()
        self.error_label.show_message(None)
        contact_id, template_id = self.contact_id, self.template_id
        self._shown = (contact_id, template_id)
        ready = contact_id is not None and template_id is not None
        for button in (self.copy_button, self.mail_button, self.next_blank_button):
            button.setEnabled(ready)
        if contact_id is None or template_id is None:
            self._composition = None
            self._set_texts("", "")
            self.missing_label.setText(
                self.tr("Choose who to ask and a template.")
                if template_id is not None
                else self.tr("There is no template yet: add one under Templates.")
            )
            self.problems_label.show_message(None)
            return
        self._composition = self._journal.referrals.compose(
            contact_id, template_id, months_text=rf.months_text
        )
        self._set_texts(self._composition.subject.text, self._composition.body.text)
        problems = self._composition.subject.problems + self._composition.body.problems
        self.problems_label.show_message(
            "\n".join(rf.problem_text(p) for p in problems) if problems else None
        )
        self.settings_hint.setVisible(
            any(name in rf.SETTINGS_PLACEHOLDERS for name in self._composition.missing)
        )
        self._update_blanks()

    def _set_texts(self, subject: str, body: str) -> None:
        self._setting_text = True
        try:
            self.subject.setText(subject)
            self.body.setPlainText(body)
        finally:
            self._setting_text = False
        self._edited = False

    def _mark_edited(self) -> None:
        self._edited = True
        self.sent_bar.hide()

    def _text_changed(self) -> None:
        if not self._setting_text:
            self._mark_edited()
        self._update_blanks()

    def _update_blanks(self) -> None:
        blanks = self.blanks()
        self.next_blank_button.setEnabled(bool(blanks))
        if blanks:
            self.missing_label.setText(
                rf.fill(
                    self.tr("No value for this person: {names}. Type over them in the message."),
                    names=markers(blanks),
                )
            )
        elif self._composition is not None:
            self.missing_label.setText(self.tr("Everything is filled in. Read it once, then send."))
        highlight_blanks(self.body, blanks)

    def select_next_blank(self) -> bool:
        """Select the next unfilled placeholder after the cursor (wrapping round)."""
        return select_next_blank(self.body, self.blanks())

    # -- sending --------------------------------------------------------------------------

    def _ready_to_send(self) -> bool:
        if not self.message().strip():
            self.error_label.show_message(self.tr("The message is empty."))
            return False
        blanks = self.blanks()
        if not blanks:
            return True
        answer = ask(
            self,
            self.tr("Some blanks are not filled in"),
            rf.fill(
                self.tr("The message still shows {names}. Use it anyway?"),
                names=markers(blanks),
            ),
            default=Button.No,
        )
        return answer == Button.Yes

    def copy_message(self) -> None:
        if not self._ready_to_send():
            return
        QGuiApplication.clipboard().setText(self.message())
        self._ask_if_sent(self.tr("Copied. Paste it where you talk with them. Did you send it?"))

    def mailto(self) -> str:
        email = self._composition.contact.email if self._composition else ""
        return mailto_url(email, self.subject.text(), self.message())

    def open_in_mail(self) -> None:
        if not self._ready_to_send():
            return
        url = QUrl.fromEncoded(self.mailto().encode("ascii"), QUrl.ParsingMode.StrictMode)
        if QDesktopServices.openUrl(url):
            self._ask_if_sent(self.tr("Sent to your mail program. Did you send it?"))
            return
        QGuiApplication.clipboard().setText(self.message())
        self._ask_if_sent(
            self.tr("No mail program opened, so the message was copied instead. Did you send it?")
        )

    def _ask_if_sent(self, question: str) -> None:
        self.sent_question.setText(question)
        self.sent_bar.show()
        self.yes_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def record_ask(self) -> int | None:
        contact_id = self.contact_id
        if contact_id is None:
            return None
        data = AskInput(
            contact_id=contact_id,
            message=self.message(),
            subject=self.subject.text(),
            template_id=self.template_id,
        )
        try:
            ask_id = self._journal.referrals.asks.record(data)
        except (ValidationError, StorageError) as error:
            self.error_label.show_message(str(error))
            return None
        self.ask_recorded.emit(ask_id)
        self.accept()
        return ask_id
