"""Making sure Chinese renders as Chinese, not as boxes."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

PREFERRED = (
    "Microsoft YaHei", "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimSun",
)
SAMPLE = "行政执法记录"


def covers_chinese(font: QFont) -> bool:
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in SAMPLE)


def choose_ui_font(app: QApplication) -> str | None:
    """Set the application font to an installed CJK family; None when there is none."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for name in PREFERRED:
        if name in families:
            break
    else:
        name = next((f for f in families if covers_chinese(QFont(f))), None)
    if name is None:
        return None
    font = QFont(app.font())
    font.setFamilies([name])
    app.setFont(font)
    return name
