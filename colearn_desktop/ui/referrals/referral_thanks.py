"""After a referral comes in: offer to note "X did me a referral" as a favour I owe X.

Someone who sends me a client has done me a good turn, so the favour's direction is *I owe
them* (kind: referral).  It then shows in the favour balance with X, and the ready-to-ask list
holds back from asking X again while I owe them more than they owe me.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from colearn_desktop.core.enums import FavourDirection, FavourKind
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import FavourInput
from colearn_desktop.ui.kit.plain_text import ask
from colearn_desktop.ui.kit.user_action import attempt
from colearn_desktop.ui.referrals.referral_format import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferralThanks", text)


def offer_referral_favour(
    parent: QWidget | None, journal: Journal, referred_contact_id: int
) -> int | None:
    """Ask whether to record the referral as a favour owed to the referrer; returns the new
    favour's id, or ``None`` when declined or when the contact has no referrer."""
    detail = journal.contacts.get(referred_contact_id)
    referrer = detail.referred_by
    if referrer is None:
        return None
    answer = ask(
        parent,
        _tr("Note a favour?"),
        fill(
            _tr(
                "{referrer} referred {person} to you. Note it as a favour you owe {referrer}, "
                "so you remember to return the kindness?"
            ),
            referrer=referrer.display_name,
            person=detail.display_name,
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    data = FavourInput(
        contact_id=referrer.id,
        direction=FavourDirection.I_OWE,
        kind=FavourKind.REFERRAL,
        description=fill(_tr("Referred {person} to me"), person=detail.display_name),
    )
    return attempt(parent, _tr("The favour was not saved"), lambda: journal.favours.add(data)).value
