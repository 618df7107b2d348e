"""Settings: about me (for referral messages) and keep-in-touch defaults, plus pages other
parts of the app add (backups, notifications ...)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.errors import StorageError, ValidationError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.people.duplicates.keys import default_region
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.page_list import PageList
from colearn_desktop.ui.kit.widgets import ErrorLabel
from colearn_desktop.ui.settings.tag_cadences import TagCadencesPage


def _days(value: int | None, none_text: str, parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, 3650)
    spin.setSpecialValueText(none_text)
    spin.setSuffix(parent.tr(" days"))
    spin.setValue(value or 0)
    return spin


class SettingsDialog(QDialog):
    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        extra_pages: list[tuple[str, QWidget]] | None = None,
    ):
        super().__init__(parent)
        self._journal = journal
        self.setWindowTitle(self.tr("Settings"))
        settings = journal.settings.get()
        self.banner = ErrorLabel(self)
        self.tabs = PageList(self)

        me = QWidget(self)
        form = QFormLayout(me)
        self.my_name = QLineEdit(settings.my_name, me)
        self.my_offer = QLineEdit(settings.my_offer, me)
        self.my_offer.setPlaceholderText(self.tr("e.g. calm, accessible websites for small shops"))
        self.signature = QPlainTextEdit(settings.my_signature, me)
        self.signature.setTabChangesFocus(True)
        form.addRow(self.tr("&My name"), self.my_name)
        form.addRow(self.tr("What I &offer"), self.my_offer)
        form.addRow(self.tr("&Signature"), self.signature)
        # Where numbers written without a country code are from, to find duplicate phones.
        self.phone_region = QLineEdit(settings.phone_region, me)
        self.phone_region.setMaxLength(2)
        self.phone_region.setPlaceholderText(
            self.tr("%1, from this computer's language settings").replace(
                "%1", default_region() or "—"
            )
        )
        form.addRow(self.tr("&Phone region (GB, US …)"), self.phone_region)
        self.tabs.addTab(me, self.tr("&About me"))

        touch = QWidget(self)
        form = QFormLayout(touch)
        self.stage_cadence: dict[str, QSpinBox] = {}
        for stage in Stage:
            spin = _days(settings.stage_cadence.get(stage.value), self.tr("no reminder"), touch)
            self.stage_cadence[stage.value] = spin
            form.addRow(self.tr("Keep in touch, %1").replace("%1", fmt.stage_label(stage)), spin)
        self.grace = _days(settings.grace_days, self.tr("none"), touch)
        form.addRow(self.tr("G&race before red"), self.grace)
        self.checkins = QLineEdit(", ".join(str(d) for d in settings.checkin_offsets), touch)
        form.addRow(self.tr("&Check-ins after a purchase (days)"), self.checkins)
        self.birthday_notice = _days(settings.birthday_notice_days, self.tr("on the day"), touch)
        form.addRow(self.tr("Birth&day notice"), self.birthday_notice)
        self.tabs.addTab(touch, self.tr("&Keep in touch"))
        self.tag_cadences = TagCadencesPage(journal, self)
        self.tabs.addTab(self.tag_cadences, self.tr("B&y tag"))

        for title, page in extra_pages or []:
            self.tabs.addTab(page, title)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self.my_name.setFocus()  # opens on its first field

    def save(self) -> None:
        try:
            offsets = tuple(
                int(p) for p in self.checkins.text().replace(";", ",").split(",") if p.strip()
            )
        except ValueError:
            self.banner.show_message(self.tr("Check-ins: write days as numbers, e.g. 14, 90"))
            return
        try:
            self._journal.settings.update(
                my_name=self.my_name.text().strip(),
                my_offer=self.my_offer.text().strip(),
                my_signature=self.signature.toPlainText().strip(),
                stage_cadence={k: (s.value() or None) for k, s in self.stage_cadence.items()},
                grace_days=self.grace.value(),
                checkin_offsets=offsets,
                birthday_notice_days=self.birthday_notice.value(),
                phone_region=self.phone_region.text().strip().upper(),
            )
            self.tag_cadences.write()
        except (ValidationError, StorageError) as error:
            self.banner.show_message(str(error))
            return
        for index in range(self.tabs.count()):
            apply = getattr(self.tabs.widget(index), "apply", None)
            if callable(apply):
                apply()
        self.accept()
