"""What every command gets: where the data is, and where to print.

``colearn`` builds the parser of every command before it knows which one runs, so a command
module imports only ``argparse`` and this module at the top: the journal and whatever the
command does are imported inside ``run()``.  Options whose choices or defaults live in a heavy
module are added with :func:`add_later`, when that command is actually parsed (or its help
shown).  Opening the app, or running ``colearn due``, then never imports the code of imports,
exports or calendars.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from colearn_desktop.paths import DataPaths

if TYPE_CHECKING:
    from colearn_desktop.core.journal import Journal

AddArguments = Callable[[argparse.ArgumentParser], None]


class CommandParser(argparse.ArgumentParser):
    """An argument parser that can be completed later: see :func:`add_later`."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._later: list[AddArguments] = []

    def later(self, add: AddArguments) -> None:
        self._later.append(add)

    def complete(self) -> None:
        while self._later:
            self._later.pop(0)(self)

    # typeshed overloads it on the type of ``namespace`` (a subclass comes back typed as
    # such); argparse's own callers and ours only pass a plain Namespace.
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self.complete()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self.complete()
        return super().format_usage()

    def format_help(self) -> str:
        self.complete()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.complete()
        super().error(message)


def add_later(parser: argparse.ArgumentParser, add: AddArguments) -> None:
    """Call ``add(parser)`` when ``parser`` is first used (right away on a plain parser)."""
    if isinstance(parser, CommandParser):
        parser.later(add)
    else:
        add(parser)


def add_days(parser: argparse.ArgumentParser, *, default: int, help: str) -> None:
    """``--days N``: how far ahead a command looks at what is due (``colearn due``, the
    calendar export), checked against the journal's own limit before anything is opened."""
    parser.add_argument("--days", type=_days, default=default, metavar="N", help=help)


def _days(text: str) -> int:
    # The limit lives with the due service, imported only when the option is parsed.
    from colearn_desktop.core.due.service import MAX_HORIZON_DAYS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= MAX_HORIZON_DAYS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_HORIZON_DAYS}")
    return value


class CommandError(Exception):
    """A command could not do its job; the message is shown as is."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class CommandContext:
    paths: DataPaths
    demo: bool
    stdout: TextIO
    stderr: TextIO
    # Set when a journal this command opened committed a change (or was replaced whole):
    # the live outputs (the calendar file) are then brought up to date once, at the end.
    journal_changed: bool = False

    def open_journal(self, *, create: bool = True) -> Journal:
        """Open the journal (upgrading it with a backup first if needed).  With
        ``create=False`` a missing journal is an error instead of a new empty file."""
        from colearn_desktop.core.opening import open_journal

        if create:
            self.paths.ensure()
        journal = open_journal(self.paths.journal, backups_dir=self.paths.backups, create=create)
        journal.subscribe(self._note_change)
        return journal

    def _note_change(self, change: object) -> None:
        self.journal_changed = True

    def refresh_live_outputs(self) -> None:
        """After a command changed the journal, rewrite the live outputs this computer keeps
        (:mod:`core.interchange.live`), whichever command it was.  A failure is one sentence
        on stderr; the command's own result and exit code stand (its change is saved)."""
        if not self.journal_changed:
            return
        from colearn_desktop.core.errors import JournalError
        from colearn_desktop.core.interchange.live.configured import configured_outputs
        from colearn_desktop.core.interchange.live.outputs import refresh_outputs

        outputs = configured_outputs(self.paths.root)
        if not outputs:
            return
        try:
            journal = self.open_journal(create=False)
        except (JournalError, OSError) as error:
            print(f"colearn: the live outputs were not updated: {error}", file=self.stderr)
            return
        try:
            for result in refresh_outputs(outputs, journal):
                if not result.ok:
                    print(f"colearn: {result.message}", file=self.stderr)
        finally:
            journal.close()

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def say_json(self, value: Any) -> None:
        json.dump(value, self.stdout, ensure_ascii=False, indent=2, default=str)
        self.stdout.write("\n")
