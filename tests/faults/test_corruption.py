"""A corrupted journal (bytes overwritten in a page; a garbage header) is detected and recovered
from a backup through the command line (in a real process, and through ``main`` in this one),
with the damaged file kept."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from colearn_desktop.cli import main
from tests.faults.damage import garbage_header, overwrite_page_of
from tests.faults.snapshots import table_rows
from tests.helpers import sha256

ROOT = Path(__file__).resolve().parents[2]


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def in_a_process(data: Path, *argv: str) -> Result:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "colearn_desktop", "--data-dir", str(data), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def in_this_process(data: Path, *argv: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data), *argv])
    return Result(code, out.getvalue(), err.getvalue())


def told_damaged(check: Result) -> None:
    """``colearn check`` said "damaged" as a sentence, with the way back, and exit code 1."""
    assert check.returncode == 1
    assert check.stdout == ""
    assert "colearn restore --latest" in check.stderr
    assert "Traceback" not in check.stderr
    assert "Error" not in check.stderr


@pytest.mark.parametrize(
    ("damage", "colearn"), [("page", in_a_process), ("header", in_this_process)]
)
def test_damage_is_detected_and_the_newest_good_backup_restored(tmp_path, damage, colearn):
    data = tmp_path / "data"
    assert colearn(data, "demo-data", "--contacts", "60").returncode == 0
    made = colearn(data, "backup")
    assert made.returncode == 0, made.stderr
    backup = next((data / "backups").glob("*.sqlite3"))
    journal = data / "journal.sqlite3"
    if damage == "page":
        overwrite_page_of(journal, "conversation")
    else:
        garbage_header(journal)
    damaged = sha256(journal)

    told_damaged(colearn(data, "check"))

    restore = colearn(data, "restore", "--latest")
    assert restore.returncode == 0, restore.stderr
    [kept] = data.glob("journal-damaged-*.sqlite3")
    assert sha256(kept) == damaged  # the damaged file is kept, byte for byte
    assert str(kept) in restore.stdout
    assert "Restored the backup from" in restore.stdout
    assert table_rows(journal) == table_rows(backup)

    again = colearn(data, "check")
    assert (again.returncode, again.stdout) == (0, "ok\n")


def test_sqlite_s_long_report_is_summarised_and_kept_whole_in_a_file(tmp_path):
    data = tmp_path / "data"
    assert in_this_process(data, "demo-data", "--contacts", "200").returncode == 0
    assert in_this_process(data, "backup").returncode == 0
    overwrite_page_of(data / "journal.sqlite3", "conversation")  # ~100 "Page N is never used"

    check = in_this_process(data, "check")
    restore = in_this_process(data, "restore", "--latest")

    assert check.returncode == 1
    assert restore.returncode == 0, restore.stderr
    for said in (check.stderr, restore.stdout):
        assert "never used" not in said
        assert len(said.splitlines()) == 2
        assert re.search(r"failed SQLite's integrity check: the file has \d+ damaged pages\.", said)
        report = Path(re.search(r"SQLite's full report is in (\S+)\.", said).group(1))
        assert report.parent == data / "logs"
        assert report.read_text("utf-8").count("is never used") > 50
