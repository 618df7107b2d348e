"""Issue 9's figure: the frozen app's size and start next to a bare PySide6 "hello window"
frozen with the same PyInstaller in the same run (``--frozen``; needs
``pip install -e '.[packaging]'``).

The app is built by ``python packaging/build.py`` (into ``dist/colearn``); the hello window
with PyInstaller's defaults for a one-folder app.  Both report their first paint the same way
(``COLEARN_FIRST_PAINT``); the app opens a small demo journal (300 contacts).  "First start"
is the first launch after the build (files not yet in the page cache as far as a build leaves
them); "start" the median of the launches after it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from tests.perf.journals import colearn_command
from tests.perf.measure import ROOT, child_env, run_child, summary

HELLO = """
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False

    def done(self):
        print(f"COLEARN_FIRST_PAINT {time.time():.6f}", file=sys.stderr, flush=True)
        QApplication.quit()


app = QApplication(sys.argv[:1])
window = QLabel("Hello")
window.resize(1280, 800)
window.installEventFilter(FirstPaint(window))
window.show()
sys.exit(app.exec())
"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _paint(stderr: str) -> float:
    found = re.search(r"COLEARN_FIRST_PAINT ([0-9.]+)", stderr)
    if not found:
        raise RuntimeError(f"no first paint reported:\n{stderr[-3000:]}")
    return float(found.group(1))


def measure_frozen(work: Path, home: Path, starts: int) -> dict[str, Any]:
    if importlib.util.find_spec("PyInstaller") is None:
        raise RuntimeError("--frozen needs PyInstaller: pip install -e '.[packaging]'")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = child_env(home)
    app_build = run_child([sys.executable, "packaging/build.py"], env=env, cwd=ROOT, timeout=3600)
    app_build.check("python packaging/build.py")
    app_dir = ROOT / "dist" / "colearn"
    app_exe = app_dir / "colearn"
    script = work / "hello.py"
    script.write_text(HELLO)
    hello_build = run_child(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--onedir",
            "--name",
            "hello",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            str(script),
        ],
        env=env,
        cwd=work,
        timeout=3600,
    ).check("PyInstaller hello window")
    hello_dir = work / "dist" / "hello"
    data_dir = work / "data"
    run_child(
        [*colearn_command(), "--data-dir", str(data_dir), "demo-data", "--contacts", "300"],
        env=env,
    ).check("colearn demo-data --contacts 300")
    commands = {
        "app": [str(app_exe), "--data-dir", str(data_dir)],
        "hello": [str(hello_dir / "hello")],
    }
    paint_env = child_env(home, COLEARN_EXIT_AFTER_PAINT="1")
    times: dict[str, list[float]] = {"app": [], "hello": []}
    for i in range(starts + 1):
        order = ["app", "hello"] if i % 2 == 0 else ["hello", "app"]
        for kind in order:
            child = run_child(commands[kind], env=paint_env).check(f"frozen {kind}")
            times[kind].append(_paint(child.stderr) - child.started)
    result: dict[str, Any] = {
        "build_seconds": {"app": app_build.seconds, "hello": hello_build.seconds},
        "note": "300-contact journal",
    }
    for kind, folder in (("app", app_dir), ("hello", hello_dir)):
        later = summary(times[kind][1:])
        result[kind] = {
            "bytes": folder_bytes(folder),
            "first_start": times[kind][0],
            "start": later["median"],
            "starts": later,
        }
    return result
