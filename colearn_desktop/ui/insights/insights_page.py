"""Insights: what every client has taught you, what they ask for, and a few charts.

One filter row (words, tag, stage, period) drives three tabs:

- What I learned: learnings grouped by tag on the left (pick a tag to browse its learnings),
  every learning newest first on the right; Enter or a double-click opens its contact.
- What clients ask for: the most frequent themes in "they asked".
- Charts: conversations per month over the chosen period (per quarter or year over a long
  history, see core/insights.py), touches per stage, learnings per tag.

The figures are read on a worker thread (over a million conversations the counts take a second
or two, which must not freeze the window); a reload made stale by newer filters is dropped.
Nothing is read until the page is first shown.  It reloads when the journal changes, but only
while it is visible (otherwise the next time it is shown), and typing in the word filter is
debounced.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop.core.enums import Stage
from colearn_desktop.core.journal import Journal
from colearn_desktop.core.reports.insights import InsightFilter, InsightsOverview, Period
from colearn_desktop.ui.insights.charts import BarChart, bucket_labels
from colearn_desktop.ui.insights.insights_models import (
    ALL_TAGS,
    NO_TAG,
    TAG_ROLE,
    LearningsModel,
    TagGroupsModel,
    ThemesModel,
)
from colearn_desktop.ui.kit import format as fmt
from colearn_desktop.ui.kit.background import Background
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.kit.refresh import EVERY_ROW, RefreshPolicy
from colearn_desktop.ui.kit.widgets import muted, plain_label

FILTER_DELAY_MS = 250
CHART_TAGS = 8
TAG_BOX_LETTERS = 12


class InsightsPage(QWidget):
    """Emits ``open_contact_requested(contact_id)`` when a learning is opened, and
    ``loaded`` each time fresh insights are on screen."""

    open_contact_requested = Signal(int)
    loaded = Signal()

    def __init__(self, journal: Journal, signals: JournalSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        # Aggregates over a big journal take a second or two: they are read on a worker.
        self._worker = Background(self, what="in reading the insights")

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search what you learned"))
        self.search_edit.setClearButtonEnabled(True)
        self.tag_box = QComboBox(self)
        # Sized to its longest tag, one long tag name held the whole window over 900 px wide;
        # the list that drops down still shows every tag whole.
        self.tag_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_box.setMinimumContentsLength(TAG_BOX_LETTERS)
        self.stage_box = QComboBox(self)
        self.stage_box.addItem(self.tr("All stages"), None)
        for stage in Stage:
            self.stage_box.addItem(fmt.stage_label(stage), stage.value)
        self.period_box = QComboBox(self)
        for text, period in (
            (self.tr("Last 30 days"), Period.DAYS_30),
            (self.tr("Last 90 days"), Period.DAYS_90),
            (self.tr("Last 12 months"), Period.YEAR),
            (self.tr("All time"), Period.ALL),
        ):
            self.period_box.addItem(text, period.value)
        self.period_box.setCurrentIndex(self.period_box.findData(Period.ALL.value))
        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.stage_box, 1)
        filters.addWidget(self.period_box, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._learnings_tab(), self.tr("What I &learned"))
        self.tabs.addTab(self._themes_tab(), self.tr("What clients &ask for"))
        self.tabs.addTab(self._charts_tab(), self.tr("Char&ts"))

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.tabs, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._debounce.start)
        self.search_edit.returnPressed.connect(self.reload)
        for box in (self.tag_box, self.stage_box, self.period_box):
            box.currentIndexChanged.connect(self.reload)
        self.tag_list.clicked.connect(self._tag_picked)
        self.tag_list.activated.connect(self._tag_picked)
        self.learnings_view.activated.connect(self._open_learning)
        self.refresh_policy = RefreshPolicy(
            self, signals, EVERY_ROW, self._journal_changed, delay_ms=FILTER_DELAY_MS
        )
        self._reload_tag_box()
        self.refresh_policy.stale = True  # the insights are read when the page is first shown

    # -- building -------------------------------------------------------------------------

    def _learnings_tab(self) -> QWidget:
        page = QWidget(self)
        self.tag_model = TagGroupsModel(self)
        self.tag_list = QListView(page)
        self.tag_list.setModel(self.tag_model)
        self.tag_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tag_list.setSpacing(2)
        self.learnings_model = LearningsModel(self)
        self.learnings_view = QTableView(page)
        self.learnings_view.setModel(self.learnings_model)
        self.learnings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.learnings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.learnings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.learnings_view.setAlternatingRowColors(True)
        self.learnings_view.setWordWrap(False)
        self.learnings_view.verticalHeader().setVisible(False)
        header = self.learnings_view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 180)
        self.learnings_count = muted(plain_label("", page))
        right = QWidget(page)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.learnings_view, 1)
        right_layout.addWidget(self.learnings_count)
        splitter = QSplitter(page)
        splitter.addWidget(self.tag_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 600])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def _themes_tab(self) -> QWidget:
        page = QWidget(self)
        self.themes_model = ThemesModel(self)
        self.themes_view = QTableView(page)
        self.themes_view.setModel(self.themes_model)
        self.themes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.themes_view.verticalHeader().setVisible(False)
        self.themes_view.horizontalHeader().setStretchLastSection(False)
        self.themes_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hint = muted(
            plain_label(
                self.tr(
                    "The words and two-word phrases that come up most often in what clients "
                    "asked for (each ask counted once; common words left out)."
                ),
                page,
            )
        )
        self.ask_chart = BarChart(self.tr("Most asked about"), horizontal=True, parent=page)
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        left.addWidget(hint)
        left.addWidget(self.themes_view, 1)
        layout.addLayout(left, 1)
        layout.addWidget(self.ask_chart, 1)
        return page

    def _charts_tab(self) -> QWidget:
        page = QWidget(self)
        self.month_chart = BarChart(self.tr("Conversations per month"), parent=page)
        self.stage_chart = BarChart(self.tr("Touches per stage"), horizontal=True, parent=page)
        self.tag_chart = BarChart(self.tr("Learnings per tag"), horizontal=True, parent=page)
        grid = QGridLayout(page)
        grid.addWidget(self.month_chart, 0, 0, 1, 2)
        grid.addWidget(self.stage_chart, 1, 0)
        grid.addWidget(self.tag_chart, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        return page

    # -- filters --------------------------------------------------------------------------

    def current_filter(self) -> InsightFilter:
        tag = self.tag_box.currentData()
        stage = self.stage_box.currentData()
        return InsightFilter(
            text=self.search_edit.text(),
            tag=tag if tag not in (None, ALL_TAGS, NO_TAG) else None,
            untagged=tag == NO_TAG,
            stage=Stage(stage) if stage else None,
            period=Period(self.period_box.currentData()),
        )

    def set_tag(self, key: str | None) -> None:
        """Browse the learnings of one tag (``None``: all tags; ``NO_TAG``: untagged)."""
        found = self.tag_box.findData(key or ALL_TAGS)
        self.tag_box.setCurrentIndex(max(found, 0))

    def _reload_tag_box(self) -> None:
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), ALL_TAGS)
        for tag in self._journal.tags.all():
            self.tag_box.addItem(tag.name, tag.name)
        self.tag_box.addItem(self.tr("No tag"), NO_TAG)
        self.tag_box.setCurrentIndex(max(self.tag_box.findData(current), 0))
        self.tag_box.blockSignals(False)

    def _tag_picked(self, index: QModelIndex) -> None:
        self.set_tag(index.data(TAG_ROLE))

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the insights for the current filters on the worker thread; ``loaded`` is
        emitted once they are on screen (a reload made stale by newer filters is dropped)."""
        self._debounce.stop()
        self.learnings_count.setText(self.tr("Loading…"))
        wanted = self.current_filter()
        self._worker.run(lambda: self._journal.insights.overview(wanted), self._apply)

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self._worker.wait_idle(msecs)

    def _apply(self, result: object) -> None:
        if not isinstance(result, InsightsOverview):
            self.learnings_count.setText(
                self.tr("Could not read the insights: %1").replace("%1", str(result))
            )
            self.loaded.emit()
            return
        rows, total = result.learnings, result.learning_count
        self.learnings_model.set_rows(rows)
        if total == 0:
            shown = self.tr(
                "No learnings to show. What you write under “What I learned” when you log a "
                "conversation (Ctrl+L) collects here."
            )
        elif result.counts_capped:
            shown = self.tr("Newest %1 of more than %Ln learning(s)", "", total)
        elif total == len(rows):
            shown = self.tr("%Ln learning(s)", "", total)
        else:
            shown = self.tr("Newest %1 of %Ln learning(s)", "", total)
        shown = shown.replace("%1", f"{len(rows):,}")
        self.learnings_count.setText(shown)
        self.tag_model.set_counts(result.all_tags_count, result.by_tag)
        selected = self.tag_model.row_of(self.tag_box.currentData() or ALL_TAGS)
        if selected is not None:
            self.tag_list.setCurrentIndex(self.tag_model.index(selected, 0))
        self.themes_model.set_rows(result.themes)
        nothing = self.tr("Nothing in this period")
        self.ask_chart.set_data(
            [(t.label or "", t.count) for t in result.themes[:CHART_TAGS]], nothing
        )
        keys = [m.label or "" for m in result.months]
        if keys and "Q" in keys[0]:
            self.month_chart.set_title(self.tr("Conversations per quarter"))
            cycle, first = 4, "Q1"
        elif keys and "-" not in keys[0]:
            self.month_chart.set_title(self.tr("Conversations per year"))
            cycle, first = 0, ""
        else:
            self.month_chart.set_title(self.tr("Conversations per month"))
            cycle, first = 12, "01"
        januaries = [i for i, key in enumerate(keys) if first and key.endswith("-" + first)]
        self.month_chart.set_data(
            list(zip(bucket_labels(keys), (m.count for m in result.months), strict=True)),
            nothing,
            cycle=cycle,
            anchor=januaries[-1] if januaries else None,
        )
        self.stage_chart.set_data(
            [
                (fmt.stage_label(Stage(s.label)), s.count)
                for s in result.stages
                if s.label is not None  # (only tags have a "none" count)
            ],
            nothing,
        )
        self.tag_chart.set_data(
            [
                (c.label if c.label is not None else self.tr("No tag"), c.count)
                for c in result.by_tag[:CHART_TAGS]
            ],
            nothing,
        )
        self.loaded.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._worker.close()  # bounded: a slow read never holds the window up
        super().closeEvent(event)

    def _journal_changed(self) -> None:
        self._reload_tag_box()  # a tag may have been added, renamed or removed
        self.reload()

    def _open_learning(self, index: QModelIndex) -> None:
        row = self.learnings_model.row_at(index.row())
        if row is not None:
            self.open_contact_requested.emit(row.contact_id)
