"""How dates, stages and balances read on screen (translated, plural-aware)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor, QPalette

from colearn_desktop.core.enums import (
    Channel,
    FavourDirection,
    FavourKind,
    FavourStatus,
    SettlementAction,
    Stage,
)

if TYPE_CHECKING:  # (loaded by the screens that show fields or amounts)
    from decimal import Decimal

    from colearn_desktop.core.contact_fields import ContactField

_translate = QCoreApplication.translate
# The translation context of the contact field list's labels (``core.contact_fields``).
LABEL_CONTEXT = "ContactField"


def tr(text: str) -> str:
    """Translate a fixed string; plural strings call ``QCoreApplication.translate`` with the
    literal text inline so that lupdate can extract them with their ``%n``."""
    return _translate("Format", text)


def field_label(field: ContactField) -> str:
    """A form's label of a field of the contact field list, translated, with its access key."""
    return _translate(LABEL_CONTEXT, field.label)


def field_title(field: ContactField) -> str:
    """The same without the access key, for reading ("Address")."""
    return field_label(field).replace("&", "")


def column_title(field: ContactField) -> str:
    """What a file's column of the field is called (our CSV's header: "E-mails", "Keep in
    touch every (days)"), translated: a column-mapping choice reads as what a column holds."""
    return _translate(LABEL_CONTEXT, field.ours_csv or field.title)


def stage_label(stage: Stage) -> str:
    return {
        Stage.NETWORK: tr("Network"),
        Stage.SEARCH: tr("Search"),
        Stage.SHOP: tr("Shop"),
        Stage.HELP: tr("Help (client)"),
    }[Stage(stage)]


def channel_label(channel: Channel) -> str:
    return {
        Channel.CALL: tr("Call"),
        Channel.MEETING: tr("Meeting"),
        Channel.EMAIL: tr("E-mail"),
        Channel.MESSAGE: tr("Message"),
        Channel.EVENT: tr("Event"),
        Channel.OTHER: tr("Other"),
    }[Channel(channel)]


def direction_label(direction: FavourDirection) -> str:
    return {
        FavourDirection.I_OWE: tr("I owe them"),
        FavourDirection.THEY_OWE: tr("They owe me"),
    }[FavourDirection(direction)]


def kind_label(kind: FavourKind) -> str:
    return {
        FavourKind.INTRO: tr("Intro"),
        FavourKind.REFERRAL: tr("Referral"),
        FavourKind.ADVICE: tr("Advice"),
        FavourKind.TESTIMONIAL: tr("Testimonial"),
        FavourKind.LOAN: tr("Loan"),
        FavourKind.MONEY: tr("Money"),
        FavourKind.GIFT: tr("Gift"),
        FavourKind.OTHER: tr("Other"),
    }[FavourKind(kind)]


def status_label(status: FavourStatus) -> str:
    return {
        FavourStatus.OPEN: tr("Open"),
        FavourStatus.PARTLY_DONE: tr("Partly done"),
        FavourStatus.DONE: tr("Done"),
        FavourStatus.FORGIVEN: tr("Forgiven"),
    }[FavourStatus(status)]


def settlement_label(action: SettlementAction) -> str:
    """One step of a favour's history, as the history tooltip names it."""
    return {
        SettlementAction.PARTIAL: tr("Given back in part"),
        SettlementAction.DONE: tr("Done"),
        SettlementAction.FORGIVEN: tr("Forgiven"),
    }[SettlementAction(action)]


def days_ago(day: date | datetime | None, today: date) -> str:
    """ "today", "yesterday", "12 days ago", "3 months ago", or "never"."""
    if day is None:
        return tr("never")
    if isinstance(day, datetime):
        day = day.date()
    days = (today - day).days
    if days < 0:
        return QCoreApplication.translate("Format", "in %n day(s)", None, -days)
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("yesterday")
    if days < 60:
        return QCoreApplication.translate("Format", "%n day(s) ago", None, days)
    if days < 730:
        return QCoreApplication.translate("Format", "%n month(s) ago", None, round(days / 30.4))
    return QCoreApplication.translate("Format", "%n year(s) ago", None, days // 365)


def due_text(due: date | None, today: date) -> str:
    """ "due in 4 days", "due today", "5 days overdue", or "" when nothing is due."""
    if due is None:
        return ""
    days = (due - today).days
    if days == 0:
        return tr("due today")
    if days > 0:
        return QCoreApplication.translate("Format", "in %n day(s)", None, days)
    return QCoreApplication.translate("Format", "%n day(s) overdue", None, -days)


def amount_text(amount: Decimal, locale: QLocale | None = None) -> str:
    """An amount with two decimals in the user's locale ("2,500.00", "2.500,00", "2,50,000.00").

    The whole part goes through QLocale as an integer, which groups digits exactly (lakh
    grouping too); a float would round amounts past fifteen digits."""
    locale = locale or QLocale()
    cents = int((abs(amount) * 100).to_integral_value())
    whole = locale.toString(cents // 100)
    sign = locale.negativeSign() if amount < 0 else ""
    return f"{sign}{whole}{locale.decimalPoint()}{cents % 100:02d}"


def money(amount: Decimal | None, currency: str, locale: QLocale | None = None) -> str:
    """How every screen shows an amount with its currency ("5,902.50 USD"); "" without one."""
    if amount is None:
        return ""
    return f"{amount_text(amount, locale)} {currency}".strip()


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def urgency_color(
    due: date | None, today: date, grace_days: int, palette: QPalette
) -> QColor | None:
    """Amber once due, red past the grace period; tuned to stay readable in dark mode."""
    if due is None or due > today:
        return None
    dark = is_dark(palette)
    if (today - due).days > grace_days:
        return QColor("#f87171" if dark else "#b91c1c")
    return QColor("#fbbf24" if dark else "#b45309")


def balance_text(i_owe: int, they_owe: int) -> str:
    if not i_owe and not they_owe:
        return "—"
    parts = []
    if i_owe:
        parts.append(QCoreApplication.translate("Format", "I owe %n", None, i_owe))
    if they_owe:
        parts.append(QCoreApplication.translate("Format", "they owe %n", None, they_owe))
    return " · ".join(parts)


def when_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
