"""Regenerate the English plural forms and compile every translation.

Source strings are written with a "(s)" plural marker ("%n day(s) ago") and Qt picks the right
form at run time from a compiled translation.  English needs one too, so that "1 day ago" and
"12 days ago" read right.  This script:

1. runs ``pyside6-lupdate`` over the package into ``resources/i18n/colearn_en.ts`` (plural
   messages only: English needs no other translation),
2. keeps the plural messages the previous file had that this lupdate did not find (lupdate
   versions differ in which call forms they recognise: 6.11 misses
   ``QCoreApplication.translate(context, text, None, n)``, which an earlier one found), so
   regenerating never loses a plural that the code still uses,
3. fills each English plural: the singular drops "(s)", the plural turns it into "s",
4. adds the plurals of the due rules, which lupdate cannot see: the rules declare their words
   in the core, which never imports Qt, and the window translates them generically in the
   context "DueText" (every string with "%n" and a word in ``colearn_desktop/core/due/``),
5. runs ``pyside6-lrelease`` on every ``resources/i18n/*.ts``.

Run it after adding or changing a plural string:  python packaging/update_translations.py
A test fails while the committed files are out of date.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
ENGLISH = I18N / "colearn_en.ts"
DUE_RULES = ROOT / "colearn_desktop" / "core" / "due"
# The context ui/due_text.py translates the due rules' words in.
DUE_CONTEXT = "DueText"


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or shutil.which(
        f"pyside6-{name}", path=str(Path(sys.executable).parent)
    )
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def english_forms(source: str) -> tuple[str, str]:
    return source.replace("(s)", ""), source.replace("(s)", "s")


def numerus_messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """The plural messages of a .ts file, by (context, source)."""
    if not ts_file.exists():
        return {}
    found = {}
    for context in ET.parse(ts_file).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                found[(name, message.findtext("source") or "")] = message
    return found


def rule_plurals(folder: Path = DUE_RULES) -> set[tuple[str, str]]:
    """(context, source) of every plural template the due rules declare: each string
    literal with "%n" and a word in their modules."""
    found = set()
    for module in sorted(folder.rglob("*.py")):
        for source in re.findall(r'"([^"\n]*%n[^"\n]*)"', module.read_text(encoding="utf-8")):
            if re.search(r"[a-z]{2}", source):
                found.add((DUE_CONTEXT, source))
    return found


def plural_message(source: str) -> ET.Element:
    message = ET.Element("message", numerus="yes")
    ET.SubElement(message, "source").text = source
    ET.SubElement(message, "translation")
    return message


def keep_missed(ts_file: Path, previous: dict[tuple[str, str], ET.Element]) -> int:
    """Add back the plural messages of ``previous`` that lupdate did not write."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    present = set(numerus_messages(ts_file))
    kept = 0
    for (name, source), message in sorted(previous.items()):
        if (name, source) in present:
            continue
        context = contexts.get(name)
        if context is None:
            context = contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        context.append(message)
        kept += 1
    ordered = sorted(root.findall("context"), key=lambda c: c.findtext("name") or "")
    for context in ordered:
        root.remove(context)
    root.extend(ordered)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return kept


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
    previous = numerus_messages(ENGLISH)
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
    rules = {key: plural_message(key[1]) for key in rule_plurals()}
    keep_missed(ENGLISH, {**rules, **previous})
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
