"""The wheel that ``pip install .`` builds carries every module and every resource.

A hand-kept package list in pyproject.toml once left ``core/referrals`` out of the wheel: the
installed app's Referrals screen did nothing and saving a "referred by" failed, while every test
passed against the editable install.  This builds the real wheel and compares its file list with
the source tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "colearn_desktop"
RESOURCES = ROOT / "resources"
# What a build needs from the repository (no .venv, build/ or caches to copy or trip over).
BUILD_INPUTS = (
    "pyproject.toml",
    "setup.py",
    "README.md",
    "LICENSE",
    "colearn_desktop",
    "resources",
)

needs_source_tree = pytest.mark.skipif(
    not PACKAGE.is_dir(), reason="needs the source tree (CI also runs the tests on the wheel)"
)


def _source_files(folder: Path, pattern: str) -> set[Path]:
    return {
        path.relative_to(folder)
        for path in folder.rglob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def expected_wheel_files() -> set[str]:
    """Every file of the source tree that the installed app needs, as named in the wheel."""
    modules = {f"colearn_desktop/{p.as_posix()}" for p in _source_files(PACKAGE, "*.py")}
    resources = {f"colearn_desktop/resources/{p.as_posix()}" for p in _source_files(RESOURCES, "*")}
    return modules | resources | {"colearn_desktop/core/storage/migrations/script.py.mako"}


@needs_source_tree
def test_every_folder_of_python_modules_is_a_package():
    """setup.py finds packages by their __init__.py: a folder without one would be left out."""
    folders = {path.parent for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").is_file()) == []


@pytest.mark.slow
@needs_source_tree
def test_the_wheel_holds_every_module_and_resource(tmp_path: Path):
    source = tmp_path / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if not (ROOT / name).exists():
            continue
        if (ROOT / name).is_dir():
            caches = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / name, source / name, ignore=caches)
        else:
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("colearn_desktop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if not name.endswith("/")}
    assert sorted(expected_wheel_files() - shipped) == []


def test_a_hung_test_fails_after_a_timeout(pytestconfig: pytest.Config):
    """pytest-timeout is installed with the test extra and set up for every test."""
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert float(pytestconfig.getini("timeout")) >= 60
    assert pytestconfig.getini("timeout_method") == "thread"
