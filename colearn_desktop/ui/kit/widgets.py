"""Small building blocks every screen uses, so user text is always shown as plain text,
field errors look the same everywhere and check boxes can be seen in a dark palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.ui.kit.format import is_dark
from colearn_desktop.ui.kit.plain_text import ask

if TYPE_CHECKING:  # (their classes' enums are made when the class is first imported)
    from PySide6.QtWidgets import QApplication, QFormLayout


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets markup: ``<b>x</b>`` shows those characters."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def pick_one_row(view: QAbstractItemView) -> None:
    """A list of rows to pick one from: whole rows, one at a time, read-only, one line each."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)


def panel_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """A contact page panel's table (favours, purchases): whole rows, one at a time,
    read-only, one line each (an amount never breaks between its digits and currency), and
    Tab goes on to the panel's buttons instead of from cell to cell."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    return table


def read_only_table(parent: QWidget, model: QAbstractItemModel, stretch: int) -> QTableView:
    """A table to :func:`pick_one_row` from, every column as wide as its text but
    ``stretch``, which takes the room left."""
    table = QTableView(parent)
    table.setModel(model)
    pick_one_row(table)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def split_above(
    parent: QWidget, above: QWidget, below: QWidget, shares: tuple[int, int]
) -> QSplitter:
    """``above`` over ``below``, sharing the height as ``shares`` say; neither can be dragged
    out of sight (a list the user cannot find again)."""
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.addWidget(above)
    splitter.addWidget(below)
    splitter.setStretchFactor(0, shares[0])
    splitter.setStretchFactor(1, shares[1])
    splitter.setChildrenCollapsible(False)
    return splitter


# Between a form's labels and their fields: the style's default (6 px in Fusion) reads cramped.
FORM_GAP = 12


class BuddyLabel(QLabel):
    """A field's label with an Alt+letter that moves to ``buddy``, never cut off.

    Qt draws a label's mnemonic text in pieces around the underlined letter, which loses the
    kerning of the pair it splits ("T|o" in "&To", "T|e" in "T&emplate"), but sizes the label
    with kerning: in a form, which gives a label just its size hint, the last letter was cut
    ("To" read "Tc").  The hint here makes room for the unkerned text."""

    def __init__(self, text: str, buddy: QWidget, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setBuddy(buddy)

    def _kerning_room(self) -> int:
        shown = self.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        unkerned = QFont(self.font())
        unkerned.setKerning(False)
        missing = QFontMetrics(unkerned).horizontalAdvance(
            shown
        ) - self.fontMetrics().horizontalAdvance(shown)
        return max(missing, 0)

    def sizeHint(self) -> QSize:
        return super().sizeHint() + QSize(self._kerning_room(), 0)

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint() + QSize(self._kerning_room(), 0)


class FillColumn(QObject):
    """Make ``column`` of ``table`` take the room its other columns leave, but never less
    than ``floor`` pixels: below that the table scrolls sideways rather than squeeze the one
    column that holds free text down to "Owes me f…" while dates and amounts keep theirs."""

    def __init__(self, table: QTableView, column: int, floor: int):
        super().__init__(table)
        self._table, self._column, self._floor = table, column, floor
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._other_resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _other_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self._column:
            self.fit()

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        room = self._table.viewport().width() - others
        header.resizeSection(self._column, max(self._floor, room))


def heading(text: str, parent: QWidget | None = None, scale: float = 1.4) -> QLabel:
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class ErrorLabel(QLabel):
    """The message shown right under a field that failed validation; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        colour = "#f87171" if is_dark(self.palette()) else "#b91c1c"
        self.setStyleSheet(f"QLabel#fieldError {{ color: {colour}; }}")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def settings_column(page: QWidget, *parts: QWidget | QLayout) -> QVBoxLayout:
    """A settings page's parts top to bottom (intro, form, buttons, status, error), pushed up
    by a stretch below them, as every settings page lays them out."""
    layout = QVBoxLayout(page)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addStretch(1)
    return layout


