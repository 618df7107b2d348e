"""Unexpected errors on the command line: one sentence naming the log, the traceback in the
log; and a reader that stops early (``colearn due | head``) ends the command quietly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from colearn_desktop.cli import EXIT_OUTPUT_CLOSED, main
from colearn_desktop.commands.base import CommandContext
from colearn_desktop.crash_log import DEBUG_ENV, LOG_FILE_NAME


@pytest.fixture
def failing_journal(monkeypatch):
    """Opening the journal raises a bug's error (not one of the journal's own errors)."""

    def broken(self, *, create=True):
        raise KeyError("missing_column")

    monkeypatch.setattr(CommandContext, "open_journal", broken)


def test_an_unexpected_error_is_one_sentence_naming_the_log_and_the_traceback_is_logged(
    tmp_path, capsys, monkeypatch, failing_journal
):
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "stats"]) == 1
    captured = capsys.readouterr()
    log = data / "logs" / LOG_FILE_NAME
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert "unexpected error (KeyError: 'missing_column')" in captured.err
    assert str(log) in captured.err
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "KeyError: 'missing_column'" in text
    assert "CoLearn " in text  # the version and the platform, for a bug report
    assert "Python " in text
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_colearn_debug_prints_the_traceback(tmp_path, capsys, monkeypatch, failing_journal):
    monkeypatch.setenv(DEBUG_ENV, "1")
    assert main(["--data-dir", str(tmp_path / "data"), "stats"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "KeyError: 'missing_column'" in err


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--contacts", "30"]) == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "colearn_desktop", "--data-dir", str(data), "due"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # like `| head` that has read what it wanted and left
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_OUTPUT_CLOSED
    assert err == ""
