"""The window's commands on the journal as a whole: import, export, settings, moving the
journal, About, and notes left unsaved by a crash.

Apart from the window so that the window stays layout and navigation; each command opens
its dialog with the window as parent and reports in the window's status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from colearn_desktop.core.errors import JournalError
from colearn_desktop.core.text import fill
from colearn_desktop.ui.kit.plain_text import ask, inform, warn

if TYPE_CHECKING:
    from colearn_desktop.core.people.contact_list import ContactQuery
    from colearn_desktop.core.storage.drafts import Draft
    from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
    from colearn_desktop.ui.shell.main_window import MainWindow


def draft_people(draft: Draft) -> list[str]:
    """Whom a note of the quick log was with, as typed there: the people chosen, then a name
    not yet in the journal (``QuickLogDialog.save_draft_now`` writes both)."""
    names = [str(name) for _id, name in draft.fields.get("participants", [])]
    typed = str(draft.fields.get("new_contact") or "").strip()
    return [*names, typed] if typed else names


class JournalCommands(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)

    def import_contacts(self, path: Path | None = None) -> None:
        from colearn_desktop.ui.interchange.import_dialog import ImportDialog

        dialog = ImportDialog(self._window.journal, self._window)
        if path is not None:
            dialog.open_file(path)
        dialog.imported.connect(lambda report: self._status(self.tr("Import finished.")))
        dialog.exec()

    def export_contacts(self, query: ContactQuery | None = None) -> None:
        """The export dialog for the list as filtered, or for ``query`` (the selected
        contacts: the dialog's "in the list" choice is then exactly them)."""
        from colearn_desktop.ui.interchange.export_dialog import ExportDialog
        from colearn_desktop.ui.settings.general_settings import export_defaults

        w = self._window
        excel_safe, bom = export_defaults(w.settings)
        ExportDialog(
            w.journal,
            query or w.contacts_page.model.query,
            w,
            excel_safe=excel_safe,
            bom=bom,
            selected=query is not None,
        ).exec()

    def export_journal(self) -> None:
        from colearn_desktop.ui.interchange.export_dialog import choose_export_file

        w = self._window
        path = choose_export_file(
            w,
            w.journal,
            self.tr("Export the whole journal"),
            f"colearn-{w.journal.clock.today().isoformat()}.json",
            self.tr("JSON (*.json)"),
        )
        if path is None:
            return
        name = str(path)
        try:
            counts = w.journal.interchange.export_journal(path)
        except (JournalError, OSError) as error:
            warn(w, self.tr("Export failed"), str(error))
            return
        self._status(
            self.tr("Wrote %Ln row(s) to %1.", "", sum(counts.values())).replace("%1", name)
        )

    def open_settings(self) -> SettingsDialog:
        from colearn_desktop.ui.settings.backups_page import BackupsPage
        from colearn_desktop.ui.settings.calendar_file_page import CalendarFilePage
        from colearn_desktop.ui.settings.general_settings import GeneralSettingsPage
        from colearn_desktop.ui.settings.settings_dialog import SettingsDialog
        from colearn_desktop.ui.settings.sync_page import SyncPage
        from colearn_desktop.ui.settings.vdir_page import VdirPage

        w = self._window
        general = GeneralSettingsPage(w.settings, w.journal.path.parent)
        backups = BackupsPage(w.journal, w.signals)
        backups.restored.connect(lambda _outcome: w.undo.refresh())
        calendar = CalendarFilePage(w.live_outputs)
        dialog = SettingsDialog(
            w.journal,
            w,
            [
                (self.tr("&General"), general),
                (self.tr("&Backups"), backups),
                (self.tr("Ca&lendar file"), calendar),
                (self.tr("P&hone (vdir)"), VdirPage(w.journal, w.live_outputs)),
                (self.tr("Sy&nc"), SyncPage(w.sync_keeper)),
            ],
        )
        general.move_requested.connect(lambda folder: self._move_from_settings(dialog, folder))
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self._apply_notifications()
        return dialog

    def _apply_notifications(self) -> None:
        w = self._window
        if w.tray is not None:
            w.tray.settings_changed()  # on, off, a new level or digest time

    def _move_from_settings(self, dialog: SettingsDialog, folder: Path) -> None:
        dialog.reject()
        self.move_journal(folder)

    def move_journal(self, folder: Path) -> bool:
        """Move the journal (with its backups and drafts) to ``folder``, then close: the next
        start opens it there.  The old journal is renamed, never deleted."""
        from colearn_desktop.core.storage.files.relocate import move_journal
        from colearn_desktop.paths import write_location

        w = self._window
        answer = ask(
            w,
            self.tr("Move your journal?"),
            self.tr(
                "CoLearn will copy your journal, its backups and drafts to %1, check the "
                "copy, keep the old file under a new name, and close. Start it again to "
                "continue in the new folder."
            ).replace("%1", str(folder)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        w.wait_for_workers()
        w.journal.db.dispose()  # nothing of ours holds the file while it moves
        try:
            moved = move_journal(
                w.journal.path.parent, folder, w.journal.path.name, w.journal.clock.now()
            )
            write_location(folder)
        except (JournalError, OSError) as error:
            warn(w, self.tr("The journal was not moved"), str(error))
            return False
        w.journal_moved = True
        inform(
            w,
            self.tr("Journal moved"),
            self.tr(
                "Your journal is now %1. The old file is kept as %2; delete it once "
                "you have checked the new one."
            )
            .replace("%1", str(moved.new_journal))
            .replace("%2", str(moved.old_journal_kept_as)),
        )
        w.close()
        return True

    def show_about(self) -> None:
        from colearn_desktop.ui.shell.about_dialog import AboutDialog

        AboutDialog(self._window.journal.path, self._window).exec()

    def _and_list(self, names: list[str]) -> str:
        """ "Ana, Bo and Freja" (the C locale's own list has no "and")."""
        if len(names) < 2:
            return "".join(names)
        return fill(self.tr("%1 and %2"), ", ".join(names[:-1]), names[-1])

    def offer_drafts(self) -> None:
        """After a crash, hand back every note that was being typed."""
        from colearn_desktop.ui.today.quick_log import DRAFT_KIND

        w = self._window
        for draft in w.drafts.pending(DRAFT_KIND):
            people = draft_people(draft)
            when = draft.saved_at.strftime("%Y-%m-%d %H:%M")
            if people:
                question = fill(
                    self.tr(
                        "A note about a conversation with %1, typed on %2, was not saved. "
                        "Open it now?"
                    ),
                    self._and_list(people),
                    when,
                )
            else:
                question = self.tr(
                    "A note about a conversation with no one chosen yet, typed on %2, was not "
                    "saved. Open it now?"
                ).replace("%2", when)
            answer = ask(
                w,
                self.tr("Unsaved note found"),
                question,
                QMessageBox.StandardButton.Open
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Ignore,
                QMessageBox.StandardButton.Open,
            )
            if answer == QMessageBox.StandardButton.Open:
                w.actions_.resume_draft(draft)
            elif answer == QMessageBox.StandardButton.Discard:
                w.drafts.discard(draft.draft_id)