def separator(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def focus_target(widget: QWidget) -> QWidget:
    """The widget that really takes the cursor: ``widget`` itself, or the first focusable
    widget inside a wrapper (a row of fields, a money field)."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and not child.isHidden():
            return child
    return widget


def add_form_row(
    form: QFormLayout, label: str, field: QWidget, *below: QWidget, focus: QWidget | None = None
) -> QWidget:
    """Add ``label`` with ``field`` (and ``below`` it, e.g. its error line) to ``form``.

    The label's buddy is the focusable field, not the wrapper that stacks it: Qt ignores an
    Alt+letter whose buddy cannot take focus, so the typed text would land elsewhere."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in (field, *below):
        layout.addWidget(widget)
    form.addRow(label, box)
    buddy = form.labelForField(box)
    if isinstance(buddy, QLabel):
        buddy.setBuddy(focus or focus_target(field))
    return box


def deletion_confirmed(parent: QWidget, title: str, text: str, button: str) -> bool:
    """Ask before deleting for good: a warning, Cancel the default, and the other button
    saying what it does (``button``, "&Delete permanently"; Qt's own label is "Discard")."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    answer = ask(
        parent,
        title,
        text,
        buttons.Cancel | buttons.Discard,
        buttons.Cancel,
        QMessageBox.Icon.Warning,
        {buttons.Discard: button},
    )
    return answer == buttons.Discard


def discard_confirmed(parent: QWidget, title: str, text: str) -> bool:
    """Ask before a dialog drops what was typed; Cancel (the default) keeps editing."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    answer = ask(parent, title, text, buttons.Discard | buttons.Cancel, buttons.Cancel)
    return answer == buttons.Discard


def install_readable_style(app: QApplication) -> None:
    """Use :class:`~colearn_desktop.ui.kit.readable_style.ReadableStyle` when the application
    runs with Fusion in a dark palette: now, or once the palette turns dark (the desktop
    switched to a dark theme).

    In a light palette Fusion's own frames show, and the style would only cost time: every
    primitive Qt draws calls its Python ``drawPrimitive`` (with a Python copy of the style
    option), ~5 ms of the first paint at start-up; and its module (QStyle with its enums) is
    not loaded (issue 14)."""
    # (Kept on the application object: looking for it among the application's children
    # would make a Python copy of its style, and QStyle's enums with it.)
    watch = getattr(app, _WATCH, None)
    if not isinstance(watch, DarkPaletteWatch) or not shiboken6.isValid(watch):
        watch = DarkPaletteWatch(app)
        setattr(app, _WATCH, watch)
    watch.check()


_WATCH = "colearn_dark_palette_watch"


class DarkPaletteWatch(QObject):
    """Puts ``ReadableStyle`` over Fusion as soon as the application's palette is dark (one
    per application: :func:`install_readable_style`)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self._app = app
        app.paletteChanged.connect(self.check)

    def check(self) -> None:
        if not is_dark(self._app.palette()):
            return
        from colearn_desktop.ui.kit.readable_style import ReadableStyle

        style = self._app.style()
        if style.name().casefold() == "fusion" and not isinstance(style, ReadableStyle):
            self._app.setStyle(ReadableStyle("Fusion"))


class EmptyListText(QObject):
    """Says ``text`` across ``view`` while its model has no rows (what would fill it, what to
    do first), instead of a blank table; the view itself stays, so the keys still go to it."""

    def __init__(self, view: QAbstractItemView, text: str):
        super().__init__(view)
        self.label = muted(plain_label(text, view.viewport()))
        # (On a viewport a label would take the Text role, which muted() does not change.)
        self.label.setForegroundRole(QPalette.ColorRole.WindowText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setContentsMargins(24, 0, 24, 0)
        self._view = view
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.update)
        self.update()

    def update(self) -> None:
        self.label.setGeometry(self._view.viewport().rect())
        self.label.setVisible(self._view.model().rowCount() == 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self._view.viewport().rect())
        return False
