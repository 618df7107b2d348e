"""CoLearn never opens a network connection: not while starting, not in the main flows.

A child process runs the start-up (single instance, checks, the window), everyday changes,
backing up and restoring from the Backups page, a second launch, and the backup commands,
with an audit hook that records every Internet socket Python creates, connects or binds and
every name lookup.  When ``strace`` works on this machine that run is also traced at the system
call level, which also sees sockets made by Qt's C++ code (one run serves both tests).  Local
sockets (``AF_UNIX``, which the single instance uses) are allowed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, os, socket, sys
from pathlib import Path

INET = {socket.AF_INET, socket.AF_INET6, -1}  # -1: socket()'s default, AF_INET
seen = []


def audit(event, args):
    if event == "socket.__new__" and args[1] in INET:
        seen.append(f"{event} family={args[1]}")
    elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        if getattr(args[0], "family", None) in INET:
            seen.append(f"{event} {args[1]!r}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                   "socket.getnameinfo", "urllib.Request", "http.client.connect"):
        seen.append(f"{event} {args!r}")


sys.addaudithook(audit)

from PySide6.QtCore import QEventLoop, QTimer
from colearn_desktop.cli import main
from colearn_desktop.core.records import ContactInput, ConversationInput
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.application import make_application, start_session
from colearn_desktop.ui.settings.backups_page import BackupsPage

app = make_application()
paths = DataPaths(Path(sys.argv[1]))
session, code = start_session(paths, demo=True, demo_contacts=25)
assert session is not None, code
journal = session.journal
ana = journal.contacts.create(ContactInput(name="Ana Network-Free"))
journal.conversations.log(ConversationInput(contact_ids=(ana,), happened_at=journal.clock.now()))

page = BackupsPage(journal, session.window.signals)
loop = QEventLoop()
page.backup_finished.connect(loop.quit)
page.backup_failed.connect(loop.quit)
QTimer.singleShot(20_000, loop.quit)
page.back_up_now()
loop.exec()
assert page.model.rowCount() >= 1, "no backup"
page.restore(page.model.rows()[0])

# A second launch (another process, as from the menu): answered locally, by this loop.
import subprocess
launch = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
    "from colearn_desktop.ui.shell.launch.single_instance import SingleInstance; "
    "sys.exit(0 if SingleInstance(Path(sys.argv[1])).forward_to_running() else 1)",
    str(paths.root)])
while launch.poll() is None:
    app.processEvents()
assert launch.returncode == 0, "the second launch was not answered"
session.end()

for argv in (["backup"], ["backups"], ["check"], ["stats"], ["restore", "--latest"]):
    assert main(["--data-dir", str(paths.root), *argv]) == 0, argv
print("RESULT " + json.dumps(seen))
"""


def _run(tmp_path: Path, prefix: list[str]) -> subprocess.CompletedProcess:
    script = tmp_path / "flows.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*prefix, sys.executable, str(script), str(tmp_path / "data")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def _result(done: subprocess.CompletedProcess) -> list[str]:
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def _strace_works() -> bool:
    strace = shutil.which("strace")
    if strace is None or sys.platform != "linux":
        return False
    probe = subprocess.run(
        [strace, "-qq", "-o", os.devnull, "true"], check=False, capture_output=True
    )
    return probe.returncode == 0


STRACE_WORKS = _strace_works()


@dataclass(frozen=True)
class Flows:
    done: subprocess.CompletedProcess
    syscalls: Path | None  # strace's log, when the run was traced


@pytest.fixture(scope="module")
def flows(tmp_path_factory: pytest.TempPathFactory) -> Flows:
    """The flows, run once for both tests (each run costs a whole app start-up): under strace
    when it works (the audit hook records the same in a traced run), else as they are."""
    folder = tmp_path_factory.mktemp("flows")
    if not STRACE_WORKS:
        return Flows(_run(folder, []), None)
    log = folder / "syscalls.log"
    prefix = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log)]
    return Flows(_run(folder, prefix), log)


def test_no_internet_socket_from_python_during_start_up_and_main_flows(flows):
    assert _result(flows.done) == []


@pytest.mark.skipif(not STRACE_WORKS, reason="strace is not available or not permitted")
def test_no_internet_socket_at_the_system_call_level(flows):
    assert flows.syscalls is not None
    assert _result(flows.done) == []
    calls = flows.syscalls.read_text().splitlines()
    assert any("AF_UNIX" in call for call in calls)  # the trace sees sockets: the local one
    internet = [call for call in calls if re.search(r"AF_INET6?\b", call)]
    assert internet == []
