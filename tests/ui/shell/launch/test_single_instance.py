"""One instance per journal, without a predictable socket in the shared /tmp: a socket squatted
at the old name, one left by a crash, or a listener that never answers cannot keep CoLearn
from opening its window."""

from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch.single_instance import SingleInstance, server_name
from tests.helpers import add_contact

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix socket files")


LAUNCH = (
    "import sys; from pathlib import Path; "
    "from colearn_desktop.ui.shell.launch.single_instance import SingleInstance; "
    "sys.exit(0 if SingleInstance(Path(sys.argv[1])).forward_to_running() else 1)"
)


def second_launch(qtbot, folder: Path) -> bool:
    """``forward_to_running`` as a second launch does it: from another process, while this
    app's event loop answers.  True when the running instance answered."""
    launch = subprocess.Popen([sys.executable, "-c", LAUNCH, str(folder)])
    try:
        qtbot.waitUntil(lambda: launch.poll() is not None, timeout=30_000)
    finally:
        if launch.poll() is None:
            launch.kill()
    return launch.returncode == 0


def old_predictable_name(folder: Path) -> str:
    """What CoLearn 0.1 listened on: a name Qt puts in /tmp, which anyone can guess."""
    user = getpass.getuser()
    return "colearn-" + hashlib.sha256(f"{user}\0{folder.resolve()}".encode()).hexdigest()[:24]


def leave_stale_socket(path: str) -> None:
    """A socket file nobody listens on any more, as a crash leaves it."""
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()


@pytest.fixture
def paths(tmp_path, clock) -> DataPaths:
    data = DataPaths(tmp_path / "data")
    data.ensure()
    journal = open_journal(data.journal, backups_dir=data.backups, clock=clock)
    add_contact(journal, "Ana")
    journal.backups.make("on-close")
    journal.close()
    return data


def test_a_squatted_old_name_and_a_stale_socket_do_not_stop_the_window(paths, qtbot):
    squatter = QLocalServer()  # another local user got there first, and accepts anything
    assert squatter.listen(old_predictable_name(paths.root))
    name = server_name(paths.root)
    leave_stale_socket(name)
    try:
        session, code = start_session(paths, demo=False, demo_contacts=0)
        assert code == 0
        assert session is not None
        qtbot.addWidget(session.window)
        assert session.window.isVisible()
        assert second_launch(qtbot, paths.root)  # and it took the place over for good
        session.end()
    finally:
        squatter.close()


def test_a_listener_that_never_answers_is_taken_over(tmp_path, qtbot):
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.bind(server_name(tmp_path))
    silent.listen()  # accepts connections, never replies (a hung process)
    try:
        assert not SingleInstance(tmp_path).forward_to_running(timeout_ms=300)
        running = SingleInstance(tmp_path)
        assert running.listen()
        with qtbot.waitSignal(running.activation_requested, timeout=10_000):
            assert second_launch(qtbot, tmp_path)
        running.close()
    finally:
        silent.close()


@pytest.fixture
def short_folder():
    """A private folder with a short path (a socket path has a length limit)."""
    folder = Path(tempfile.mkdtemp(prefix="rt"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_socket_is_in_a_folder_only_the_user_can_enter(tmp_path, monkeypatch, short_folder):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(short_folder))
    assert Path(server_name(tmp_path)).parent == short_folder
    os.chmod(short_folder, 0o777)  # a runtime folder others may write to is not used
    fallback = Path(server_name(tmp_path)).parent
    assert fallback != short_folder
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert Path(server_name(tmp_path)).parent == fallback
    info = fallback.stat()
    assert info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700
    assert server_name(tmp_path) != server_name(tmp_path / "demo")  # one per journal
