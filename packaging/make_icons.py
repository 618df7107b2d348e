"""Render the app icon in every size and format from its one source image.

resources/icons/colearn.svg is the only drawn icon.  This writes, under build/icons/:
  hicolor/<N>x<N>/apps/colearn.png  for N in 16..512 (Linux desktops)
  colearn.ico                        (Windows executable)
  colearn.icns                       (macOS bundle)
using Qt's own SVG renderer and image writers, so no other graphics tool is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "colearn.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def make_icons(target: Path) -> dict[str, Path]:
    from PySide6.QtGui import QGuiApplication, QImageWriter

    _app = QGuiApplication.instance() or QGuiApplication([])
    written: dict[str, Path] = {}
    for size in SIZES:
        path = target / "hicolor" / f"{size}x{size}" / "apps" / "colearn.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path)):
            raise SystemExit(f"could not write {path}")
    written["png"] = target / "hicolor" / "256x256" / "apps" / "colearn.png"
    for fmt in ("ico", "icns"):
        path = target / f"colearn.{fmt}"
        writer = QImageWriter(str(path), fmt.encode())
        if not writer.write(render(256)):
            raise SystemExit(f"could not write {path}: {writer.errorString()}")
        written[fmt] = path
    return written


if __name__ == "__main__":
    out = make_icons(ROOT / "build" / "icons")
    print("\n".join(f"{kind}: {path}" for kind, path in out.items()))
    sys.exit(0)
