"""The start-up baseline: a bare QApplication + QTableView over the contacts list's rows, read
with raw sqlite3, run as a fresh process exactly like ``colearn``.

    python -m tests.perf.bare_view JOURNAL STAGE_CADENCE_JSON PAGE

It reads the list by name the way the app's list does: the first PAGE rows and the count
(PAGE 0: every row), from the cached columns when the schema has them.

Prints ``COLEARN_FIRST_PAINT <time.time()>`` on stderr once the window has painted, then quits
(the same signal the app gives with ``COLEARN_EXIT_AFTER_PAINT=1``).
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from tests.perf.baseline import connect, first_page, stage_params

    journal, stages, page = argv[0], json.loads(argv[1]), int(argv[2])
    app = QApplication(sys.argv[:1])
    connection = connect(journal)  # type: ignore[arg-type]
    connection.execute("BEGIN")
    rows = first_page(connection, stage_params(stages), page or None)
    connection.execute("COMMIT")
    headers = ("Name", "Company", "Stage", "Last contact", "Next due", "Favours", "Tags")
    columns = (1, 2, 3, 4, 5, 6, 8)

    class Model(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else len(rows)

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else len(columns)

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            value = rows[index.row()][columns[index.column()]]
            return "" if value is None else str(value)

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return headers[section]
            return None

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            print(f"COLEARN_FIRST_PAINT {time.time():.6f}", file=sys.stderr, flush=True)
            app.quit()

    model = Model()
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.installEventFilter(FirstPaint(view))
    view.show()
    code = app.exec()
    connection.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
