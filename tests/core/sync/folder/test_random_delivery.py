"""Whatever order, delay, repetition or damage the sync tool brings files in, three devices
end with the same journal once every file has arrived whole (issue #18)."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colearn_desktop.core.sync.folder.store import SyncFolder
from tests.core.sync.fakes import Device

NAMES = ("Laptop", "Desktop", "Tablet")
step = st.one_of(
    st.tuples(st.just("write"), st.integers(0, 2), st.integers(0, 4), st.text(max_size=3)),
    st.tuples(st.just("sync"), st.integers(0, 2), st.sampled_from([3, 1000])),
    st.tuples(st.just("hide"), st.integers(0, 2), st.integers(0, 2)),  # a file arrives late
    st.tuples(st.just("cut"), st.integers(0, 2), st.integers(0, 2)),  # half written
    st.tuples(st.just("forget"), st.integers(0, 2), st.integers(0, 2)),  # read twice
    st.tuples(st.just("arrive"), st.just(0), st.just(0)),
)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=40))
def test_every_device_ends_with_the_same_rows(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("sync")
    folder = SyncFolder.setup(root, None)
    devices = [Device(folder, name) for name in NAMES]
    held: dict[str, bytes] = {}  # files in transit: their path and whole content

    def arrive():
        for path, data in held.items():
            with open(path, "wb") as stream:
                stream.write(data)
        held.clear()

    def some_batch(writer: int, pick: int):
        own = folder.base / devices[writer].side.device
        batches = sorted(own.glob("*.batch")) if own.exists() else []
        return batches[pick % len(batches)] if batches else None

    for kind, a, b, *rest in steps:
        if kind == "write":
            devices[a].side.write("contact", f"c{b}", name=rest[0])
        elif kind == "sync":
            devices[a].sync(compact_every=b)
        elif kind == "forget":
            devices[a].side.marks[devices[b].side.device] = 0
        elif kind == "arrive":
            arrive()
        elif (path := some_batch(a, b)) is not None and str(path) not in held:
            held[str(path)] = path.read_bytes()
            if kind == "hide":
                os.remove(path)
            else:
                path.write_bytes(held[str(path)][: len(held[str(path)]) // 2])
    arrive()
    for _ in range(2):
        reports = [device.sync() for device in devices]
    assert [r.problems for r in reports] == [[], [], []]
    first = devices[0].side.values()
    assert all(device.side.values() == first for device in devices)
    shutil.rmtree(root)
