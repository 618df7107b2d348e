from __future__ import annotations

import pytest

from colearn_desktop.core.demo import generate_demo
from colearn_desktop.ui.i18n import install_translators


@pytest.fixture(scope="session", autouse=True)
def _translations(qapp):
    """The app's translators, as ``colearn`` installs them (English plural forms)."""
    return install_translators(qapp)


@pytest.fixture
def demo_journal(journal):
    generate_demo(journal, contacts=40, conversations_per_contact=3, seed=3)
    return journal
