"""Every plural string in the code has its English forms compiled (run
``python packaging/update_translations.py`` when this fails)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]


def numerus_sources(ts_file: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts_file)
    found = set()
    for context in tree.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                found.add((name, message.findtext("source")))
    return found


def test_committed_english_plurals_match_the_code(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            str(lupdate),
            "-pluralonly",
            "-silent",
            "-locations",
            "none",
            "-extensions",
            "py",
            str(ROOT / "colearn_desktop"),
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    committed = ROOT / "resources" / "i18n" / "colearn_en.ts"
    # Every plural string the code has must have its English forms.  (Extra entries are
    # harmless, and lupdate versions differ in which call forms they recognise.)
    missing = numerus_sources(fresh) - numerus_sources(committed)
    assert missing == set(), "run: python packaging/update_translations.py"
    assert committed.with_suffix(".qm").stat().st_mtime >= 0


def test_english_plural_forms_are_loaded(qapp):
    assert QCoreApplication.translate("Format", "%n day(s) ago", None, 1) == "1 day ago"
    assert QCoreApplication.translate("Format", "%n day(s) ago", None, 12) == "12 days ago"


def test_the_due_rules_plurals_have_english_forms(qapp):
    """The rules declare their words in the core, where lupdate does not look for them."""
    import runpy

    script = runpy.run_path(str(ROOT / "packaging" / "update_translations.py"))
    declared = script["rule_plurals"]()
    assert ("DueText", "%n day(s) ago") in declared
    assert declared - numerus_sources(ROOT / "resources" / "i18n" / "colearn_en.ts") == set()
    for _context, source in declared:
        assert "(s)" not in QCoreApplication.translate("DueText", source, None, 2), source
