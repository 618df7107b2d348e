"""How the referral loop reads on screen: reasons, statuses, placeholders and template
mistakes, all translated.  The core hands out structured facts; only this module words them."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication

from colearn_desktop.core.enums import AskStatus
from colearn_desktop.core.referrals import Placeholder, ProblemKind, Reason, ReasonKind
from colearn_desktop.core.referrals.templates import TemplateProblem
from colearn_desktop.ui.kit import format as fmt

_translate = QCoreApplication.translate
_KEY = re.compile(r"\{(\w+)\}")


def tr(text: str) -> str:
    return _translate("Referrals", text)


def fill(text: str, **values: object) -> str:
    """Put values into a translated sentence at ``{key}``; nothing else in it is special, so
    a translation (or a value) with braces can never break it."""
    return _KEY.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


def months_text(months: int) -> str:
    """What ``{months_since_project}`` says ("3 months", "less than a month")."""
    if months <= 0:
        return tr("less than a month")
    return QCoreApplication.translate("Referrals", "%n month(s)", None, months)


def reason_text(reason: Reason, today: date) -> str:
    kind = reason.kind
    count = reason.count or 0
    if kind is ReasonKind.PRAISE:
        return fill(tr("praised your work {when}"), when=fmt.days_ago(reason.on, today))
    if kind is ReasonKind.RECENT_PROJECT:
        return fill(tr("“{what}” {when}"), what=reason.text, when=fmt.days_ago(reason.on, today))
    if kind is ReasonKind.REPEAT_CLIENT:
        return QCoreApplication.translate("Referrals", "%n project(s) with you", None, count)
    if kind is ReasonKind.PAST_REFERRER:
        return QCoreApplication.translate(
            "Referrals", "sent you %n referral(s) before", None, count
        )
    if kind is ReasonKind.THEY_OWE_ME:
        return QCoreApplication.translate("Referrals", "they owe you %n favour(s)", None, count)
    if kind is ReasonKind.I_OWE_THEM:
        return QCoreApplication.translate("Referrals", "you owe them %n favour(s)", None, count)
    if kind is ReasonKind.NEVER_ASKED:
        return tr("never asked")
    if kind is ReasonKind.LAST_ASKED:
        return fill(tr("last asked {when}"), when=fmt.days_ago(reason.on, today))
    return tr("marked “never ask”")


def reasons_text(reasons: tuple[Reason, ...], today: date) -> str:
    text = " · ".join(reason_text(r, today) for r in reasons)
    return text[:1].upper() + text[1:]


def ask_status_label(status: AskStatus) -> str:
    return {
        AskStatus.ASKED: tr("Waiting"),
        AskStatus.REFERRED: tr("Referred"),
        AskStatus.DECLINED: tr("Declined"),
        AskStatus.NO_ANSWER: tr("No answer"),
    }[AskStatus(status)]


def placeholder_label(name: str) -> str:
    labels: dict[str, str] = {
        Placeholder.FIRST_NAME: tr("First name"),
        Placeholder.NAME: tr("Full name"),
        Placeholder.COMPANY: tr("Company"),
        Placeholder.LAST_PROJECT: tr("Latest project (what they bought)"),
        Placeholder.PRAISE: tr("What they praised (notes of the latest praise conversation)"),
        Placeholder.MONTHS_SINCE_PROJECT: tr("Time since that project (“3 months”)"),
        Placeholder.MY_NAME: tr("My name (from Settings)"),
        Placeholder.MY_OFFER: tr("What I offer (from Settings)"),
        Placeholder.SIGNATURE: tr("My signature (from Settings)"),
    }
    return labels.get(name, name)


SETTINGS_PLACEHOLDERS = (Placeholder.MY_NAME, Placeholder.MY_OFFER, Placeholder.SIGNATURE)


def problem_text(problem: TemplateProblem) -> str:
    where = fill(tr("line {line}, column {column}"), line=problem.line, column=problem.column)
    if problem.kind is ProblemKind.UNKNOWN_PLACEHOLDER:
        text = fill(
            tr("Unknown placeholder {placeholder} at {where}."),
            placeholder="{" + problem.name + "}",
            where=where,
        )
        if problem.suggestion:
            text += " " + fill(
                tr("Did you mean {placeholder}?"), placeholder="{" + problem.suggestion + "}"
            )
        return text
    if problem.kind is ProblemKind.EMPTY_PLACEHOLDER:
        return fill(tr("Empty placeholder {} at {where}."), where=where)
    if problem.kind is ProblemKind.STRAY_OPEN_BRACE:
        return fill(tr("A “{” that is never closed at {where}. Write {{ for a brace."), where=where)
    return fill(tr("A “}” with no “{” before it at {where}. Write }} for a brace."), where=where)
