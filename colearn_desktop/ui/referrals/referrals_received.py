"""The Referrals screen's third tab: who sent people my way in the chosen period, whom each
of them sent, and thanking them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from colearn_desktop.core.journal import Journal
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.kit.widgets import (
    ErrorLabel,
    muted,
    plain_label,
    read_only_table,
    split_above,
)
from colearn_desktop.ui.referrals.referrals_models import (
    CONTACT_ROLE,
    ReferredPeopleModel,
    ReferrersModel,
)


class ReceivedTab(QWidget):
    """Referrers above, the people the selected one referred below.  Emits
    ``open_contact_requested(id)``; a refused write is shown in the screen's ``banner``."""

    open_contact_requested = Signal(int)

    def __init__(self, journal: Journal, banner: ErrorLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._banner = banner
        today = journal.clock.today
        self.referrers_model = ReferrersModel(today, self)
        self.referred_model = ReferredPeopleModel(today, self)
        self.referrers_table = read_only_table(self, self.referrers_model, 0)
        self.referred_table = read_only_table(self, self.referred_model, 0)
        self.thank_button = QPushButton(self.tr("&Mark thanked"), self)
        self.open_referrer_button = QPushButton(self.tr("&Open contact"), self)
        self.hint = muted(plain_label("", self))
        buttons = QHBoxLayout()
        buttons.addWidget(self.thank_button)
        buttons.addWidget(self.open_referrer_button)
        buttons.addStretch(1)
        splitter = split_above(self, self.referrers_table, self.referred_table, (3, 2))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.referrers_table.selectionModel().currentRowChanged.connect(self._referrer_selected)
        self.referrers_table.activated.connect(self._open_contact)
        self.referred_table.activated.connect(self._open_contact)
        self.thank_button.clicked.connect(self.thank_selected_referrer)
        self.open_referrer_button.clicked.connect(
            lambda: self._open_contact(self.referrers_table.currentIndex())
        )
        self._referrer_selected(QModelIndex(), QModelIndex())

    def reload(self, since: date | None, until: date) -> int:
        """Read the referrers of the period; the number of referrals still to thank."""
        self.referrers_model.set_rows(self._journal.referrals.history.received(since, until))
        to_thank = sum(r.unthanked for r in self.referrers_model.rows())
        # Translated in the page's context, where the string lived first: its English
        # plural forms are filed there.
        self.hint.setText(
            QCoreApplication.translate(
                "ReferralsPage",
                "Who sent people your way in this period. %n referral(s) still to thank.",
                None,
                to_thank,
            )
        )
        return to_thank

    def _referrer_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        referrer = self.referrers_model.row_at(current.row()) if current.isValid() else None
        people = (
            self._journal.referrals.history.referred_by(referrer.contact_id) if referrer else []
        )
        self.referred_model.set_rows(people)
        self.thank_button.setEnabled(any(p.thanked_on is None for p in people))
        self.open_referrer_button.setEnabled(referrer is not None)

    def thank_selected_referrer(self) -> None:
        referrer = self.referrers_model.row_at(self.referrers_table.currentIndex().row())
        if referrer is None:
            return
        attempt(
            self,
            self.tr("The thanks was not recorded"),
            lambda: self._journal.referrals.history.thank_referrer(referrer.contact_id),
            banner=self._banner,
        )

    def _open_contact(self, index: QModelIndex) -> None:
        contact_id = index.data(CONTACT_ROLE) if index.isValid() else None
        if contact_id is not None:
            self.open_contact_requested.emit(contact_id)
