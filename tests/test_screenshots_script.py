"""packaging/screenshots.py (the README's pictures) still runs and draws real screens."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[1] / "packaging" / "screenshots.py"


@pytest.fixture(scope="module")
def screenshots():
    spec = importlib.util.spec_from_file_location("colearn_screenshots", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def _colours(image: QImage, step: int = 4) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def _mean_lightness(image: QImage, step: int = 8) -> float:
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


def test_contacts_pictures_in_light_and_dark(qapp, tmp_path, screenshots):
    style, palette = qapp.style().name(), qapp.palette()

    code = screenshots.main(["--out", str(tmp_path), "--only", "contacts", "--contacts", "30"])

    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts-dark.png", "contacts.png"]
    light = QImage(str(tmp_path / "contacts.png"))
    dark = QImage(str(tmp_path / "contacts-dark.png"))
    for image in (light, dark):
        assert (image.width(), image.height()) == screenshots.SIZE
        assert len(_colours(image)) > 50  # text, a list and a page, not a blank window
    assert _mean_lightness(light) > 150
    assert _mean_lightness(dark) < 90
    # The application is left as it was found.
    assert qapp.style().name() == style
    assert qapp.palette() == palette


def test_a_dialog_picture_and_unknown_names(qapp, tmp_path, screenshots):
    written = screenshots.render(tmp_path, ["quick-log"], contacts=10)

    assert written == [tmp_path / "quick-log.png"]
    image = QImage(str(written[0]))
    assert 400 < image.width() < 1000
    assert 400 < image.height() < 1000
    assert len(_colours(image, 2)) > 20
    with pytest.raises(ValueError, match="unknown screenshot"):
        screenshots.render(tmp_path, ["nope"])
