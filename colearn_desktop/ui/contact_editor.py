"""Creating and editing a contact.  Validation happens in the journal; its messages appear next
to each field, and the dialog stays open with everything typed until the contact is saved."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import Birthday, ContactDetail, ContactInput
from colearn_desktop.core.text import without_unwanted_fields
from colearn_desktop.ui import format as fmt
from colearn_desktop.ui.contact_picker import ContactPicker
from colearn_desktop.ui.form_errors import FormErrors
from colearn_desktop.ui.labelled_list import LabelledList
from colearn_desktop.ui.widgets import ErrorLabel, add_form_row, discard_confirmed


class BirthdayEdit(QWidget):
    """Month and day, with an optional year (many people share only the day)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.month = QComboBox(self)
        self.month.addItem(self.tr("— no birthday —"), 0)
        for number in range(1, 13):
            self.month.addItem(date(2000, number, 1).strftime("%B"), number)
        self.day = QSpinBox(self)
        self.day.setRange(1, 31)
        self.year = QSpinBox(self)
        self.year.setRange(1899, 2100)
        self.year.setSpecialValueText(self.tr("year unknown"))
        self.year.setValue(1899)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month, 2)
        layout.addWidget(self.day, 1)
        layout.addWidget(self.year, 1)
        self.month.currentIndexChanged.connect(self._toggle)
        self._toggle()

    def _toggle(self) -> None:
        enabled = bool(self.month.currentData())
        self.day.setEnabled(enabled)
        self.year.setEnabled(enabled)

    def value(self) -> Birthday | None:
        month = self.month.currentData()
        if not month:
            return None
        year = self.year.value()
        return Birthday(month, self.day.value(), None if year == self.year.minimum() else year)

    def set_value(self, birthday: Birthday | None) -> None:
        self.month.setCurrentIndex(birthday.month if birthday else 0)
        if birthday:
            self.day.setValue(birthday.day)
            self.year.setValue(birthday.year or self.year.minimum())


