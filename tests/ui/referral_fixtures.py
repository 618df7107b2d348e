"""Shared setup for the referral screen tests: a journal with one happy client."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.core.referrals.helpers import client

MY_DETAILS = {
    "my_name": "Sam Okafor",
    "my_offer": "calm websites for small shops",
    "my_signature": "Sam Okafor\nWeb design",
}


@pytest.fixture(name="happy")
def happy_fixture(journal):
    """Ana: a client with a recent project and praise, ready to ask; my details are set."""
    journal.settings.update(**MY_DETAILS)
    return client(
        journal,
        "Ana",
        what="Brand identity",
        praise="You made our whole team feel heard & understood.",
    )


@pytest.fixture(name="no_unexpected_questions", autouse=True)
def no_unexpected_questions_fixture(monkeypatch):
    """A question box nobody expected fails the test instead of waiting for a click."""

    def exec_(box: QMessageBox) -> int:
        raise AssertionError(f"unexpected question: {box.text()}")

    monkeypatch.setattr(QMessageBox, "exec", exec_)


@pytest.fixture(name="answer")
def answer_fixture(monkeypatch):
    """Answer every question box with the given button; records the questions asked."""
    asked: list[str] = []

    def use(button: QMessageBox.StandardButton) -> list[str]:
        def exec_(box: QMessageBox) -> int:
            asked.append(box.text())
            assert box.textFormat() == Qt.TextFormat.PlainText
            return button.value

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        return asked

    return use
