"""The pre-call brief on screen: read it, copy it (plain text or Markdown), print it to PDF.

The brief is laid out as HTML built here from :class:`~colearn_desktop.core.reports.brief.Brief`:
every label goes through Qt's translations and every piece of user text through
``html.escape`` before any markup is put around it.  Printing uses the same document in two
columns and a smaller font, so a typical contact fits on one page.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QUrl,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.contact_fields import BY_NAME
from colearn_desktop.core.enums import FavourDirection
from colearn_desktop.core.errors import JournalError, NotFoundError
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.records import ContactDetail, ContactRef
from colearn_desktop.core.reports.brief import (
    Brief,
    BriefConversation,
    BriefFavour,
    BriefWords,
    as_markdown,
    as_text,
)
from colearn_desktop.ui.contacts.page.folding_bar import FoldingBar
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.plain_text import warn
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy

PRINT_POINT_SIZE = 8.5


def _tr(text: str) -> str:
    return QCoreApplication.translate("BriefView", text)


def _e(text: str) -> str:
    return html.escape(text)


def _conversation(c: BriefConversation) -> str:
    head = f"<b>{c.happened_at:%Y-%m-%d} · {_e(fmt.channel_label(c.channel))}</b>"
    if c.others:
        head += " " + _e(_tr("with %1").replace("%1", ", ".join(c.others)))
    parts = [head, _e(c.notes) if c.notes else f"<i>{_e(_tr('no notes'))}</i>"]
    if c.learned:
        parts.append(f"<i>{_e(_tr('Learned:'))}</i> {_e(c.learned)}")
    if c.they_asked:
        parts.append(f"<i>{_e(_tr('They asked:'))}</i> {_e(c.they_asked)}")
    if c.next_step:
        step = f"<i>{_e(_tr('Next step:'))}</i> {_e(c.next_step)}"
        if c.next_step_due:
            step += f" ({c.next_step_due:%Y-%m-%d})"
        if c.next_step_done:
            step += " ✓"
        parts.append(step)
    return "<br>".join(parts)


def _section(title: str, items: list[str], empty: str = "") -> str:
    if not items and not empty:
        return ""
    body = (
        "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        if items
        else f"<p class='empty'>{_e(empty)}</p>"
    )
    return f"<h3>{_e(title)}</h3>{body}"


def _facts(brief: Brief) -> list[str]:
    """Stage, last touch and how many conversations, as the screen and its copies say them."""
    facts = [
        _tr("Stage: %1").replace("%1", fmt.stage_label(brief.stage)),
        _tr("last touch %1").replace("%1", fmt.days_ago(brief.last_contact_at, brief.today)),
        QCoreApplication.translate(
            "BriefView", "%n conversation(s)", None, brief.conversation_count
        ),
    ]
    if brief.archived:
        facts.append(_tr("archived"))
    return facts


def _field_title(name: str) -> str:
    return fmt.field_title(BY_NAME[name])


# The labels of the screen for "Copy as text" and "Copy as Markdown".
WORDS = BriefWords(
    stage=fmt.stage_label,
    channel=fmt.channel_label,
    kind=fmt.kind_label,
    direction=fmt.direction_label,
    field=_field_title,
    word=_tr,
)


def brief_html(brief: Brief, *, columns: int = 1) -> str:
    """The brief as HTML (escaped user text); ``columns=2`` for the printed page.  The
    contact's own fields are placed as the field list says (``ContactField.brief``)."""
    who = ", ".join(brief.heading)
    header = f"<h2>{_e(brief.name)}</h2>"
    if who:
        header += f"<p class='who'>{_e(who)}</p>"
    header += f"<p>{_e(' · '.join(_facts(brief)))}</p>"
    extra = []
    if brief.tags:
        extra.append(f"<b>{_e(_tr('Tags:'))}</b> {_e(', '.join(brief.tags))}")
    for detail in brief.details:
        if not detail.in_heading and detail.text:
            title = _field_title(detail.name) + ":"
            extra.append(f"<b>{_e(title)}</b> {_e(detail.text)}")
    if extra:
        header += f"<p>{'<br>'.join(extra)}</p>"

    history = "".join(
        (
            _section(
                _tr("Last conversations"),
                [_conversation(c) for c in brief.conversations],
                _tr("No conversations yet."),
            ),
            _section(
                _tr("What I learned"),
                [f"{n.on:%Y-%m-%d}: {_e(n.text)}" for n in brief.learnings],
            ),
            _section(
                _tr("What they asked for"),
                [
                    f"{n.on:%Y-%m-%d}: {_e(n.text)}"
                    + (f" <i>({_e(_tr('open'))})</i>" if n.open else "")
                    for n in brief.asks
                ],
            ),
            _section(
                _tr("Open next steps"),
                [_e(n.text) + (f" ({n.due:%Y-%m-%d})" if n.due else "") for n in brief.open_steps],
            ),
        )
    )

    def favour_line(f: BriefFavour) -> str:
        text = f"{_e(f.description)} ({_e(fmt.kind_label(f.kind))}"
        if f.outstanding is not None:
            left = fmt.money(f.outstanding, f.currency)
            text += ", " + _e(_tr("%1 left").replace("%1", left))
        if f.due_on:
            text += ", " + _e(_tr("due %1").replace("%1", f.due_on.isoformat()))
        return text + ")"

    totals = ", ".join(fmt.money(v, k) for k, v in brief.purchase_totals.items())
    purchases_title = (
        _tr("Purchases") + f" ({brief.purchase_count}" + (f"; {totals})" if totals else ")")
    )

    def link(ref: ContactRef) -> str:
        return f"<a href='contact:{int(ref.id)}'>{_e(ref.display_name)}</a>"

    referrals = []
    if brief.referred_by:
        referrals.append(_e(_tr("Referred by %1")).replace("%1", link(brief.referred_by)))
    if brief.referrals:
        names = ", ".join(link(r) for r in brief.referrals)
        referrals.append(_e(_tr("Referred %1")).replace("%1", names))
    coming = [
        f"{d.due_on:%Y-%m-%d}: {_e(d.text)}" + (f" <i>({_e(d.reason)})</i>" if d.reason else "")
        for d in brief.coming_up
    ]
    relationship = "".join(
        (
            _section(
                fmt.direction_label(FavourDirection.I_OWE),
                [favour_line(f) for f in brief.i_owe],
            ),
            _section(
                fmt.direction_label(FavourDirection.THEY_OWE),
                [favour_line(f) for f in brief.they_owe],
            ),
            _section(
                purchases_title,
                [
                    f"{p.purchased_on:%Y-%m-%d}: {_e(p.what)}"
                    + (f" ({_e(fmt.money(p.amount, p.currency))})" if p.amount is not None else "")
                    for p in brief.purchases
                ],
            )
            if brief.purchase_count
            else "",
            _section(_tr("Referrals"), referrals),
            _section(_tr("Coming up"), coming, _tr("Nothing due.")),
        )
    )
    if columns == 2:
        body = (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='58%' valign='top' style='padding-right:12px'>{history}</td>"
            f"<td width='42%' valign='top'>{relationship}</td></tr></table>"
        )
    else:
        body = history + relationship
    return header + body


