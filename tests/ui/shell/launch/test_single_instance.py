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
from colearn_desktop.core.storage.files.digest import sha256_hex
from colearn_desktop.paths import DataPaths
from colearn_desktop.ui.shell.application import start_session
from colearn_desktop.ui.shell.launch import single_instance
from colearn_desktop.ui.shell.launch.single_instance import SingleInstance, server_name
from tests.helpers import add_contact

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix socket files")


LAUNCH = (
    "import sys; from pathlib import Path; "
    "from colearn_desktop.ui.shell.launch import single_instance; "
    "single_instance.USE_QT_SOCKETS = sys.argv[2:] == ['qt']; "
    "sys.exit(0 if single_instance.SingleInstance(Path(sys.argv[1])).forward_to_running() "
    "else 1)"
)


def second_launch(qtbot, folder: Path, *, qt: bool = False) -> bool:
    """``forward_to_running`` as a second launch does it: from another process, while this
    app's event loop answers (``qt``: through Qt's local sockets, as on Windows).  True when
    the running instance answered."""
    launch = subprocess.Popen([sys.executable, "-c", LAUNCH, str(folder), *(["qt"] * qt)])
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


@pytest.mark.parametrize(
    ("running_on_qt", "launch_on_qt"),
    [(False, False), (True, True), (True, False), (False, True)],
    ids=["python", "qt", "qt-listens", "qt-launches"],
)
def test_pythons_and_qts_local_sockets_speak_the_same_bytes(
    tmp_path, qtbot, monkeypatch, running_on_qt, launch_on_qt
):
    """On Unix both ends are Python's sockets (QtNetwork cost ~10 ms of every start, issue
    14); Windows keeps Qt's, tested here on Unix sockets too.  Either end may be either."""
    monkeypatch.setattr(single_instance, "USE_QT_SOCKETS", running_on_qt)
    running = SingleInstance(tmp_path)
    assert running.listen()
    try:
        with qtbot.waitSignal(running.activation_requested, timeout=20_000):
            assert second_launch(qtbot, tmp_path, qt=launch_on_qt)
    finally:
        running.close()
    assert not Path(server_name(tmp_path)).exists()  # closing takes the socket file away
    assert not second_launch(qtbot, tmp_path, qt=launch_on_qt)


def test_closing_leaves_the_socket_of_an_instance_that_took_the_name_over(tmp_path):
    first = SingleInstance(tmp_path)
    assert first.listen()
    second = SingleInstance(tmp_path)  # (the first stopped answering: it is taken over)
    assert second.listen()
    first.close()
    assert Path(server_name(tmp_path)).exists()  # the second one's, kept
    second.close()
    assert not Path(server_name(tmp_path)).exists()


def test_the_socket_name_is_the_same_sha256_as_before():
    """Named with CPython's own SHA-256 module (no OpenSSL to load at start): the same
    digest, so a new version still finds an older one running."""
    data = b"user\0/home/user/CoLearn"
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
