"""The referral loop: templates, who to ask, asks and their outcomes, thanks.

``journal.referrals`` is a :class:`ReferralService`; see its module for what each placeholder
means.  Nothing here imports Qt.
"""

from __future__ import annotations

from colearn_desktop.core.referrals.asks import AskFilter, AskInput, AskView
from colearn_desktop.core.referrals.history import Funnel, ReferredPerson, Referrer
from colearn_desktop.core.referrals.mailto import mailto_url
from colearn_desktop.core.referrals.service import (
    Composition,
    ContactFacts,
    ReadyList,
    ReferralService,
)
from colearn_desktop.core.referrals.suggestions import Reason, ReasonKind, Suggestion
from colearn_desktop.core.referrals.template_store import TemplateInput, TemplateView
from colearn_desktop.core.referrals.templates import (
    PLACEHOLDERS,
    Placeholder,
    ProblemKind,
    Rendering,
    TemplateProblem,
    parse,
    render,
)

__all__ = [
    "PLACEHOLDERS",
    "AskFilter",
    "AskInput",
    "AskView",
    "Composition",
    "ContactFacts",
    "Funnel",
    "Placeholder",
    "ProblemKind",
    "ReadyList",
    "Reason",
    "ReasonKind",
    "ReferralService",
    "ReferredPerson",
    "Referrer",
    "Rendering",
    "Suggestion",
    "TemplateInput",
    "TemplateProblem",
    "TemplateView",
    "mailto_url",
    "parse",
    "render",
]
