"""Regenerate the English plural forms and compile every translation.

Source strings are written with a "(s)" plural marker ("%n day(s) ago") and Qt picks the right
form at run time from a compiled translation.  English needs one too, so that "1 day ago" and
"12 days ago" read right.  This script:

1. runs ``pyside6-lupdate`` over the package into ``resources/i18n/colearn_en.ts`` (plural
   messages only: English needs no other translation),
2. fills each English plural: the singular drops "(s)", the plural turns it into "s",
3. runs ``pyside6-lrelease`` on every ``resources/i18n/*.ts``.

Run it after adding or changing a plural string:  python packaging/update_translations.py
A test fails while the committed files are out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
ENGLISH = I18N / "colearn_en.ts"


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(
        f"pyside6-{name}", path=str(Path(sys.executable).parent)
    )
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def english_forms(source: str) -> tuple[str, str]:
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill_english(ts_file: Path) -> int:
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        for form in english_forms(source):
            ET.SubElement(translation, "numerusform").text = form
        filled += 1
    ET.indent(tree, space="    ")
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("lupdate"),
            "-pluralonly",
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
            "-extensions",
            "py",
            str(ROOT / "colearn_desktop"),
            "-ts",
            str(ENGLISH),
        ],
        check=True,
    )
    count = fill_english(ENGLISH)
    for ts_file in sorted(I18N.glob("*.ts")):
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
            check=True,
        )
    print(f"{count} English plural forms written; translations compiled in {I18N}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
