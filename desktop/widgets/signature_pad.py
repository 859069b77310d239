"""A pad on which an officer signs with a pen tablet or the mouse.

The strokes are drawn into a white image at the pad's size; ``png_bytes()`` gives the image
that is kept with the custody record.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import (QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen,
                           QResizeEvent, QTabletEvent)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.palette import INK, RULE



class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._image = QImage(self.minimumSize(), QImage.Format.Format_RGB32)
        self._image.fill(Qt.GlobalColor.white)
        self._last: QPointF | None = None
        self._strokes = 0

    # ---------------------------------------------------------------- state
    def is_empty(self) -> bool:
        return self._strokes == 0

    def clear(self) -> None:
        self._image.fill(Qt.GlobalColor.white)
        self._strokes = 0
        self.update()
        self.changed.emit()

    def png_bytes(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # --------------------------------------------------------------- drawing
    def _draw_to(self, point: QPointF, width: float) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawLine(self._last or point, point)
        painter.end()
        self._last = point
        self.update()

    def _begin(self, point: QPointF) -> None:
        self._last = point
        self._strokes += 1

    def _end(self) -> None:
        self._last = None
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            self._draw_to(event.position(), 2.5)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._draw_to(event.position(), 2.5)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._last is not None:
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        # A pen gives pressure: a firmer stroke draws a wider line, like ink.
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        if kind in (QTabletEvent.Type.TabletPress, QTabletEvent.Type.TabletMove) \
                and self._last is not None:
            self._draw_to(event.position(), 1.0 + 3.5 * event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.setPen(QPen(RULE, 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 28
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Grow the canvas with the widget, keeping what was already signed.
        if event.size().width() > self._image.width() or \
                event.size().height() > self._image.height():
            bigger = QImage(event.size().expandedTo(self._image.size()),
                            QImage.Format.Format_RGB32)
            bigger.fill(Qt.GlobalColor.white)
            painter = QPainter(bigger)
            painter.drawImage(0, 0, self._image)
            painter.end()
            self._image = bigger
        super().resizeEvent(event)
