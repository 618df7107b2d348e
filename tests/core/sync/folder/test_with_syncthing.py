"""Two computers, two real Syncthing instances, one shared folder (issue #18): a change made
on one reaches the other after an exchange on both, and an edit made on both at once
converges.  Skipped when the ``syncthing`` program is missing (Debian/Ubuntu package
``syncthing``; .ci/run installs it)."""

from __future__ import annotations

import pytest

from colearn_desktop.core.sync.folder.store import SyncFolder
from tests.core.sync.fakes import Device
from tests.core.sync.folder.syncthing import Instance, available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="the syncthing program is not installed"),
]


@pytest.fixture
def pair(tmp_path):
    laptop = Instance(tmp_path / "laptop-syncthing", tmp_path / "laptop-sync")
    desktop = Instance(tmp_path / "desktop-syncthing", tmp_path / "desktop-sync")
    for instance in (laptop, desktop):
        instance.folder.mkdir()
        (instance.folder / ".stfolder").mkdir()  # Syncthing's marker that the folder is there
    laptop.configure(desktop)
    desktop.configure(laptop)
    try:
        laptop.start()
        desktop.start()
        yield laptop, desktop
    finally:
        laptop.stop()
        desktop.stop()


def arrived(instance: Instance, device: str, seq: int):
    return (instance.folder / "colearn-sync" / device / f"{seq:012d}.batch").exists


def test_changes_travel_through_syncthing_and_a_clash_converges(pair):
    laptop_st, desktop_st = pair
    laptop = Device(SyncFolder.setup(laptop_st.folder, None), "Laptop")
    laptop.side.write("conversation", "v1", note="Coffee with Ana")
    laptop.sync()
    laptop_st.scan()
    desktop_st.wait_for(arrived(desktop_st, "laptop", 1))
    desktop_st.wait_for((desktop_st.folder / "colearn-sync" / "folder.json").exists)
    desktop = Device(SyncFolder.setup(desktop_st.folder, None), "Desktop")  # joins the folder
    assert desktop.sync().received == {"laptop": 1}
    assert desktop.side.values() == {("conversation", "v1"): {"note": "Coffee with Ana"}}
    # the same contact edited on both computers before either has seen the other's edit
    laptop.side.write("contact", "c1", name="Ana Lopez")
    desktop.side.write("contact", "c1", name="Ana López")
    laptop.sync()
    desktop.sync()
    laptop_st.scan()
    desktop_st.scan()
    desktop_st.wait_for(arrived(desktop_st, "laptop", 2))
    laptop_st.wait_for(arrived(laptop_st, "desktop", 1))
    laptop.sync()
    desktop.sync()
    assert laptop.side.values() == desktop.side.values()
    assert laptop.side.values()[("contact", "c1")] == {"name": "Ana López"}  # the newer edit
