"""Settings ▸ Calendar file and the window's keeper: the file follows each change (a burst
is one refresh, off the UI thread), a file that cannot be written is one sentence and the
save stands, and the page says where the file is and when it was last written."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest

from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.storage.local_settings import LocalSettings
from colearn_desktop.ui.kit.journal_signals import JournalSignals
from colearn_desktop.ui.settings.calendar_file_page import CalendarFilePage
from colearn_desktop.ui.settings.live_outputs import LiveOutputKeeper
from tests.conftest import TODAY

SHOTS = Path(os.environ.get("COLEARN_SHOTS") or tempfile.mkdtemp(prefix="colearn-shots-"))


@pytest.fixture
def keeper(journal, qtbot):
    signals = JournalSignals(journal)
    made = LiveOutputKeeper(journal, signals, debounce_ms=50)
    made.results: list = []
    made.refreshed.connect(made.results.append)
    yield made
    made.on_close()
    signals.detach()


@pytest.fixture
def page(keeper, qtbot):
    chosen: list[str] = []
    widget = CalendarFilePage(keeper, choose_file=lambda parent: chosen.pop() if chosen else "")
    widget.chosen = chosen
    qtbot.addWidget(widget)
    widget.resize(620, 320)
    widget.show()
    return widget


def add(journal, text: str) -> None:
    journal.reminders.add(ReminderInput(text, TODAY.date() + timedelta(days=2)))


def test_choosing_a_file_writes_it_and_each_burst_of_changes_is_one_refresh(
    page, keeper, journal, tmp_path, qtbot
):
    target = tmp_path / "colearn.ics"
    page.chosen.append(str(target))
    with qtbot.waitSignal(keeper.refreshed):
        page.choose_button.click()
    assert target.exists()
    assert page.file_label.text() == str(target)
    assert page.written_label.text() not in ("", "—")
    assert page.status.text() == "The file is up to date."
    assert LocalSettings(journal.path.parent).calendar_file == target
    page.grab().save(str(SHOTS / "calendar-file-page.png"))
    before = len(keeper.results)
    with qtbot.waitSignal(keeper.refreshed):
        for text in ("Call the bank", "Send invoices", "Renew the domain"):
            add(journal, text)
    qtbot.wait(200)  # (a second refresh would have come by now: the pause is 50 ms)
    assert len(keeper.results) == before + 1
    data = target.read_bytes()
    assert all(text.encode() in data for text in ("Call the bank", "Send invoices", "Renew"))


def test_a_folder_gone_is_a_sentence_and_the_save_stands(page, keeper, journal, tmp_path, qtbot):
    folder = tmp_path / "usb"
    folder.mkdir()
    page.chosen.append(str(folder / "colearn.ics"))
    with qtbot.waitSignal(keeper.refreshed):
        page.choose_button.click()
    (folder / "colearn.ics").unlink()
    folder.rmdir()
    with qtbot.waitSignal(keeper.failed) as failure:
        add(journal, "Call the bank")
    assert failure.args[0].startswith(
        f"The calendar file could not be updated: The folder {folder} does not exist."
    )
    from colearn_desktop.core.due.describe import title

    assert [title(item) for item in journal.reminders.due(7).items] == ["Call the bank"]
    assert page.error.isVisible()
    assert page.written_label.text() == "Missing; it is written again after a change."


def test_the_journal_itself_is_refused_and_stop_leaves_the_file(page, journal, tmp_path, qtbot):
    page.chosen.append(str(journal.path))
    page.choose_button.click()
    assert page.error.text().startswith(f"{journal.path} is your journal itself")
    assert LocalSettings(journal.path.parent).calendar_file is None
    assert page.file_label.text() == "No calendar file is kept."
    assert not page.stop_button.isEnabled()


def test_the_window_keeps_the_file_and_a_last_change_is_written_on_close(
    window, journal, tmp_path, qtbot
):
    target = tmp_path / "colearn.ics"
    LocalSettings(journal.path.parent).set_calendar_file(target)
    with qtbot.waitSignal(window.live_outputs.refreshed, timeout=10_000):
        add(journal, "Call the bank")
    assert b"Call the bank" in target.read_bytes()
    add(journal, "Send invoices")  # closed before the pause ends
    window.live_outputs.on_close()
    assert b"Send invoices" in target.read_bytes()


def test_when_the_day_turns_an_overdue_item_moves_to_the_new_today(journal, clock, tmp_path, qtbot):
    target = tmp_path / "colearn.ics"
    LocalSettings(journal.path.parent).set_calendar_file(target)
    add(journal, "Call the bank")  # due in two days
    journal.settings.calendar_id()  # (made by the first export: a change of its own)
    signals = JournalSignals(journal)
    keeper = LiveOutputKeeper(journal, signals, debounce_ms=10, day_check_ms=20)
    with qtbot.waitSignal(keeper.refreshed):
        pass  # the refresh at start
    clock.advance(days=4)  # now two days overdue: on today, no change in the journal
    with qtbot.waitSignal(keeper.refreshed):
        pass
    new_today = clock.today().strftime("%Y%m%d").encode()
    assert b"DTSTART;VALUE=DATE:" + new_today in target.read_bytes()
    keeper.on_close()
    signals.detach()
