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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.contact_fields import BY_NAME, Birthday, ContactInput, Kind, contact_input
from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ContactDetail
from colearn_desktop.core.text import without_unwanted_fields
from colearn_desktop.ui.contacts.duplicates.duplicate_words import reasons_text
from colearn_desktop.ui.contacts.editing.contact_picker import ContactPicker
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.format import field_label
from colearn_desktop.ui.kit.forms.form_errors import FormErrors
from colearn_desktop.ui.kit.forms.labelled_list import LabelledList
from colearn_desktop.ui.kit.widgets import ErrorLabel, add_form_row, discard_confirmed

TextWidget = QLineEdit | QPlainTextEdit
# Where the fields of the contact field list go, section by section (the form's layout; the
# widget and label of each come from the list).  Stage, cadence, tags, "how we met", "referred
# by" and the birthday have widgets of their own, between the reach and the details.
_IDENTITY = (
    "given_name", "family_name", "name", "name_prefix", "name_suffix", "company", "job_title",
)  # fmt: skip
_REACH = ("emails", "phones", "links")
# The address in its parts (street lines, then town, region, postal code, country, label).
_DETAILS = (
    "website", "address", "city", "region", "postal_code", "country", "address_label", "notes",
)  # fmt: skip


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
        self.contact_id: int | None = contact.id if contact else None
        self.saved: ContactInput | None = None
        self._warned_for: ContactInput | None = None  # see _no_likely_duplicate
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self.banner = ErrorLabel(self)
        self.errors = FormErrors(self.banner)
        self._build()
        self.set_input(contact.data if contact else initial or ContactInput())
        if contact and contact.referred_by:
            self.referred_by.set_contact(contact.referred_by.id, contact.referred_by.display_name)
        self._shown_input = self.current_input()
        self._order_tabs()
        for labelled in self.lists.values():
            labelled.rows_changed.connect(self._order_tabs)
        self.given.setFocus(Qt.FocusReason.OtherFocusReason)  # opens on its first field
        self.resize(640, 720)

    # -- building -------------------------------------------------------------------------

    def _line(self, field: str, form: QFormLayout, label: str) -> QLineEdit:
        edit = QLineEdit(self)
        error = ErrorLabel(self)
        self.errors.bind(field, error, edit)
        add_form_row(form, label, edit, error)
        return edit

    def _text(self, name: str, form: QFormLayout, *, one_line: bool = False) -> TextWidget:
        """The widget of a text field of the contact field list, by its kind: a line, or a
        box of several lines (Tab leaves it) for notes and the like."""
        field = BY_NAME[name]
        label = field_label(field)
        if field.kind is Kind.LINE or one_line:
            widget: TextWidget = self._line(name, form, label)
        else:
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            error = ErrorLabel(self)
            self.errors.bind(name, error, widget)
            add_form_row(form, label, widget, error)
        self.texts[name] = widget
        return widget

    def _build(self) -> None:
        self.texts: dict[str, TextWidget] = {}
        self.lists: dict[str, LabelledList] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in _IDENTITY:
            self._text(name, form)
        self.given, self.family = self.texts["given_name"], self.texts["family_name"]
        self.name, self.company = self.texts["name"], self.texts["company"]
        self.job_title = self.texts["job_title"]
        self.name.setPlaceholderText(self.tr("when that is all there is, e.g. “Dr. Okafor”"))
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
        self._list_labels: dict[str, QLabel] = {}
        choices = {
            "emails": (
                [self.tr("work"), self.tr("home"), self.tr("other")],
                self.tr("name@example.com"),
                self.tr("Add e-mail"),
            ),
            "phones": (
                [self.tr("mobile"), self.tr("work"), self.tr("home")],
                self.tr("+44 20 7946 0958"),
                self.tr("Add phone"),
            ),
            "links": (
                [self.tr("linkedin"), self.tr("portfolio"), self.tr("other")],
                self.tr("https://www.linkedin.com/in/…"),
                self.tr("Add link"),
            ),
        }
        for name in _REACH:
            labels, placeholder, add_text = choices[name]
            self.lists[name] = LabelledList(labels, placeholder, add_text, self)
            form.addRow(field_label(BY_NAME[name]), self.lists[name])
            label = form.labelForField(self.lists[name])
            assert isinstance(label, QLabel)
            self._list_labels[name] = label
        self.emails, self.phones = self.lists["emails"], self.lists["phones"]

    def _build_relationship(self, form: QFormLayout) -> None:
        self.stage = QComboBox(self)
        for stage in Stage:
            self.stage.addItem(fmt.stage_label(stage), stage.value)
        form.addRow(self.tr("S&tage"), self.stage)  # Alt+S is Save on some desktops
        self.cadence = QSpinBox(self)
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText(self.tr("default for the stage or tags"))
        self.cadence.setSuffix(self.tr(" days"))
        cadence_error = ErrorLabel(self)
        self.errors.bind("cadence_days", cadence_error, self.cadence)
        add_form_row(form, self.tr("Keep in touch e&very"), self.cadence, cadence_error)
        self.tags = self._line("tags", form, self.tr("T&ags"))
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. designer, conference"))
        self.how_met = self._text("how_met", form, one_line=True)
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
        for name in _DETAILS:
            self._text(name, form)
        self.website, self.address = self.texts["website"], self.texts["address"]
        self.notes = self.texts["notes"]
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        self.address.setPlaceholderText(self.tr("street and number; a second line if needed"))
        self.texts["address_label"].setPlaceholderText(self.tr("home, work …"))
        # Its row (the box with its error line) keeps that height; the notes take the rest.
        row = self.address.parentWidget()
        assert row is not None  # the box sits in its row
        row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _order_tabs(self) -> None:
        """Tab walks the fields as they are shown.  Widgets made later (an e-mail row added
        when the contact is loaded) would otherwise come after Save and Cancel."""
        stops: list[QWidget] = [self.texts[name] for name in _IDENTITY]
        for name in _REACH:
            stops += self.lists[name].tab_stops()
        stops += [self.stage, self.cadence, self.tags, self.how_met, self.referred_by]
        stops += [self.birthday.month, self.birthday.day, self.birthday.year]
        stops += [*(self.texts[name] for name in _DETAILS), *self._buttons.buttons()]
        for before, after in pairwise(stops):
            QWidget.setTabOrder(before, after)
        # Alt+E, Alt+P, Alt+K land in the first address, number or link, or on "Add …" when
        # there is none (the list itself cannot take the cursor: Qt would ignore the key).
        for name, label in self._list_labels.items():
            tab_stops = self.lists[name].tab_stops()
            label.setBuddy(next((w for w in tab_stops if isinstance(w, QLineEdit)), tab_stops[-1]))

    # -- data -----------------------------------------------------------------------------

    def set_input(self, data: ContactInput) -> None:
        # Control characters stored before they were refused (an old import) cannot be seen
        # nor removed by hand: they are left out, so saving the form never fails on them.
        data = without_unwanted_fields(data)
        for name, widget in self.texts.items():
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(getattr(data, name))
            else:
                widget.setText(getattr(data, name))
        for name, labelled in self.lists.items():
            labelled.set_values(getattr(data, name))
        self.stage.setCurrentIndex(max(self.stage.findData(Stage(data.stage).value), 0))
        self.cadence.setValue(data.cadence_days or 0)
        self.tags.setText(", ".join(data.tags))
        self.birthday.set_value(data.birthday)

    def current_input(self) -> ContactInput:
        texts = {
            name: widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            for name, widget in self.texts.items()
        }
        return contact_input(
            texts,
            {name: labelled.values() for name, labelled in self.lists.items()},
            birthday=self.birthday.value(),
            stage=Stage(self.stage.currentData()),
            cadence_days=self.cadence.value() or None,
            referred_by_id=self._referrer(),
            tags=tuple(t for t in self.tags.text().split(",") if t.strip()),
        )

    def _referrer(self) -> int | None:
        return self.referred_by.contact_id

    def _bind_list_errors(self) -> None:
        for prefix, editor in self.lists.items():
            self.errors.unbind_prefix(f"{prefix}[")
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
        if self.contact_id is None and not self._no_likely_duplicate(data):
            return
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

    def _no_likely_duplicate(self, data: ContactInput) -> bool:
        """Before a new contact is made, name the contact it probably already is (issue
        #17); saving again with the same input adds it anyway."""
        if data == self._warned_for:
            return True
        found = self._journal.duplicates.likely_duplicates_of(data)
        if not found:
            return True
        self._warned_for = data
        self.errors.clear()
        self.banner.show_message(
            self.tr(
                "Not saved yet: this looks like {name} (#{id}), already in the journal: "
                "{reasons}. Save again to add a new contact anyway, or Cancel to keep only "
                "the one you have."
            ).format(
                name=found[0].name, id=found[0].contact_id, reasons=reasons_text(found[0].reasons)
            )
        )
        return False

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
