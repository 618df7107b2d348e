"""``colearn sync``: exchange changes with your other computers through a folder that a
file-sync tool (Syncthing, Nextcloud, Dropbox, a USB stick ...) carries (issue #18).

``--setup FOLDER`` records the folder, this computer's device name and (with a passphrase)
the folder's key in this computer's local settings, never in the journal nor the folder.
On a terminal, an exchange that reads more than one file or snapshot part (a computer that
joins from a large journal: minutes) says how far it is on one line of stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from colearn_desktop.commands.base import CommandContext, CommandError

if TYPE_CHECKING:
    from colearn_desktop.core.sync.exchange import ExchangeReport
    from colearn_desktop.core.sync.folder.store import SyncFolder


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], shared: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "sync",
        parents=[shared],
        help="exchange changes with your other computers through a synced folder",
        description="Without options: one exchange (send this journal's changes, receive the "
        "other devices'). The folder is one your sync tool shares; the journal itself never "
        "goes into it. Exit status 1 when something could not be exchanged (said on stderr).",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--setup", metavar="FOLDER", type=Path, help="use FOLDER as this computer's sync folder"
    )
    action.add_argument("--status", action="store_true", help="show the folder and its devices")
    parser.add_argument("--device-name", metavar="NAME", help="this computer's name (--setup)")
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="encrypt the folder with the passphrase in FILE (--setup; the same on every device)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    if (args.device_name is not None or args.passphrase_file) and args.setup is None:
        raise CommandError("--device-name and --passphrase-file go with --setup FOLDER", 2)
    if args.setup is not None:
        return _setup(args, context)
    if args.status:
        return _status(args, context)
    return _exchange(args, context)


def _setup(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.sync.setup import SyncSetupError, default_device_name, set_up

    name = args.device_name if args.device_name is not None else default_device_name()
    if not name.strip():
        raise CommandError("The device name is empty; nothing was set up. Give a name.", 2)
    passphrase = _passphrase(args.passphrase_file) if args.passphrase_file else None
    try:
        _folder, said = set_up(context.paths.root, args.setup, name, passphrase)
    except SyncSetupError as error:
        raise CommandError(str(error)) from None
    context.say(said.replace("Set up your", "Run colearn sync to exchange now, and set up your"))
    return 0


def _passphrase(path: Path) -> str:
    try:
        text = path.expanduser().read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"The passphrase file {path} cannot be read ({error}).") from None
    passphrase = text.rstrip("\r\n")
    if not passphrase:
        raise CommandError(f"The passphrase file {path} is empty; nothing was set up.")
    return passphrase


def _exchange(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.sync.setup import SyncSetupError, exchange_now, open_folder

    try:
        folder, _settings = open_folder(context.paths.root)  # before the journal is opened
        journal = context.open_journal()  # a computer that joins starts with an empty journal
        reading = ProgressLine(context.stderr, folder)
        try:
            report = exchange_now(journal, reading.show if reading.on_terminal else None)
        finally:
            reading.end()
            journal.close()
    except SyncSetupError as error:
        raise CommandError(str(error)) from None
    if args.json:
        context.say_json(report.as_dict())
    else:
        for line in _summary(report):
            context.say(line)
    for problem in report.problems:
        print(f"colearn: {problem}", file=context.stderr)
    return 1 if report.problems else 0


class ProgressLine:
    """How far an exchange reads, rewritten in place on one line of ``stream``."""

    def __init__(self, stream: TextIO, folder: SyncFolder):
        self.stream, self.folder = stream, folder
        self.on_terminal = bool(getattr(stream, "isatty", lambda: False)())
        self.names: dict[str, str] = {}
        self.open = False

    def show(self, device: str, done: int, total: int) -> None:
        if total < 2:
            return  # one file: there is nothing to follow
        if device not in self.names:
            self.names[device] = str((self.folder.device_info(device) or {}).get("name") or device)
        self.stream.write(
            f"\rReceiving the changes of {self.names[device]}: {done:,} of {total:,} read."
        )
        self.stream.flush()
        self.open = True

    def end(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.open = False


def _summary(report: ExchangeReport) -> list[str]:
    lines = [*report.notes]
    if report.sent:
        batches = "batch" if report.sent_batches == 1 else "batches"
        lines.append(f"Sent {report.sent} change(s) in {report.sent_batches} {batches}.")
    else:
        lines.append("Nothing new to send.")
    received = {device: n for device, n in report.received.items() if n}
    for device, count in sorted(received.items()):
        lines.append(f"Received {count} change(s) from {report.name_of(device)}.")
    if not received:
        lines.append("Nothing new from the other devices.")
    lines.extend(report.conflicts)
    if report.compacted:
        lines.append(f"Folded {report.compacted} old batch(es) into a snapshot.")
    return lines


def _status(args: argparse.Namespace, context: CommandContext) -> int:
    from colearn_desktop.core.sync.setup import SyncSetupError, devices, is_set_up

    if not is_set_up(context.paths.root):
        if args.json:
            context.say_json({"set_up": False})
        else:
            context.say("Sync is not set up on this computer (colearn sync --setup FOLDER).")
        return 0
    try:
        folder, settings, devices_ = devices(context.paths.root)
    except SyncSetupError as error:
        raise CommandError(str(error)) from None
    if args.json:
        context.say_json(
            {
                "set_up": True,
                "folder": str(folder.root),
                "device_name": settings.get("device_name"),
                "encrypted": folder.key is not None,
                "devices": [vars(d) for d in devices_],
            }
        )
        return 0
    encrypted = "encrypted" if folder.key else "not encrypted"
    context.say(f"Sync folder: {folder.base} ({encrypted})")
    context.say(f"This computer: {settings.get('device_name')}")
    if not devices_:
        context.say("No device has exchanged through it yet.")
    for seen in devices_:
        name = seen.name or seen.device
        mark = " (this computer)" if seen.this else ""
        if seen.retired_for:
            mark += f" (retired: now writes as {seen.retired_for})"
        when = seen.last_seen or "never"
        context.say(f"  {name}{mark}: last seen {when}, {seen.newest} batch(es) written")
    return 0
