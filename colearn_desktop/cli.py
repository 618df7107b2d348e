"""The ``colearn`` command: no subcommand opens the app, subcommands do headless work.

This is the composition root.  It decides where the data lives (``--data-dir`` > the
``COLEARN_DATA_DIR`` environment variable > the platform's data folder; ``--demo`` switches to
the separate demo journal), then hands a :class:`CommandContext` to the chosen command.  Known
failures become one clear line on stderr and a non-zero exit code, never a traceback.  An
unexpected error (a bug) is written with its traceback to ``logs/colearn.log`` and reported in
one sentence naming that file (``COLEARN_DEBUG=1`` prints the traceback instead).  A reader
that stops early (``colearn due | head``) ends the command quietly, like any Unix tool.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from colearn_desktop import __version__, crash_log
from colearn_desktop.paths import ENV_DATA_DIR, DataPaths, resolve_data_dir

EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130
# What a shell reports for a program stopped by SIGPIPE (the reader of its output went away).
EXIT_OUTPUT_CLOSED = 128 + getattr(signal, "SIGPIPE", 13)


def _location_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=(
            f"folder of the journal (default: ${ENV_DATA_DIR}, else where the app moved it, "
            "else the platform data folder)"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="use the demo journal, kept apart from your real one (made on first use)",
    )


class _NeedsTheWholeParserError(Exception):
    """The arguments name a command, ask for help or are wrong: the whole parser answers."""


class _AppOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NeedsTheWholeParserError(message)


def _app_arguments(arguments: list[str]) -> argparse.Namespace | None:
    """The options of a start of the app (no command), read without building every
    command's parser (a few hundred options, ~15 ms of every start: issue 14); None when
    the arguments need the whole parser (a command, ``--help``, ``--version``, a mistake)."""
    parser = _AppOnlyParser(prog="colearn", add_help=False)
    parser.add_argument("--self-test", action="store_true")
    _location_options(parser, default=None)
    try:
        args, rest = parser.parse_known_args(arguments)
    except _NeedsTheWholeParserError:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    from colearn_desktop.commands import all_commands
    from colearn_desktop.commands.base import CommandParser

    # Every command's parser is a CommandParser too (argparse makes sub-parsers of the parent's
    # class), so a command can add options that need a heavy module only when it is parsed.
    parser = CommandParser(
        prog="colearn",
        description="CoLearn: a relationship journal for freelancers. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"colearn {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the app on a throw-away journal, log a call and check the reminders; "
        "exit 0 when everything works",
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help="open the app in the system tray, without its window (how it starts at login: "
        "see 'colearn autostart')",
    )
    _location_options(parser, default=None)
    # The same options are accepted after the command too ("colearn stats --data-dir D").
    shared = argparse.ArgumentParser(add_help=False)
    _location_options(shared, default=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in all_commands():
        command.register(subparsers, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # a reader that went away early is found here, not at exit
    except BrokenPipeError:
        return _output_closed()


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        # Answered before the commands (and the database layer they use) are imported.
        print(f"colearn {__version__}")
        return 0
    from colearn_desktop.commands.base import CommandContext, CommandError
    from colearn_desktop.core.errors import JournalError

    args = _app_arguments(arguments) or build_parser().parse_args(arguments)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    paths = DataPaths(resolve_data_dir(args.data_dir, os.environ))
    if args.demo:
        paths = paths.demo()
    crash_log.install_file_log(paths.logs)
    context = CommandContext(paths=paths, demo=args.demo, stdout=sys.stdout, stderr=sys.stderr)
    run = getattr(args, "run", None)
    if args.self_test:
        from colearn_desktop.commands.journal import self_test

        run = self_test.run
    elif run is None:
        from colearn_desktop.commands import gui

        run = gui.run
    try:
        try:
            return run(args, context)
        finally:  # whichever command changed the journal, the calendar file follows
            context.refresh_live_outputs()
    except BrokenPipeError:
        raise  # (an OSError, but not one to report: see main)
    except CommandError as failure:
        print(f"colearn: {failure}", file=sys.stderr)
        return failure.exit_code
    except JournalError as error:
        print(f"colearn: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("colearn: interrupted; nothing was half-written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        print(
            f"colearn: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except Exception as error:
        return _unexpected_error(crash_log.caught(error))


def _output_closed() -> int:
    """The reader of our output stopped early (``colearn due | head``): the Python
    documentation's recipe, so no "Broken pipe" message or traceback appears at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's capture)
        pass
    return EXIT_OUTPUT_CLOSED


def _unexpected_error(exc_info: crash_log.ExcInfo) -> int:
    """A bug: the traceback goes to the log, the terminal gets one sentence naming it."""
    written_to: Path | None = crash_log.record(exc_info, "in the colearn command")
    what = crash_log.short_description(exc_info[1])
    if os.environ.get(crash_log.DEBUG_ENV) == "1":
        import traceback

        traceback.print_exception(*exc_info)
    elif written_to is not None:
        print(
            f"colearn: unexpected error ({what}); changes are saved whole or not at all, "
            f"and the details are in {written_to} (set {crash_log.DEBUG_ENV}=1 to see "
            "them here).",
            file=sys.stderr,
        )
    else:
        print(f"colearn: unexpected error ({what}); the details are above.", file=sys.stderr)
    return EXIT_FAILURE
