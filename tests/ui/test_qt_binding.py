"""The Qt binding in use does not leak references to None.

PySide6 6.12.0 on Python 3.11 lost one reference to None on every Qt call returning nothing
(setText, update ...); a long session then aborted with "deallocating None".  pyproject.toml
excludes that release; this catches any other release with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10
