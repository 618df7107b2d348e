"""What every command gets: where the data is, and where to print."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from colearn_desktop.core.journal import Journal
from colearn_desktop.core.opening import open_journal
from colearn_desktop.paths import DataPaths


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

    def open_journal(self, *, create: bool = True) -> Journal:
        """Open the journal (upgrading it with a backup first if needed).  With
        ``create=False`` a missing journal is an error instead of a new empty file."""
        if create:
            self.paths.ensure()
        return open_journal(self.paths.journal, backups_dir=self.paths.backups, create=create)

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def say_json(self, value: Any) -> None:
        json.dump(value, self.stdout, ensure_ascii=False, indent=2, default=str)
        self.stdout.write("\n")


class Command(Protocol):
    def register(
        self, subparsers: argparse._SubParsersAction, shared: argparse.ArgumentParser
    ) -> None: ...

    def run(self, args: argparse.Namespace, context: CommandContext) -> int: ...
