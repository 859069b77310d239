"""Renders resources/icons/lawdesk.svg to the PNG the Linux desktop entry uses and the .ico
the Windows executables and installer use. Run after changing the SVG:
    .venv/bin/python installers/make_icons.py"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "lawdesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = ROOT / "resources" / "icons" / "lawdesk-256.png"
    image.save(str(png), "PNG")
    Image.open(png).save(ROOT / "installers" / "windows" / "lawdesk.ico",
                         sizes=[(s, s) for s in ICO_SIZES])
    print(png, ROOT / "installers" / "windows" / "lawdesk.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
