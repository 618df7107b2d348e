"""The error log: unexpected errors (bugs) are written to ``logs/colearn.log`` in the data folder.

Shared by the app and the command line, so it imports no Qt.  The file is owner-only (it may
quote names from the journal in a traceback), rotates at about 1 MB and keeps a few old files,
so it can never fill the disk.  It is created only when something is written: a healthy
journal has an empty ``logs/`` folder.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from colearn_desktop import __version__

LOG_FILE_NAME = "colearn.log"
MAX_BYTES = 1_000_000
KEPT_FILES = 3
DEBUG_ENV = "COLEARN_DEBUG"  # "1": the command line prints tracebacks instead of one sentence

# Unexpected errors go to the file only (the command line's stderr gets one sentence).
crash_log = logging.getLogger("colearn_desktop.crash")
crash_log.propagate = False

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class _OwnerOnlyFileHandler(logging.Handler):
    """A rotating log whose files (the first one and each one after a rollover) are created
    readable by the owner only, in a folder made on first write.  A failed write is noted
    (``failed``) so :func:`record` can fall back to stderr.

    The rotating handler itself (and ``logging.handlers``, which brings ``socket`` and
    ``pickle``: ~5 ms of every start, issue 14) is made with the first record: a healthy
    session writes none."""

    failed = False

    def __init__(self, path: Path):
        super().__init__(logging.WARNING)
        self.baseFilename = os.path.abspath(path)
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._file is None:
                self._file = _rotating_file(self)
        except Exception:
            self.handleError(record)
            return
        self._file.emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _rotating_file(owner: _OwnerOnlyFileHandler) -> logging.Handler:
    from logging.handlers import RotatingFileHandler

    class OwnerOnlyRotatingFile(RotatingFileHandler):
        def _open(self) -> TextIOWrapper:  # logging's own hook for opening the file
            Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            if os.name == "posix":
                os.fchmod(descriptor, 0o600)  # a file left by an older version, made with umask
            return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

        def handleError(self, record: logging.LogRecord) -> None:
            owner.handleError(record)

    handler = OwnerOnlyRotatingFile(
        owner.baseFilename, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8", delay=True
    )
    handler.setFormatter(owner.formatter)
    return handler


def _file_handler() -> _OwnerOnlyFileHandler | None:
    return next(
        (h for h in logging.getLogger().handlers if isinstance(h, _OwnerOnlyFileHandler)), None
    )


def install_file_log(logs_folder: Path) -> Path:
    """Send warnings and errors of every logger to ``logs_folder/colearn.log``; returns the
    file.  Calling it again (another journal, a test) replaces the previous file log."""
    remove_file_log()
    path = logs_folder / LOG_FILE_NAME
    handler = _OwnerOnlyFileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    crash_log.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return path


def remove_file_log() -> None:
    """Stop writing to the file log (closing it), e.g. when a test ends."""
    handler = _file_handler()
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        crash_log.removeHandler(handler)
        handler.close()


def current_log_file() -> Path | None:
    """The file errors are logged to now (None before :func:`install_file_log`)."""
    handler = _file_handler()
    return Path(handler.baseFilename) if handler is not None else None


def caught(error: BaseException) -> ExcInfo:
    """The ``exc_info`` of ``error``, typed as one that happened (``sys.exc_info()`` is typed
    as possibly empty, though never so inside an ``except`` block)."""
    return type(error), error, error.__traceback__


def details(exc_info: ExcInfo) -> str:
    """What a bug report needs: the version, the platform and the whole traceback."""
    import platform  # (only when there is a bug to report: not at every start)

    exc_type, error, trace = exc_info
    lines = [
        f"CoLearn {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, error, trace),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


def record(exc_info: ExcInfo, where: str) -> Path | None:
    """Write an unexpected error with its :func:`details` to the log; returns the log file.

    When there is no log or it cannot be written (disk full, read-only folder), the details
    go to stderr instead and None is returned: the traceback is never lost.
    """
    text = details(exc_info)
    handler = _file_handler()
    if handler is not None:
        handler.failed = False
        crash_log.error("Unexpected error %s\n%s", where, text)
        if not handler.failed:
            return Path(handler.baseFilename)
    print(f"Unexpected error {where}\n{text}", file=sys.stderr)
    return None


def short_description(error: BaseException) -> str:
    """``KeyError: 'name'``: what the error was, in one line, for a message."""
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
