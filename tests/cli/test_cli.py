"""Each command from the outside: its output, its exit code, its failure messages."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from colearn_desktop import __version__
from colearn_desktop.cli import main
from colearn_desktop.paths import JOURNAL_FILE_NAME


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"colearn {__version__}"
    with pytest.raises(SystemExit) as caught:  # argparse answers it among other options
        main(["--demo", "--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"colearn {__version__}"


def test_version_does_not_load_the_database_layer():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from colearn_desktop.cli import main; "
            "main(['--version']); print('sqlalchemy' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["colearn", __version__, "False"]


def test_demo_data_then_check_and_stats(tmp_path, capsys):
    data = tmp_path / "d"
    code, out, _ = run(capsys, "--data-dir", str(data), "demo-data", "--contacts", "200")
    assert code == 0
    assert "Added 200 contacts, 2,000 conversations" in out
    code, out, _ = run(capsys, "--data-dir", str(data), "check")
    assert (code, out) == (0, "ok\n")
    code, out, _ = run(capsys, "--data-dir", str(data), "stats", "--json")
    counts = json.loads(out)
    assert code == 0
    for key in ("contacts", "conversations", "favours", "purchases"):
        assert counts[key] > 0
    assert counts["contacts"] == 200


def test_options_after_the_command_and_from_the_environment(tmp_path, capsys, monkeypatch):
    data = tmp_path / "env"
    monkeypatch.setenv("COLEARN_DATA_DIR", str(data))
    code, _, _ = run(capsys, "demo-data", "--contacts", "3", "--conversations-per-contact", "1")
    assert code == 0
    assert (data / JOURNAL_FILE_NAME).exists()
    other = tmp_path / "opt"
    code, _, _ = run(capsys, "demo-data", "--contacts", "2", "--data-dir", str(other))
    assert code == 0
    assert (other / JOURNAL_FILE_NAME).exists()


def test_stats_human_readable(tmp_path, capsys):
    run(capsys, "--data-dir", str(tmp_path), "demo-data", "--contacts", "5")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "stats")
    assert code == 0
    assert "contacts" in out
    assert str(tmp_path / JOURNAL_FILE_NAME) in out


def test_demo_flag_uses_a_separate_journal(tmp_path, capsys):
    run(capsys, "--data-dir", str(tmp_path), "--demo", "demo-data", "--contacts", "4")
    assert (tmp_path / "demo" / JOURNAL_FILE_NAME).exists()
    assert not (tmp_path / JOURNAL_FILE_NAME).exists()


def test_check_and_stats_on_a_missing_journal_fail_clearly(tmp_path, capsys):
    for command in ("check", "stats"):
        code, out, err = run(capsys, "--data-dir", str(tmp_path / "none"), command)
        assert code == 1
        assert out == ""
        assert "There is no journal at" in err
        assert "Traceback" not in err
    assert not (tmp_path / "none").exists()


def test_check_reports_problems_and_exits_non_zero(tmp_path, capsys):
    run(capsys, "--data-dir", str(tmp_path), "demo-data", "--contacts", "5")
    connection = sqlite3.connect(tmp_path / JOURNAL_FILE_NAME)
    with connection:
        connection.execute("UPDATE contact SET last_contact_at = '1999-01-01 00:00:00.000000'")
    connection.close()
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "check")
    assert code == 1
    assert out == ""
    assert "wrong cached last-contact date" in err


def test_newer_journal_is_refused_with_a_message(tmp_path, capsys):
    run(capsys, "--data-dir", str(tmp_path), "demo-data", "--contacts", "2")
    connection = sqlite3.connect(tmp_path / JOURNAL_FILE_NAME)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    connection.close()
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "stats")
    assert code == 1
    assert "newer version of CoLearn" in err


def test_not_a_journal(tmp_path, capsys):
    (tmp_path / JOURNAL_FILE_NAME).write_text("hello")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "check")
    assert code == 1
    assert "not a CoLearn journal" in err


def test_demo_data_refuses_a_journal_with_contacts(tmp_path, capsys):
    run(capsys, "--data-dir", str(tmp_path), "demo-data", "--contacts", "2")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "demo-data")
    assert code == 1
    assert "already has contacts" in err
    code, _, _ = run(
        capsys, "--data-dir", str(tmp_path), "demo-data", "--append", "--contacts", "1"
    )
    assert code == 0


def test_bad_arguments_exit_with_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "demo-data", "--contacts", "-3"])
    assert caught.value.code == 2
    assert "must be zero or more" in capsys.readouterr().err


def test_module_entry_point_runs_in_a_fresh_process(tmp_path):
    env = {**os.environ, "COLEARN_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "colearn_desktop", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"colearn {__version__}"
    assert list(Path(tmp_path).iterdir()) == []  # nothing created at import time


def test_console_script_is_installed():
    script = Path(sys.executable).parent / ("colearn.exe" if os.name == "nt" else "colearn")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "demo-data" in result.stdout