STYLE = """
h2 { margin: 0 0 2px 0; }
h3 { margin: 10px 0 2px 0; }
p { margin: 2px 0; }
ul { margin: 0 0 0 0; -qt-list-indent: 1; }
li { margin-bottom: 3px; }
.who { font-style: italic; }
.empty { font-style: italic; }
"""


class BriefView(QWidget):
    """One contact's brief.  ``set_contact(id)`` shows it; it refreshes on journal changes.
    Clicking the name of a referrer (or of someone they referred) emits
    ``open_contact_requested(contact_id)``."""

    open_contact_requested = Signal(int)

    def __init__(
        self, journal: Journal, signals: JournalSignals | None, parent: QWidget | None = None
    ):
        """``signals`` None: the brief is part of a page that refreshes it (``set_contact``)."""
        super().__init__(parent)
        self._journal = journal
        self._contact_id: int | None = None
        self.brief: Brief | None = None

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(STYLE)
        self.copy_text_button = QPushButton(self.tr("Copy as &text"), self)
        self.copy_markdown_button = QPushButton(self.tr("Copy as &Markdown"), self)
        self.pdf_button = QPushButton(self.tr("&Print to PDF…"), self)
        buttons = FoldingBar(
            (self.copy_text_button, self.copy_markdown_button, self.pdf_button), self, right=True
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

        self.copy_text_button.clicked.connect(self.copy_text)
        self.copy_markdown_button.clicked.connect(self.copy_markdown)
        self.pdf_button.clicked.connect(self._ask_pdf_path)
        self.browser.anchorClicked.connect(self._link_clicked)
        if signals is not None:
            self.refresh_policy = RefreshPolicy(self, signals, EVERY_ROW, self._changed)
        self.reload()

    def set_contact(self, contact_id: int | None, detail: ContactDetail | None = None) -> None:
        """Show ``contact_id``'s brief (``detail``: the contact, when the caller just read it)."""
        self._contact_id = contact_id
        self.reload(detail)

    def reload(self, detail: ContactDetail | None = None) -> None:
        self.brief = None
        if self._contact_id is not None:
            try:
                self.brief = self._journal.brief.for_contact(self._contact_id, detail)
            except NotFoundError:
                self._contact_id = None
        if self.brief is None:
            self.browser.setPlainText(self.tr("Pick a contact to see their brief."))
        else:
            self.browser.setHtml(brief_html(self.brief))
        self._update_buttons()

    def _changed(self) -> None:
        if self._contact_id is not None:
            self.reload()

    def _link_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("contact:") and text[8:].isdigit():
            self.open_contact_requested.emit(int(text[8:]))

    def _update_buttons(self) -> None:
        for button in (self.copy_text_button, self.copy_markdown_button, self.pdf_button):
            button.setEnabled(self.brief is not None)

    # -- copy and print -------------------------------------------------------------------

    def copy_text(self) -> None:
        if self.brief is not None:
            QGuiApplication.clipboard().setText(as_text(self.brief, WORDS, _facts(self.brief)))

    def copy_markdown(self) -> None:
        if self.brief is not None:
            markdown = as_markdown(self.brief, WORDS, _facts(self.brief))
            QGuiApplication.clipboard().setText(markdown)

    def print_document(self) -> QTextDocument:
        """The brief laid out for an A4 page: two columns, a small clear font."""
        document = QTextDocument(self)
        font = QFont(self.font())
        font.setPointSizeF(PRINT_POINT_SIZE)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(STYLE)
        document.setHtml(brief_html(self.brief, columns=2) if self.brief else "")
        return document

    def print_to_pdf(self, path: Path) -> int:
        """Write the brief to ``path`` as a PDF; returns the number of pages.  Laid out in
        memory, then written like every export (owner-only, whole or not at all, the old file
        untouched on failure): a brief holds a client's private details."""
        from colearn_desktop.core.interchange.writers.export_target import (
            check_export_target,
            replacing,
        )

        target = check_export_target(path, self._journal.path, self._journal.backups_dir).path
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setTitle(self.tr("Brief: %1").replace("%1", self.brief.name if self.brief else ""))
        writer.setCreator("CoLearn")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        document = self.print_document()
        document.print_(writer)
        with replacing(target, encoding=None) as out:
            out.write(buffer.data().data())
        return document.pageCount()

    def _ask_pdf_path(self) -> None:
        if self.brief is None:
            return
        from colearn_desktop.ui.interchange.export_dialog import choose_export_file

        name = self.tr("Brief - %1.pdf").replace("%1", self.brief.name.replace("/", "-"))
        caption = self.tr("Print the brief to PDF")
        path = choose_export_file(self, self._journal, caption, name, "PDF (*.pdf)")
        if path is None:
            return
        try:
            self.print_to_pdf(path)
        except (OSError, JournalError) as error:
            warn(self, self.tr("Could not write the PDF"), str(error))
