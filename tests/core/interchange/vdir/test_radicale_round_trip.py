"""The vdir with the real tools (issue #19): vdirsyncer syncs it with a Radicale server that
this test starts on 127.0.0.1, the ``caldav`` client reads every reminder and contact back
from the server, and an edit made on the server comes back into the journal after the next
``vdirsyncer sync`` and ``colearn vdir``.  Only the test and its servers open sockets; the
app itself opens none."""

from __future__ import annotations

import base64
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from colearn_desktop.core.contact_fields import ContactInput
from colearn_desktop.core.due.records import ReminderInput
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths
from tests.cli.test_import_export import run

caldav = pytest.importorskip("caldav", reason="the caldav client is a test extra")
pytest.importorskip("radicale", reason="the Radicale server is a test extra")
VDIRSYNCER = shutil.which(
    "vdirsyncer", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
)
pytestmark = pytest.mark.skipif(VDIRSYNCER is None, reason="vdirsyncer is not installed")

USER = "ana"
ADDRESS_BOOK = """<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>
<D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>"""
LIST = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _local_env() -> dict[str, str]:
    """The environment without proxies: the servers are on this machine."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["NO_PROXY"] = "127.0.0.1"
    return env


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A Radicale server on 127.0.0.1 without authentication, its storage in ``tmp_path``;
    yields its address once it says it is ready."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
            "--storage-filesystem-folder", str(tmp_path / "radicale"), "--auth-type", "none",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=_local_env(),
    )  # fmt: skip
    assert server.stderr is not None
    for line in server.stderr:
        if "Radicale server ready" in line:
            break
    else:
        pytest.fail("Radicale stopped before it was ready")
    # Its log goes on while it serves: drained, so a full pipe never stalls it.
    threading.Thread(target=server.stderr.read, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _vdirsyncer(config: Path, *command: str) -> None:
    done = subprocess.run(
        [VDIRSYNCER, "-c", str(config), *command],
        input="y\n" * 10,
        capture_output=True,
        text=True,
        env=_local_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _config(tmp_path: Path, server: str, vdir: Path) -> Path:
    pairs = []
    for name, kind, ext in (("contacts", "carddav", ".vcf"), ("calendar", "caldav", ".ics")):
        pairs.append(
            f'[pair {name}]\na = "{name}_local"\nb = "{name}_remote"\ncollections = null\n'
            f'conflict_resolution = "a wins"\n\n'
            f'[storage {name}_local]\ntype = "filesystem"\npath = "{vdir / name}"\n'
            f'fileext = "{ext}"\n\n'
            f'[storage {name}_remote]\ntype = "{kind}"\nurl = "{server}/{USER}/{name}/"\n'
            f'username = "{USER}"\npassword = "unused"\n'
        )
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(f'[general]\nstatus_path = "{tmp_path / "status"}/"\n\n' + "\n".join(pairs))
    return config


def _cards(client, server: str) -> dict[str, str]:
    """Every card of the user's address book on ``server``: its href and text."""
    url = f"{server}/{USER}/contacts/"
    listing = client.request(
        url, "PROPFIND", LIST, {"Depth": "1", "Content-Type": "application/xml"}
    )
    hrefs = [e.text or "" for e in ElementTree.fromstring(listing.raw).iter("{DAV:}href")]
    return {href: client.request(server + href).raw for href in hrefs if href.endswith(".vcf")}


def test_contacts_and_reminders_reach_the_server_and_an_edit_there_comes_back(
    tmp_path, capsys, radicale
):
    data = tmp_path / "d"
    journal = open_journal(DataPaths(data).journal)
    ana = journal.contacts.create(
        ContactInput(given_name="Ana", notes="Old note.", tags=("phone",))
    )
    journal.contacts.create(ContactInput(given_name="Bo", tags=("phone",)))
    journal.reminders.add(ReminderInput("Send the quote", date.today(), ana))
    journal.close()
    vdir = tmp_path / "vdir"
    folders = ("--contacts", vdir / "contacts", "--calendar", vdir / "calendar")
    assert run(capsys, "--data-dir", data, "vdir", *folders, "--tag", "phone")[0] == 0

    # Sent with every request: with no authentication Radicale never asks for it, and the
    # user's collections (/ana/) exist only for a request that names the user.
    login = {"Authorization": "Basic " + base64.b64encode(f"{USER}:unused".encode()).decode()}
    client = caldav.DAVClient(url=radicale, headers=login, require_tls=False)
    client.request(
        f"{radicale}/{USER}/contacts/", "MKCOL", ADDRESS_BOOK, {"Content-Type": "application/xml"}
    )
    client.mkcalendar(f"{radicale}/{USER}/calendar/")
    config = _config(tmp_path, radicale, vdir)
    _vdirsyncer(config, "discover")
    _vdirsyncer(config, "sync")

    events = client.calendar(url=f"{radicale}/{USER}/calendar/").events()
    ours = {re.search(r"UID:(\S+)", p.read_text())[1] for p in (vdir / "calendar").glob("*.ics")}
    assert len(ours) >= 1
    assert {str(e.icalendar_component["uid"]) for e in events} == ours
    cards = _cards(client, radicale)
    assert sorted(re.search(r"^FN:(.*?)\r?$", c, re.M)[1] for c in cards.values()) == ["Ana", "Bo"]

    # Someone edits Ana's note on the server (as DAVx5 would, from the phone).
    href, card = next((h, c) for h, c in cards.items() if "FN:Ana" in c)
    edited = card.replace("NOTE:Old note.", "NOTE:Edited on the phone.")
    client.request(
        f"{radicale}{href}", "PUT", edited, {"Content-Type": "text/vcard; charset=utf-8"}
    )
    _vdirsyncer(config, "sync")
    code, out, _ = run(capsys, "--data-dir", data, "vdir", *folders)

    assert code == 0
    assert "Ana: Notes changed in the vdir" in out
    journal = open_journal(DataPaths(data).journal)
    assert journal.contacts.get(ana).data.notes == "Edited on the phone."
    journal.close()