class ContactEditor(QDialog):
    """``contact_id`` is set once the contact is saved; ``previous`` holds what an edit
    replaced (for undo)."""

    def __init__(
        self,
        journal: Journal,
        contact: ContactDetail | None = None,
        parent: QWidget | None = None,
        *,
        initial: ContactInput | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self._original = contact
        self.contact_id: int | None = contact.id if contact else None
        self.previous: ContactInput | None = contact.data if contact else None
        self.saved: ContactInput | None = None
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.banner = ErrorLabel(self)
        self.errors = FormErrors(self.banner)
        self._build()
        self.set_input(contact.data if contact else initial or ContactInput())
        if contact and contact.referred_by:
            self.referred_by.set_contact(contact.referred_by.id, contact.referred_by.display_name)
        self._shown_input = self.current_input()
        self._order_tabs()
        self.emails.rows_changed.connect(self._order_tabs)
        self.phones.rows_changed.connect(self._order_tabs)
        self.given.setFocus(Qt.FocusReason.OtherFocusReason)  # opens on its first field
        self.resize(640, 720)

    # -- building -------------------------------------------------------------------------

    def _line(self, field: str, form: QFormLayout, label: str) -> QLineEdit:
        edit = QLineEdit(self)
        error = ErrorLabel(self)
        self.errors.bind(field, error, edit)
        add_form_row(form, label, edit, error)
        return edit

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.given = self._line("given_name", form, self.tr("&Given name"))
        self.family = self._line("family_name", form, self.tr("&Family name"))
        self.name = self._line("name", form, self.tr("Or one &name"))
        self.name.setPlaceholderText(self.tr("when that is all there is, e.g. “Dr. Okafor”"))
        self.company = self._line("company", form, self.tr("&Company"))
        self.job_title = self._line("job_title", form, self.tr("&Job title"))
        self._build_reach(form)
        self._build_relationship(form)
        self._build_details(form)
        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _build_reach(self, form: QFormLayout) -> None:
        self.emails = LabelledList(
            [self.tr("work"), self.tr("home"), self.tr("other")],
            self.tr("name@example.com"),
            self.tr("Add &e-mail"),
            self,
        )
        form.addRow(self.tr("E-mail"), self.emails)
        self.phones = LabelledList(
            [self.tr("mobile"), self.tr("work"), self.tr("home")],
            self.tr("+44 20 7946 0958"),
            self.tr("Add &phone"),
            self,
        )
        form.addRow(self.tr("Phone"), self.phones)

    def _build_relationship(self, form: QFormLayout) -> None:
        self.stage = QComboBox(self)
        for stage in Stage:
            self.stage.addItem(fmt.stage_label(stage), stage.value)
        form.addRow(self.tr("&Stage"), self.stage)
        self.cadence = QSpinBox(self)
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText(self.tr("default for the stage or tags"))
        self.cadence.setSuffix(self.tr(" days"))
        cadence_error = ErrorLabel(self)
        self.errors.bind("cadence_days", cadence_error, self.cadence)
        add_form_row(form, self.tr("Keep in &touch every"), self.cadence, cadence_error)
        self.tags = self._line("tags", form, self.tr("T&ags"))
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. designer, conference"))
        self.how_met = self._line("how_met", form, self.tr("&How we met"))
        self.referred_by = ContactPicker(self._journal, self, exclude=self.contact_id or 0)
        referred_error = ErrorLabel(self)
        self.errors.bind("referred_by_id", referred_error, self.referred_by)
        add_form_row(form, self.tr("&Referred by"), self.referred_by, referred_error)

    def _build_details(self, form: QFormLayout) -> None:
        self.birthday = BirthdayEdit(self)
        birthday_error = ErrorLabel(self)
        self.errors.bind("birthday", birthday_error, self.birthday.month)
        add_form_row(
            form, self.tr("&Birthday"), self.birthday, birthday_error, focus=self.birthday.month
        )
        self.website = self._line("website", form, self.tr("&Website"))
        self.address = QPlainTextEdit(self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(self.tr("A&ddress"), self.address)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        notes_error = ErrorLabel(self)
        self.errors.bind("notes", notes_error, self.notes)
        add_form_row(form, self.tr("N&otes"), self.notes, notes_error)

    def _order_tabs(self) -> None:
        """Tab walks the fields as they are shown.  Widgets made later (an e-mail row added
        when the contact is loaded) would otherwise come after Save and Cancel."""
        stops: list[QWidget] = [self.given, self.family, self.name, self.company, self.job_title]
        stops += self.emails.tab_stops() + self.phones.tab_stops()
        stops += [self.stage, self.cadence, self.tags, self.how_met, self.referred_by]
        stops += [self.birthday.month, self.birthday.day, self.birthday.year]
        stops += [self.website, self.address, self.notes, *self._buttons.buttons()]
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)

    # -- data -----------------------------------------------------------------------------

    def set_input(self, data: ContactInput) -> None:
        # Control characters stored before they were refused (an old import) cannot be seen
        # nor removed by hand: they are left out, so saving the form never fails on them.
        data = without_unwanted_fields(data)
        self.given.setText(data.given_name)
        self.family.setText(data.family_name)
        self.name.setText(data.name)
        self.company.setText(data.company)
        self.job_title.setText(data.job_title)
        self.emails.set_values(data.emails)
        self.phones.set_values(data.phones)
        self.stage.setCurrentIndex(max(self.stage.findData(Stage(data.stage).value), 0))
        self.cadence.setValue(data.cadence_days or 0)
        self.tags.setText(", ".join(data.tags))
        self.how_met.setText(data.how_met)
        self.birthday.set_value(data.birthday)
        self.website.setText(data.website)
        self.address.setPlainText(data.address)
        self.notes.setPlainText(data.notes)

    def current_input(self) -> ContactInput:
        return ContactInput(
            given_name=self.given.text(),
            family_name=self.family.text(),
            name=self.name.text(),
            company=self.company.text(),
            job_title=self.job_title.text(),
            emails=self.emails.values(),
            phones=self.phones.values(),
            address=self.address.toPlainText(),
            website=self.website.text(),
            birthday=self.birthday.value(),
            stage=Stage(self.stage.currentData()),
            cadence_days=self.cadence.value() or None,
            how_met=self.how_met.text(),
            referred_by_id=self._referrer(),
            notes=self.notes.toPlainText(),
            tags=tuple(t for t in self.tags.text().split(",") if t.strip()),
        )

    def _referrer(self) -> int | None:
        return self.referred_by.contact_id

    def _bind_list_errors(self) -> None:
        self.errors.unbind_prefix("emails[")
        self.errors.unbind_prefix("phones[")
        for prefix, editor in (("emails", self.emails), ("phones", self.phones)):
            for index, (error, edit) in enumerate(editor.error_targets()):
                self.errors.bind(f"{prefix}[{index}]", error, edit)

    def save(self) -> None:
        """Validate and write through the journal; on any failure stay open, input intact."""
        if self.referred_by.text().strip() and self._referrer() is None:
            self.errors.clear()
            self.banner.show_message(
                self.tr("Pick “referred by” from the suggestions, or clear it.")
            )
            self.referred_by.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        data = self.current_input()
        self._bind_list_errors()
        try:
            if self.contact_id is None:
                self.contact_id = self._journal.contacts.create(data)
            else:
                self._journal.contacts.update(self.contact_id, data)
        except ValidationError as error:
            self.errors.show_validation(error)
            return
        except StorageError as error:
            self.errors.show_storage(error)
            return
        self.saved = data
        self.accept()

    def reject(self) -> None:
        """Escape, Cancel and the window's close button ask before dropping typed changes
        (as the quick log does); with nothing changed the dialog closes at once."""
        if (
            self.saved is None
            and self.current_input() != self._shown_input
            and not discard_confirmed(
                self,
                self.tr("Discard your changes to this contact?"),
                self.tr("What you typed will be lost. Choose Cancel to keep editing."),
            )
        ):
            return
        super().reject()
