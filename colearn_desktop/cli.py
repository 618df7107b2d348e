"""The ``colearn`` command: no subcommand opens the app, subcommands do headless work.

This is the composition root.  It decides where the data lives (``--data-dir`` > the
``COLEARN_DATA_DIR`` environment variable > the platform's data folder; ``--demo`` switches to
the separate demo journal), then hands a :class:`CommandContext` to the chosen command.  Known
failures become one clear line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from colearn_desktop import __version__
from colearn_desktop.paths import ENV_DATA_DIR, DataPaths, resolve_data_dir

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


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


def build_parser() -> argparse.ArgumentParser:
    from colearn_desktop.commands import COMMANDS
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
    _location_options(parser, default=None)
    # The same options are accepted after the command too ("colearn stats --data-dir D").
    shared = argparse.ArgumentParser(add_help=False)
    _location_options(shared, default=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        # Answered before the commands (and the database layer they use) are imported.
        print(f"colearn {__version__}")
        return 0
    from colearn_desktop.commands.base import CommandContext, CommandError
    from colearn_desktop.core.errors import JournalError

    parser = build_parser()
    args = parser.parse_args(arguments)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    paths = DataPaths(resolve_data_dir(args.data_dir, os.environ))
    if args.demo:
        paths = paths.demo()
    context = CommandContext(paths=paths, demo=args.demo, stdout=sys.stdout, stderr=sys.stderr)
    run = getattr(args, "run", None)
    if args.self_test:
        from colearn_desktop.commands import self_test

        run = self_test.run
    elif run is None:
        from colearn_desktop.commands import gui

        run = gui.run
    try:
        return run(args, context)
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
