"""The journals the suite measures: built with the real ``colearn demo-data`` and cached.

A built journal is kept under the cache folder (``--cache``, else ``$COLEARN_PERF_CACHE``, else
``/tmp/colearn-perf``) in a folder named after everything that decides its content: the number
of contacts, conversations per contact, the seed, the schema revision and the day (demo data
is deterministic for a seed and a day).  Figures never touch the cached file: each works on a
copy in the run's work folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.perf.measure import ROOT, Child, child_env, python_json, run_child

CONVERSATIONS_PER_CONTACT = 10
JOURNAL = "journal.sqlite3"


def default_cache() -> Path:
    return Path(os.environ.get("COLEARN_PERF_CACHE") or "/tmp/colearn-perf")


def colearn_command() -> list[str]:
    """The installed ``colearn`` script beside this Python, else ``python -m colearn_desktop``."""
    script = Path(sys.executable).with_name("colearn.exe" if os.name == "nt" else "colearn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "colearn_desktop"]


def schema_revision() -> str:
    return python_json(
        "import json; from colearn_desktop.core.storage.migrate import head_revision; "
        "print(json.dumps(head_revision()))"
    )


def content_digest() -> str:
    """A short digest of what decides a demo journal beyond its revision number: the
    migration scripts (a revision still being written changes the schema without changing
    its number) and the demo generator."""
    digest = hashlib.sha256()
    package = ROOT / "colearn_desktop" / "core"
    scripts = sorted((package / "storage" / "migrations" / "versions").glob("*.py"))
    # (The folders moved under core/storage and core/demo_journal: the old globs found
    # nothing, so the digest was that of no file and never changed.)
    for script in [*scripts, *sorted((package / "demo_journal").glob("*.py"))]:
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:8]


def cache_key(contacts: int, seed: int) -> str:
    """Everything that decides a demo journal's content: size, seed, schema and day."""
    day = dt.date.today().isoformat()
    return (
        f"c{contacts}-k{CONVERSATIONS_PER_CONTACT}-s{seed}"
        f"-r{schema_revision()}-{content_digest()}-{day}"
    )


@dataclass(frozen=True)
class Built:
    path: Path  # the journal file
    child: Child | None  # the demo-data run, when it was built now (None: from the cache)
    demo_seconds: float | None  # what demo-data itself reported (generation and inserts)


def demo_data(data_dir: Path, contacts: int, seed: int, home: Path) -> tuple[Child, float | None]:
    """Run ``colearn demo-data`` into ``data_dir`` (a fresh folder)."""
    child = run_child(
        [
            *colearn_command(),
            "--data-dir",
            str(data_dir),
            "demo-data",
            "--contacts",
            str(contacts),
            "--conversations-per-contact",
            str(CONVERSATIONS_PER_CONTACT),
            "--seed",
            str(seed),
        ],
        env=child_env(home),
    ).check(f"colearn demo-data --contacts {contacts}")
    reported = re.search(r" in ([0-9.]+) s\.", child.stdout)
    return child, float(reported.group(1)) if reported else None


def ensure_journal(
    cache: Path, contacts: int, seed: int, work: Path, *, rebuild: bool = False
) -> Built:
    """The cached journal for this size, building it (and timing the build) when missing."""
    folder = cache / cache_key(contacts, seed)
    path = folder / JOURNAL
    if path.exists() and not rebuild:
        return Built(path, None, None)
    build_dir = work / f"demo-build-{contacts}"
    shutil.rmtree(build_dir, ignore_errors=True)
    child, reported = demo_data(build_dir, contacts, seed, work / "home")
    for stale in cache.glob(f"c{contacts}-*"):  # older builds of this size: 100s of MB each
        if stale != folder and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / (JOURNAL + ".partial")
    shutil.copyfile(build_dir / JOURNAL, partial)
    os.replace(partial, path)
    shutil.rmtree(build_dir, ignore_errors=True)
    return Built(path, child, reported)


def settled_copy(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` (its folder made afresh) and wait until the copy is on
    disk.  A journal of 100,000 contacts is ~0.9 GB: left to the kernel, the writing back of
    the copy's dirty pages fell into the timed samples that followed (the first fsync of a
    write stalled behind it: a "D on Today" of 356 ms among samples of 35 ms)."""
    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    shutil.copyfile(source, target)
    with open(target, "rb") as copied:
        os.fsync(copied.fileno())
    return target


def copy_journal(source: Path, data_dir: Path) -> Path:
    """A private copy of ``source`` as ``data_dir/journal.sqlite3`` (a fresh data folder)."""
    return settled_copy(source, data_dir / JOURNAL)


def empty_journal(folder: Path, home: Path) -> Path:
    """A new, empty journal at the current schema revision (made by the app's own opening)."""
    shutil.rmtree(folder, ignore_errors=True)
    path = folder / JOURNAL
    python_json(
        "import json, sys; from pathlib import Path; "
        "from colearn_desktop.core.opening import open_journal; "
        f"open_journal(Path({str(path)!r})).close(); print('true')",
        child_env(home),
    )
    return path


def journal_settings(path: Path, home: Path) -> dict[str, object]:
    """The journal's settings (stage cadences ...), read by the app in a child process."""
    return python_json(
        "import json, dataclasses; from pathlib import Path; "
        "from colearn_desktop.core.opening import open_journal; "
        f"j = open_journal(Path({str(path)!r})); "
        "print(json.dumps(dataclasses.asdict(j.settings.get()), default=str)); j.close()",
        child_env(home),
    )


def count_contacts(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM contact").fetchone()[0]
