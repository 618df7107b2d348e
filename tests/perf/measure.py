"""Timing and memory helpers shared by the runner and the workers.

Every figure is measured as repeated samples; a result is a :class:`Samples` summary (median,
95th percentile, min, max, every sample).  Children run with ``os.wait4`` so their peak
resident memory (``ru_maxrss``) is known without any help from the child.
"""

from __future__ import annotations

import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Where this repository's root is (``python -m tests.perf.worker`` is run from there).
ROOT = Path(__file__).resolve().parents[2]


def summary(samples: Sequence[float]) -> dict[str, Any]:
    """Median, nearest-rank 95th percentile, min and max of ``samples`` (seconds or bytes)."""
    values = sorted(samples)
    if not values:
        return {"n": 0, "median": None, "p95": None, "min": None, "max": None, "samples": []}
    rank = max(1, math.ceil(0.95 * len(values)))
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p95": values[rank - 1],
        "min": values[0],
        "max": values[-1],
        "samples": list(samples),
    }


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def peak_rss_bytes() -> int:
    """This process's peak resident memory so far.  On Linux from ``VmHWM``: ``ru_maxrss``
    would also count the high-water mark of the process that spawned this one (Linux keeps it
    across ``exec``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def reset_peak_rss() -> bool:
    """Start this process's peak resident memory again from what it holds now (Linux: the
    ``VmHWM`` of a step alone, not of the steps before it); False where it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Child:
    """A finished child process: exit code, output, wall time and peak memory."""

    returncode: int
    stdout: str
    stderr: str
    started: float  # time.time() just before the child was spawned
    seconds: float  # wall time from spawn to exit
    maxrss: int | None  # peak resident memory in bytes (None where the OS cannot tell)

    def check(self, what: str) -> Child:
        if self.returncode != 0:
            raise RuntimeError(
                f"{what} exited with {self.returncode}:\n{self.stdout[-2000:]}\n"
                f"{self.stderr[-4000:]}"
            )
        return self


def python_json(code: str, env: dict[str, str] | None = None) -> Any:
    """Run ``code`` in a fresh Python and return the JSON it prints last.  The runner asks the
    app's modules (and Qt) things this way, so that its own memory stays small: a child's
    ``ru_maxrss`` is never below the runner's (Linux keeps the high-water mark across exec)."""
    child = run_child([sys.executable, "-c", code], env=env, cwd=ROOT).check("python -c")
    return json.loads(child.stdout.strip().splitlines()[-1])


def run_child(
    command: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 1800,
) -> Child:
    """Run ``command`` to completion; its peak memory comes from ``wait4``'s rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        clock = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            if hasattr(os, "wait4"):
                _pid, status, usage = os.wait4(process.pid, 0)
                seconds = time.perf_counter() - clock
                process.returncode = os.waitstatus_to_exitcode(status)
                peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
            else:  # Windows: no rusage for children
                process.wait()
                seconds = time.perf_counter() - clock
                peak = None
        finally:
            killer.cancel()
        out.seek(0)
        err.seek(0)
        return Child(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            started,
            seconds,
            peak,
        )


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of every child: headless Qt, user folders inside ``home`` (so nothing
    touches the real data folder or settings), this repository importable."""
    env = dict(os.environ)
    env.pop("COLEARN_DATA_DIR", None)
    # An installed app runs from bytecode (pip compiles it; the frozen app ships it).  Without
    # it every start compiled the app's ~170 modules from source again (~0.2 s, more than the
    # whole bare view pays): the first start of each figure, a warm-up, writes it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "USERPROFILE": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        }
    )
    env.update(extra)
    return env
