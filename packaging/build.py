"""Build the one-folder app:  python packaging/build.py [--smoke]

1. renders the icons from resources/icons/colearn.svg (packaging/make_icons.py),
2. runs PyInstaller with packaging/colearn.spec into dist/colearn/,
3. with --smoke, runs the frozen app headless: --version, demo-data, check and --self-test.

Needs the project installed with its packaging extra:  pip install -e '.[packaging]'
The same command builds on Windows (dist/colearn/ with colearnw.exe, no console window,
beside colearn.exe) and macOS (dist/CoLearn.app).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "colearn" / ("colearn.exe" if os.name == "nt" else "colearn")


def build() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    from make_icons import make_icons

    make_icons(ROOT / "build" / "icons")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            "--distpath",
            str(DIST),
            str(ROOT / "packaging" / "colearn.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def smoke() -> None:
    """Run the frozen app as a user would, headless; any failure stops the build."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as scratch:
        data = str(Path(scratch) / "journal")
        steps = [
            [str(APP), "--version"],
            [str(APP), "--data-dir", data, "demo-data", "--contacts", "50"],
            [str(APP), "--data-dir", data, "check"],
            [str(APP), "--self-test"],
        ]
        for step in steps:
            print("$", " ".join(step[1:]), flush=True)
            result = subprocess.run(step, env=env, capture_output=True, text=True, check=False)
            print(result.stdout.strip())
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                raise SystemExit(f"smoke test failed: {' '.join(step[1:])}")
    print(f"frozen app OK: {APP}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="smoke-test the built app")
    parser.add_argument("--smoke-only", action="store_true", help="test an existing build")
    args = parser.parse_args()
    if not args.smoke_only:
        build()
    if args.smoke or args.smoke_only:
        smoke()
    return 0


if __name__ == "__main__":
    sys.exit(main())
