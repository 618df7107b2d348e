"""Job 2, in the morning: "Show me who to reach out to today ... I act on each: log a touch,
snooze it, or mark it done."  Keys only, read from the screen."""

from __future__ import annotations

from colearn_desktop.ui.today.quick_log import QuickLogDialog
from tests.acceptance.dialogs import in_dialog
from tests.acceptance.keys import press, type_text
from tests.acceptance.people import drifting_clients
from tests.acceptance.screen import render, visible_text


def names_due(window) -> str:
    """What the Today screen shows (its list only while it is visible)."""
    return visible_text(window.today_page)


def test_the_morning_list_log_snooze_done(qtbot, start_app, screenshots):
    window = start_app(drifting_clients)
    qtbot.waitUntil(lambda: "Freja Dahl" in names_due(window))
    render(window, screenshots, "today-start")
    assert "Today" in visible_text(window)
    for name in ("Freja Dahl", "Sam Okafor", "Ana García"):
        assert name in names_due(window)

    # L on the first (most overdue) item: the quick log opens for Freja, typing goes to Notes.
    def log_touch(dialog: QuickLogDialog) -> None:
        assert "Freja Dahl" in visible_text(dialog)
        type_text(qtbot, "Sent her the new logo drafts.")
        render(dialog, screenshots, "today-quick-log")
        press(qtbot, "Ctrl+Return")

    in_dialog(qtbot, "L", QuickLogDialog, log_touch)
    qtbot.waitUntil(lambda: "Freja Dahl" not in names_due(window))
    assert "Sam Okafor" in names_due(window)

    # T snoozes the next one (Sam) to tomorrow: off Today, listed in the next 7 days.
    press(qtbot, "T")
    qtbot.waitUntil(lambda: "Sam Okafor" not in names_due(window))
    render(window, screenshots, "today-after-snooze")

    # D marks Ana's touch done: nothing is left for today.
    press(qtbot, "D")
    qtbot.waitUntil(lambda: "Ana García" not in names_due(window))
    render(window, screenshots, "today-all-done")
    assert "Nothing is due today." in names_due(window)

    # Alt+7 shows the coming week, where Sam is waiting for tomorrow.
    press(qtbot, "Alt+7")
    qtbot.waitUntil(lambda: "Sam Okafor" in visible_text(window))
    render(window, screenshots, "today-next-7-days")
