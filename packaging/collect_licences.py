"""Write resources/licences/third_party.json: every library the app ships, with its licence.

It walks the runtime requirements of colearn-desktop in the current environment (not the test
or packaging extras), so the About dialog lists exactly what a frozen app bundles.  Run it
after changing dependencies:  python packaging/collect_licences.py  (a test fails until then).
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "licences" / "third_party.json"
ROOT_DIST = "colearn-desktop"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    text = (meta.get("License") or "").strip()
    if classifiers:
        return " / ".join(classifiers)
    return text.splitlines()[0] if text else "see project"


def runtime_closure(root: str = ROOT_DIST) -> list[metadata.Distribution]:
    seen: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _key(dist.metadata["Name"])
        if key in seen:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            marker_free = requirement.split(";")[0]
            if ";" in requirement and "platform_system" in requirement:
                continue
            pending.append(re.split(r"[ <>=!~\[(]", marker_free.strip(), maxsplit=1)[0])
    seen.pop(_key(root), None)
    return sorted(seen.values(), key=lambda d: _key(d.metadata["Name"]))


def entries() -> list[dict[str, str]]:
    rows = [
        {
            "name": "Python",
            "version": sys.version.split()[0],
            "licence": "PSF-2.0",
            "url": "https://www.python.org/",
        },
        {
            "name": "Qt",
            "version": _qt_version(),
            "licence": "LGPL-3.0-only",
            "url": "https://www.qt.io/",
        },
    ]
    for dist in runtime_closure():
        meta = dist.metadata
        url = meta.get("Home-page") or _project_url(meta.get_all("Project-URL") or [])
        rows.append(
            {"name": meta["Name"], "version": dist.version, "licence": _licence(dist), "url": url}
        )
    return rows


def _project_url(urls: list[str]) -> str:
    """The project's home or source page among its labelled links (not "Donate")."""
    labelled = [
        (label.strip().lower(), url.strip()) for label, _, url in (u.partition(",") for u in urls)
    ]
    for wanted in ("homepage", "home", "source", "source code", "repository", "documentation"):
        for label, url in labelled:
            if label == wanted:
                return url
    return labelled[0][1] if labelled else ""


def _qt_version() -> str:
    try:
        from PySide6.QtCore import qVersion

        return qVersion()
    except ImportError:
        return ""


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(entries(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
