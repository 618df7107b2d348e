"""The language list names the system's language, also on a system without one (LANG=C)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from colearn_desktop.ui.settings.general_settings import GeneralSettingsPage, system_language_name


def test_as_the_system_names_a_language(qtbot, ui_settings, tmp_path, monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("C")))
    page = GeneralSettingsPage(ui_settings, tmp_path)
    qtbot.addWidget(page)
    assert page.language.itemText(0) == "As the system (English)"
    assert page.language.itemData(0) == ""


def test_a_real_system_language_is_named_in_its_own_words():
    assert system_language_name(QLocale("de_DE")) == "Deutsch"
    assert system_language_name(QLocale("C")) == "English"
