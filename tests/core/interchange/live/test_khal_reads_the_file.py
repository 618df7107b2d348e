"""A real calendar program reads the live file: khal imports it into a calendar folder and
lists its entries; after a change, importing the rewritten file again replaces the entry
(the same UID, a higher SEQUENCE) instead of adding a second one."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from colearn_desktop.core.due import ReminderInput
from colearn_desktop.core.enums import RepeatUnit
from colearn_desktop.core.interchange.live.calendar_file import LiveCalendar
from colearn_desktop.core.interchange.live.outputs import refresh_outputs
from tests.conftest import TODAY

KHAL = shutil.which("khal")
pytestmark = pytest.mark.skipif(KHAL is None, reason="khal is not installed (apt install khal)")

CONFIG = """[calendars]
[[colearn]]
path = {vdir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = colearn
"""


def khal(config: Path, *args: str) -> str:
    assert KHAL is not None
    done = subprocess.run(
        [KHAL, "-c", str(config), *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_khal_lists_the_entries_and_a_change_replaces_its_entry(journal, tmp_path):
    vdir = tmp_path / "calendar"
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(CONFIG.format(vdir=vdir), encoding="utf-8")
    today = TODAY.date()
    bank = journal.reminders.add(ReminderInput("Call the bank", today + timedelta(days=2)))
    journal.reminders.add(
        ReminderInput("Send invoices", today + timedelta(days=3), None, RepeatUnit.MONTH, 1)
    )
    live = LiveCalendar(tmp_path / "colearn.ics")

    def listed() -> list[str]:
        (result,) = refresh_outputs([live], journal)
        assert result.ok, result.message
        khal(config, "import", "--batch", "-a", "colearn", str(live.path))
        out = khal(config, "list", today.isoformat(), "7d")
        return [line.strip() for line in out.splitlines()]

    first = listed()
    assert "Call the bank :: your reminder" in first
    assert "Send invoices ⟳ :: Your reminder, every month." in first  # (⟳: repeats)
    journal.reminders.update(bank, ReminderInput("Call the bank about the loan", today))
    second = listed()
    assert "Call the bank about the loan :: your reminder" in second
    assert "Call the bank :: your reminder" not in second
    assert len(list(vdir.iterdir())) == 2  # replaced, never duplicated
