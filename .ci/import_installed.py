"""CI: import every module of the source tree from the installed (not editable) app.

Run as ``python -I .ci/import_installed.py <source tree>`` from a folder outside the clone, with
the interpreter of a virtual environment where the wheel was installed: ``-I`` keeps the
script's folder and PYTHONPATH off ``sys.path``, so every import must come from
site-packages.  A module missing from the wheel (as core/referrals once was) fails here, with
its name, even when the tests that use it passed against the editable install.
"""

from __future__ import annotations

import importlib
import sys
import sysconfig
from pathlib import Path


def module_names(source: Path) -> list[str]:
    from colearn_desktop.ui.self_check.self_test import NOT_IMPORTABLE

    names = []
    for path in sorted((source / "colearn_desktop").rglob("*.py")):
        parts = path.relative_to(source).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if "__pycache__" not in parts and name not in NOT_IMPORTABLE:
            names.append(name)
    return names


def main(source: Path) -> int:
    site_packages = Path(sysconfig.get_paths()["purelib"]).resolve()
    problems = []
    names = module_names(source)
    for name in names:
        try:
            module = importlib.import_module(name)
        except Exception as error:
            problems.append(f"{name} cannot be imported: {error}")
            continue
        where = Path(module.__file__ or "").resolve()
        if not where.is_relative_to(site_packages):
            problems.append(f"{name} was imported from {where}, not from {site_packages}")
    for problem in problems:
        print(f"import_installed: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"import_installed: all {len(names)} modules of the source tree import from the wheel")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
