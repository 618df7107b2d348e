"""What the user sees when the app hits a bug, and the hooks that catch every such error.

An exception nobody expected (raised in a Qt slot, which PySide6 hands to ``sys.excepthook``,
or on any thread, which Python hands to ``threading.excepthook``) is written with its traceback
to ``logs/colearn.log`` first, so it is kept even if showing anything fails.  Then one dialog
says what was kept (everything saved is in the journal; notes being typed are drafts), where
the log is, and offers to copy the details for a bug report.  The app keeps running: the error
only stopped the action that raised it.  Errors that arrive while the dialog is open are logged
but do not open a second dialog, and an error inside the hook itself never recurses.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from colearn_desktop import crash_log
from colearn_desktop.ui.kit.widgets import heading, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashDialog", text)


def unexpected_error_text(error: BaseException) -> str:
    """One sentence for a message line: what stopped, what is kept, where the details are.

    For workers (imports, exports, screens that read on a thread): the caller has already
    written the traceback to the log with :func:`crash_log.record`."""
    log_file = crash_log.current_log_file()
    where = str(log_file) if log_file is not None else _tr("the terminal's error output")
    return (
        _tr(
            "An unexpected error stopped this (%1). Everything saved before it is in your "
            "journal; the details are in %2."
        )
        .replace("%1", crash_log.short_description(error))
        .replace("%2", where)
    )


def report_details(exc_info: crash_log.ExcInfo) -> str:
    """The text "Copy details" puts on the clipboard: version, platform, Qt, traceback."""
    return f"Qt {qVersion()}\n" + crash_log.details(exc_info)


class CrashDialog(QDialog):
    """Plain text: what happened, what was kept, where the log is; Copy details; Close."""

    def __init__(
        self,
        error: BaseException,
        details: str,
        log_file: Path | None,
        drafts_folder: Path | None,
        parent: QWidget | None = None,
        *,
        at_start: bool = False,
    ):
        # (Imported here: the reporter is installed at every start, the dialog rarely shown;
        # importing these classes makes their enums, ~4 ms before the first paint.)
        from PySide6.QtWidgets import QDialogButtonBox, QStyle

        super().__init__(parent)
        self.details = details
        self.setWindowTitle(self.tr("CoLearn hit an unexpected error"))
        lines = [
            self.tr(
                "Something went wrong that CoLearn did not expect (%1), so what you were doing "
                "was stopped."
            ).replace("%1", crash_log.short_description(error)),
            self.tr("Everything you had saved is kept in your journal."),
        ]
        if drafts_folder is not None:
            lines.append(
                self.tr(
                    "Notes you were typing are kept as drafts in %1, and CoLearn offers them "
                    "again at the next start."
                ).replace("%1", str(drafts_folder))
            )
        if log_file is not None:
            lines.append(self.tr("The details were written to %1.").replace("%1", str(log_file)))
        if at_start:
            ending = self.tr(
                "CoLearn could not start this time. Try again; if this happens again, use Copy "
                "details to send the details with a bug report."
            )
        else:
            ending = self.tr(
                "You can keep working. If this happens again, restart CoLearn, and use Copy "
                "details to send the details with a bug report."
            )
        lines.append(ending)
        self.message = plain_label("\n\n".join(lines), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = self.buttons.addButton(
            self.tr("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)
        icon = plain_label("", self, wrap=False)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading(self.windowTitle(), self, 1.2))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Details &copied"))


class CrashReporter(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook`` for the app's lifetime."""

    _arrived = Signal(object)  # (exc_info, where): shown on the UI thread, after the hook

    def __init__(self, drafts_folder: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self._drafts = drafts_folder
        self._showing = False
        self.shown = 0  # dialogs shown so far
        self._previous: tuple[Any, Any] | None = None
        self.dialog: CrashDialog | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(
        self,
        exc_type: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, trace)
            return
        self.report((exc_type, error, trace), "in the app")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), f"in thread {name}")

    def report(self, exc_info: crash_log.ExcInfo, where: str) -> None:
        """Log now (from any thread), show later on the UI thread."""
        try:
            crash_log.record(exc_info, where)
            self._arrived.emit((exc_info, where))
        except Exception:  # the hook itself failed: keep both tracebacks, never recurse
            sys.__excepthook__(*exc_info)
            sys.__excepthook__(*sys.exc_info())

    def report_at_start(self, exc_info: crash_log.ExcInfo) -> None:
        """The app could not start: log, and show the dialog now (no event loop runs yet)."""
        crash_log.record(exc_info, "while starting")
        self._show((exc_info, "while starting"), at_start=True)

    def _show(self, arrived: tuple[crash_log.ExcInfo, str], *, at_start: bool = False) -> None:
        if self._showing:
            return  # already in the log; one dialog at a time
        exc_info, _where = arrived
        self._showing = True
        try:
            self.dialog = CrashDialog(
                exc_info[1],
                report_details(exc_info),
                crash_log.current_log_file(),
                self._drafts,
                at_start=at_start,
            )
            self.shown += 1
            self.dialog.exec()
        except Exception:
            sys.__excepthook__(*exc_info)
            sys.__excepthook__(*sys.exc_info())
        finally:
            self.dialog = None
            self._showing = False
