"""``colearn calendar --file``: the calendar file follows every command that changed the
journal, and a file that cannot be written never fails the command that saved the change."""

from __future__ import annotations

import os

from icalendar import Calendar

from colearn_desktop.paths import JOURNAL_FILE_NAME
from tests.cli.test_due import data_dir, run  # noqa: F401 (data_dir is a fixture)


def summaries(path) -> set[str]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(c["summary"]) for c in calendar.walk() if c.name == "VEVENT"}


def test_the_file_follows_each_command_that_changed_the_journal(data_dir, tmp_path, capsys):  # noqa: F811
    target = tmp_path / "cal" / "colearn.ics"
    target.parent.mkdir()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(target))
    assert (code, err) == (0, "")
    assert out == (
        f"Wrote 4 calendar entries to {target}. "
        "It is kept up to date after every change from now on.\n"
    )
    assert "Send invoices" in summaries(target)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "--status")
    assert out.startswith(f"The calendar file {target} is kept up to date; last written ")
    # The reminder was the last change: undoing it on the command line takes it off the file.
    code, _, err = run(capsys, "--data-dir", str(data_dir), "undo")
    assert (code, err) == (0, "")
    assert "Send invoices" not in summaries(target)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "undo", "--redo")
    assert (code, err) == (0, "")
    assert "Send invoices" in summaries(target)
    # Turned off: left as it is.
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "--off")
    assert (
        out == f"The calendar file is no longer updated. {target} was left as it is; "
        "delete it if you no longer need it.\n"
    )
    run(capsys, "--data-dir", str(data_dir), "undo")
    assert "Send invoices" in summaries(target)
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "--status")
    assert out.startswith("No calendar file is kept;")


def test_a_command_that_reads_only_never_rewrites_the_file(data_dir, tmp_path, capsys):  # noqa: F811
    target = tmp_path / "colearn.ics"
    run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(target))
    os.utime(target, (1_000_000, 1_000_000))
    assert run(capsys, "--data-dir", str(data_dir), "due")[0] == 0
    assert target.stat().st_mtime == 1_000_000


def test_a_folder_gone_is_one_sentence_and_the_change_stands(data_dir, tmp_path, capsys):  # noqa: F811
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / "colearn.ics"
    run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(target))
    target.unlink()
    folder.rmdir()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "undo")
    assert code == 0
    assert out == "Undone: Add reminder: Send invoices.\n"
    assert err.count("\n") == 1
    assert err.startswith(f"colearn: The calendar file could not be updated: The folder {folder}")
    assert "Your change is saved in the journal" in err
    # The undo really happened: undoing again takes back the change before it.
    assert run(capsys, "--data-dir", str(data_dir), "undo")[0] == 0


def test_the_journal_itself_is_refused(data_dir, capsys):  # noqa: F811
    journal = data_dir / JOURNAL_FILE_NAME
    before = journal.read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(journal))
    assert (code, out) == (1, "")
    assert err.startswith(f"colearn: {journal} is your journal itself")
    assert err.count("\n") == 1
    assert journal.read_bytes() == before
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "calendar", "--status")
    assert out.startswith("No calendar file is kept;")


def test_someone_elses_file_is_replaced_only_with_force(data_dir, tmp_path, capsys):  # noqa: F811
    theirs = tmp_path / "family.ics"
    theirs.write_bytes(b"BEGIN:VCALENDAR\r\nPRODID:-//Other//EN\r\nEND:VCALENDAR\r\n")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(theirs))
    assert (code, out) == (1, "")
    assert err == (
        f"colearn: {theirs} already exists and is not a calendar CoLearn wrote; it was left as "
        "it is and the calendar file was not turned on. Choose another file, or add --force "
        "to replace it.\n"
    )
    assert theirs.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nPRODID:-//Other//EN")
    code, _, _ = run(
        capsys, "--data-dir", str(data_dir), "calendar", "--file", str(theirs), "--force"
    )
    assert code == 0
    assert "Send invoices" in summaries(theirs)
    # A file CoLearn wrote (an earlier export) is taken over without asking.
    exported = tmp_path / "export.ics"
    run(capsys, "--data-dir", str(data_dir), "export", "reminders", "-o", str(exported))
    code, _, err = run(capsys, "--data-dir", str(data_dir), "calendar", "--file", str(exported))
    assert (code, err) == (0, "")
