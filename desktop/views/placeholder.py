"""An area whose capability is still to come: it says what will be there."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class AreaPlaceholder(QWidget):
    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("areaTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(description)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setObjectName("areaDescription")
        coming = QLabel(self.tr("This area is not available yet in this version."))
        coming.setObjectName("areaComing")
        coming.setStyleSheet("color: palette(mid);")
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(coming)
        layout.addStretch(1)
