"""Two real Syncthing instances on this machine, each with its own home and 127.0.0.1 ports,
sharing one folder: the transport issue #18 names, with no discovery, relay or NAT traffic.

Waiting is on Syncthing's own event stream (``/rest/events`` blocks until something happens),
never on a fixed sleep.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

FOLDER_ID = "colearn"
API_KEY = "colearn-test-api-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Instance:
    def __init__(self, home: Path, folder: Path):
        self.home, self.folder = home, folder
        self.port, self.gui_port = free_port(), free_port()
        subprocess.run(
            ["syncthing", "generate", f"--home={home}", "--no-default-folder"],
            check=True,
            capture_output=True,
        )
        out = subprocess.run(
            ["syncthing", f"--home={home}", "--device-id"], check=True, capture_output=True
        )
        self.device_id = out.stdout.decode().strip()
        self.process: subprocess.Popen[bytes] | None = None
        self.last_event = 0

    def configure(self, peer: Instance) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        options = root.find("options")
        assert options is not None
        for name, value in {
            "listenAddress": f"tcp://127.0.0.1:{self.port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "startBrowser": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "stunKeepaliveStartS": "0",
        }.items():
            element = options.find(name)
            if element is None:
                element = ET.SubElement(options, name)
            element.text = value
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"  # type: ignore[union-attr]
        gui.find("apikey").text = API_KEY  # type: ignore[union-attr]
        device = ET.SubElement(root, "device", id=peer.device_id, name="peer")
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.port}"
        folder = ET.SubElement(
            root,
            "folder",
            id=FOLDER_ID,
            label="CoLearn",
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="3600",
            fsWatcherEnabled="false",
        )
        ET.SubElement(folder, "device", id=self.device_id)
        ET.SubElement(folder, "device", id=peer.device_id)
        tree.write(path)

    def start(self) -> None:
        """Start, and return once its REST interface listens (read from its own output, so
        the wait ends on the line saying so)."""
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "STNOUPGRADE": "1"},
        )
        assert self.process.stdout is not None
        log = self.home / "syncthing.log"
        with log.open("wb") as seen:
            for line in self.process.stdout:
                seen.write(line)
                if b"GUI and API listening on" in line:
                    break
            else:
                raise AssertionError(f"Syncthing did not start; see {log}")
        threading.Thread(target=self._drain, args=(log,), daemon=True).start()

    def _drain(self, log: Path) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        with log.open("ab") as seen:
            for line in self.process.stdout:
                seen.write(line)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def api(self, path: str, method: str = "GET", timeout: float = 10) -> object:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": API_KEY}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def scan(self) -> None:
        self.api(f"/rest/db/scan?folder={FOLDER_ID}", "POST")

    def wait_for(self, condition: Callable[[], bool], seconds: float = 120) -> None:
        """Wait on this instance's event stream until ``condition()`` holds."""
        deadline = time.monotonic() + seconds
        while not condition():
            left = deadline - time.monotonic()
            assert left > 0, f"Syncthing did not deliver in {seconds} s; see {self.home}"
            events = self.api(
                f"/rest/events?since={self.last_event}&timeout={min(5, int(left) + 1)}",
                timeout=left + 5,
            )
            if isinstance(events, list) and events:
                self.last_event = max(int(event["id"]) for event in events)


def available() -> bool:
    return shutil.which("syncthing") is not None
