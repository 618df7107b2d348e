"""About CoLearn: the version, where the journal lives (with a way to open the folder), the
project's licence and the licences of every library the app ships, Qt's LGPL notice first."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from colearn_desktop import __version__
from colearn_desktop.paths import resource_path
from colearn_desktop.ui.kit.widgets import heading, plain_label

QT_NOTICE = (
    "CoLearn uses the Qt toolkit (version {qt}) through PySide6, both under the GNU Lesser "
    "General Public License version 3 (LGPL-3.0). Qt is © The Qt Company Ltd. and other "
    "contributors. The Qt and PySide6 libraries are shipped unmodified as separate shared "
    "libraries in the app's folder, so you can replace them with your own build of the same "
    "version. Their source code is available from https://download.qt.io/ and "
    "https://code.qt.io/. The full texts of the LGPL-3.0 and the GPL-3.0 it builds on follow."
)


def third_party() -> list[dict[str, str]]:
    path = resource_path("licences", "third_party.json")
    licences: list[dict[str, str]] = json.loads(path.read_text("utf-8"))
    return licences


class AboutDialog(QDialog):
    def __init__(self, journal_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About CoLearn"))
        self._folder = journal_path.parent
        tabs = QTabWidget(self)
        tabs.addTab(self._about(journal_path), self.tr("&About"))
        tabs.addTab(self._libraries(), self.tr("&Libraries"))
        tabs.addTab(self._text(self._qt_text()), self.tr("&Qt licence"))
        tabs.addTab(self._text(self._own()), self.tr("CoLearn &licence"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _about(self, journal_path: Path) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("CoLearn %1").replace("%1", __version__), page))
        layout.addWidget(
            plain_label(
                self.tr(
                    "A relationship journal for freelancers: keep in touch between projects, learn "
                    "with your clients, ask for referrals and thank the people who send them."
                ),
                page,
            )
        )
        layout.addWidget(
            plain_label(self.tr("Your journal: %1").replace("%1", str(journal_path)), page)
        )
        row = QHBoxLayout()
        self.open_folder = QPushButton(self.tr("&Open the data folder"), page)
        self.open_folder.clicked.connect(self._open_folder)
        row.addWidget(self.open_folder)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _libraries(self) -> QWidget:
        rows = third_party()
        table = QTableWidget(len(rows), 4, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence"), self.tr("Web site")]
        )
        for row, entry in enumerate(rows):
            for column, key in enumerate(("name", "version", "licence", "url")):
                table.setItem(row, column, QTableWidgetItem(entry.get(key, "")))
        table.resizeColumnsToContents()
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.libraries = table
        return table

    def _qt_text(self) -> str:
        from PySide6.QtCore import qVersion

        texts = [QT_NOTICE.format(qt=qVersion())]
        for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
            texts.append(resource_path("licences", name).read_text("utf-8"))
        return "\n\n".join(texts)

    @staticmethod
    def _own() -> str:
        return resource_path("licences", "CoLearn-MIT.txt").read_text("utf-8")

    def _text(self, text: str) -> QPlainTextEdit:
        viewer = QPlainTextEdit(self)
        viewer.setReadOnly(True)
        viewer.setPlainText(text)
        return viewer

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))
