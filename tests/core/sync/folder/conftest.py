"""A shared sync folder and devices on it, each with its own in-memory journal side."""

from __future__ import annotations

import pytest

from colearn_desktop.core.sync.folder.store import SyncFolder
from tests.core.sync.fakes import Device


@pytest.fixture
def folder(tmp_path):
    return SyncFolder.setup(tmp_path / "Sync", None)


@pytest.fixture
def devices(folder):
    return lambda *names: [Device(folder, name) for name in names]
