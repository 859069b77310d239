"""What `lawdesk self-check` asks of Qt, answered in a child process (lawdesk.self_check):
a QApplication starts on the platform plugin the window would use, the modules the window
loads later (PDF preview, charts) import, the image formats it reads are there, and a font
draws Chinese. Prints one JSON line; a plugin that cannot load aborts this process, which
is why it is a child of its own."""
from __future__ import annotations

import importlib
import json
import sys

# A drawn window has text (anti-aliased: dozens of shades) on a background; a blank one
# is one colour or two. Generous thresholds: they only tell "something" from "nothing".
MIN_COLOURS, MIN_BRIGHTNESS_SD = 16, 8.0
# The Qt modules the window imports beyond the basics (PDF preview, charts, printing).
MODULES = ("PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtCharts",
           "PySide6.QtPrintSupport")


def probe() -> dict:
    import PySide6
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from desktop.fonts import choose_ui_font
    app = QApplication.instance() or QApplication(sys.argv[:1])
    modules = {}
    for name in MODULES:
        try:
            importlib.import_module(name)
            modules[name.split(".")[-1]] = True
        except ImportError:
            modules[name.split(".")[-1]] = False
    formats = sorted(bytes(f.data()).decode("ascii", "replace")
                     for f in QImageReader.supportedImageFormats())
    return {"qt": PySide6.__version__, "platform": app.platformName(), "modules": modules,
            "image_formats": [f for f in formats if f in ("jpeg", "png", "svg", "gif")],
            "ui_font": choose_ui_font(app)}


def main(picture: str | None = None) -> int:
    answer = picture_stats(picture) if picture else probe()
    print(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()
    return 0


def picture_stats(path: str) -> dict:
    """Whether a screenshot shows anything: its size, how many colours it holds and how
    much its brightness varies (a blank or single-colour window has almost none). Read with
    this program's own Qt, so a check of an installed copy needs nothing else."""
    import os
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a file: no display needed
    from PySide6.QtGui import QGuiApplication, QImage
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    image = QImage(path)
    if image.isNull():
        return {"path": path, "readable": False, "blank": True}
    step = max(1, (image.width() * image.height()) // 250_000)  # a quarter million samples
    colours: set[int] = set()
    total = squares = count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            grey = ((rgb >> 16) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000
            total += grey
            squares += grey * grey
            count += 1
    mean = total / count
    deviation = max(0.0, squares / count - mean * mean) ** 0.5
    return {"path": path, "readable": True, "width": image.width(),
            "height": image.height(), "colours": len(colours),
            "brightness_sd": round(deviation, 1),
            "blank": len(colours) < MIN_COLOURS or deviation < MIN_BRIGHTNESS_SD}
