"""``colearn`` builds every command's parser before it knows which command runs: building it
must not import what the commands do (the database layer, imports and exports, calendars),
and a command imports only what it needs.  Checked in fresh interpreters, since this test
run has long imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from colearn_desktop.cli import build_parser, main
from colearn_desktop.commands.base import CommandContext

# Heavy third-party packages, and the app's modules that only some commands need.
HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "icalendar",
    "vobject",
    "charset_normalizer",
    "PySide6",
)
RARELY_NEEDED = (
    "colearn_desktop.core.interchange",
    "colearn_desktop.core.interchange.writers.ics",
    "colearn_desktop.core.referrals",
    "colearn_desktop.core.reports.insights",
    "colearn_desktop.core.demo_journal.demo",
)


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules loaded once ``code`` has run in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        m for m in modules if any(m == name or m.startswith(name + ".") for name in names)
    )


def test_building_the_parser_imports_no_command_code():
    modules = modules_after("from colearn_desktop.cli import build_parser; build_parser()")
    assert loaded(modules, (*HEAVY, *RARELY_NEEDED)) == []
    assert loaded(modules, ("colearn_desktop.core",)) == []


def test_help_of_a_command_still_lists_the_options_added_when_it_is_used(capsys):
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "--help"])
    text = capsys.readouterr().out
    assert "--format {auto," in text
    assert "--map COLUMN=FIELD" in text
    with pytest.raises(SystemExit) as exit_:
        parser.parse_args(["export", "contacts", "-o", "x.csv", "--format", "nope"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'nope'" in error
    assert "'vcard'" in error


def test_a_command_imports_only_what_it_needs(tmp_path: Path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo-data", "--contacts", "5"]) == 0
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("COLEARN_DATA_DIR", None)
    modules = modules_after(
        "import contextlib, io\n"
        "from colearn_desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--data-dir', {str(data)!r}, 'due', '--days', '3']) == 0",
        env,
    )
    assert "colearn_desktop.core.due" in modules  # it ran
    assert loaded(modules, (*RARELY_NEEDED, "icalendar", "alembic", "PySide6")) == []


def test_opening_the_app_reads_its_options_without_building_every_commands_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A start of the app (no command) is most of what people run: it skips building the
    commands' parsers (issue 14, start-up), and reads the same options as before."""
    from colearn_desktop import cli
    from colearn_desktop.commands import gui

    opened: list[tuple[Path, bool]] = []

    def open_the_app(args: object, context: CommandContext) -> int:
        opened.append((context.paths.root, context.demo))
        return 0

    monkeypatch.setattr(gui, "run", open_the_app)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("built every command's parser"))
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert main(["--demo", f"--data-dir={tmp_path}"]) == 0
    assert opened == [(tmp_path, False), (tmp_path / "demo", True)]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--data-dir"], "argument --data-dir: expected one argument"),
        (["--data-dir", "D", "--bogus"], "unrecognized arguments: --bogus"),
        (["--data-dir", "D", "nosuchcommand"], "invalid choice: 'nosuchcommand'"),
    ],
)
def test_a_mistake_in_the_apps_options_is_still_said_by_the_whole_parser(
    arguments: list[str], said: str, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert said in error
    assert error.startswith("usage: colearn")
