"""What the numbers were measured on: CPU, cores, memory, versions, date and commit."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.perf.measure import python_json


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        found = subprocess.run(
            ["sysctl", "-n", "machdep.cpu.brand_string"],
            check=False,
            capture_output=True,
            text=True,
        )
        if found.returncode == 0:
            return found.stdout.strip()
    return platform.processor() or platform.machine()


def _ram_bytes() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def _git(root: Path, *args: str) -> str:
    try:
        found = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def machine_info(root: Path) -> dict[str, Any]:
    qt, pyside_version = python_json(
        "import json, PySide6; from PySide6.QtCore import qVersion; "
        "print(json.dumps([qVersion(), PySide6.__version__]))"
    )
    ram = _ram_bytes()
    dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no"))
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(ram / 2**30, 1) if ram else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "qt": qt,
        "pyside6": pyside_version,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _git(root, "rev-parse", "--short", "HEAD") + ("+dirty" if dirty else ""),
    }


def describe(info: dict[str, Any]) -> str:
    return (
        f"{info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, {info['os']}; "
        f"Python {info['python']}, SQLite {info['sqlite']}, Qt {info['qt']} "
        f"(PySide6 {info['pyside6']}); {info['date']}, commit {info['commit']}"
    )
