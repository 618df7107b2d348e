"""Job 5, favours: "I owe Sam an intro; Ana wrote me a testimonial. I mark them done, partly
done or forgiven and see the balance with each person."  Keys only, read from the screen."""

from __future__ import annotations

from colearn_desktop.ui.contacts.editing.favour_dialogs import FavourDialog, SettleDialog
from tests.acceptance.contacts_keys import open_contact
from tests.acceptance.dialogs import in_dialog
from tests.acceptance.keys import press, tab_to, type_text
from tests.acceptance.people import sam_and_ana
from tests.acceptance.screen import render, view_rows, visible_text


def favour_rows(window) -> str:
    return "\n".join(view_rows(window.contact_page.favours.table))


def balance(window) -> str:
    return window.contact_page.favours.balance.text()


def new_favour(qtbot, window, screenshots, direction: str, kind: str, what: str, amount=""):
    """Ctrl+Shift+F on the open contact: the New favour dialog, filled from the keyboard
    (a list's entry is chosen by typing its first letters)."""

    def fill(dialog: FavourDialog) -> None:
        type_text(qtbot, direction)  # the cursor starts on Direction
        press(qtbot, "Alt+K")
        type_text(qtbot, kind)
        press(qtbot, "Alt+W")
        type_text(qtbot, what)
        if amount:
            press(qtbot, "Alt+A")
            type_text(qtbot, amount)
        shown = visible_text(dialog)
        render(dialog, screenshots, f"new-favour-{kind}")
        press(qtbot, "Return")
        return shown

    return in_dialog(qtbot, "Ctrl+Shift+F", FavourDialog, fill, title="New favour")


def give_back(qtbot, screenshots, name: str, *, fully: bool, amount: str = "") -> None:
    def fill(dialog: SettleDialog) -> None:
        if fully:
            press(qtbot, "Alt+F")
            qtbot.waitUntil(dialog.fully.isChecked)  # (a mnemonic ticks after its animation)
        if amount:
            press(qtbot, "Alt+A")
            type_text(qtbot, amount)
        render(dialog, screenshots, f"give-back-{name}")
        press(qtbot, "Alt+N")
        type_text(qtbot, "Thanks!")
        press(qtbot, "Return")

    in_dialog(qtbot, "Alt+G", SettleDialog, fill)


def select_favour(qtbot, window, what: str) -> None:
    """Into the favours list (the Favours tab, then Tab), then Down/Up to ``what``."""
    press(qtbot, "Alt+S")
    table = window.contact_page.favours.table
    tab_to(qtbot, table)
    for _ in range(table.model().rowCount()):
        if what in str(table.currentIndex().siblingAtColumn(2).data()):
            break
        press(qtbot, "Down")
    assert what in str(table.currentIndex().siblingAtColumn(2).data())


def test_favours_both_ways_and_the_balance(qtbot, start_app, screenshots):
    window = start_app(sam_and_ana)

    # I owe Sam an intro.
    open_contact(qtbot, window, "Sam")
    new_favour(qtbot, window, screenshots, "I", "I", "Intro to a printer in Oslo")
    press(qtbot, "Alt+S")  # the Favours tab
    qtbot.waitUntil(lambda: "Intro to a printer in Oslo" in favour_rows(window))
    assert "I owe them | Intro | Intro to a printer in Oslo" in favour_rows(window)
    assert balance(window) == "Open favours: I owe 1"
    render(window, screenshots, "favours-sam-open")
    # Done: given back fully.
    select_favour(qtbot, window, "Intro to a printer in Oslo")
    give_back(qtbot, screenshots, "sam", fully=True)
    qtbot.waitUntil(lambda: "| Done |" in favour_rows(window))
    assert balance(window) == "Nothing open either way."

    # Ana wrote me a testimonial (so I owe her one back), and I lent her 200 EUR.
    open_contact(qtbot, window, "Ana")
    new_favour(qtbot, window, screenshots, "I", "T", "A testimonial for my site")
    new_favour(qtbot, window, screenshots, "T", "L", "Loan for the fair stand", "200")
    press(qtbot, "Alt+S")
    qtbot.waitUntil(lambda: "Loan for the fair stand" in favour_rows(window))
    assert balance(window) == "Open favours: I owe 1 · they owe 1 · they owe 200.00 EUR"
    # She pays 50 back: partly done, 150 left.
    select_favour(qtbot, window, "Loan for the fair stand")
    give_back(qtbot, screenshots, "ana-loan", fully=False, amount="50")
    qtbot.waitUntil(lambda: "Partly done" in favour_rows(window))
    assert "150.00 EUR | Partly done" in favour_rows(window)
    assert balance(window) == "Open favours: I owe 1 · they owe 1 · they owe 150.00 EUR"
    # She says the testimonial was a gift: forgiven.
    select_favour(qtbot, window, "A testimonial for my site")
    press(qtbot, "Alt+O")
    qtbot.waitUntil(lambda: "Forgiven" in favour_rows(window))
    assert balance(window) == "Open favours: they owe 1 · they owe 150.00 EUR"
    render(window, screenshots, "favours-ana")
