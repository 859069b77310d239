"""The live camera picture: frames come from the grabber's thread as QImages built there,
through a one-slot mailbox, so the screen shows the newest frame and at most one waits.

The grabber (capture.preview.FrameGrabber) calls ``PreviewFeed._grabbed`` on its own thread
for each frame: that turns the downscaled RGB frame into a QImage (a copy, so it owns its
pixels), replaces what waits in the feed's mailbox and posts one "frame ready" to the UI
thread unless one is already on its way. The UI thread only paints."""
from __future__ import annotations

import threading
import time
from collections import deque

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from capture.camera import Camera
from capture.preview import Frame, FrameGrabber, Mailbox

LATENCY_SAMPLES = 600


class PreviewFeed(QObject):
    """Starts a grabber on ``camera`` and hands its frames to the UI thread."""

    frame_ready = Signal()
    failed = Signal(object)          # the exception that ended the grabber

    def __init__(self, camera: Camera, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.ready: Mailbox[tuple[QImage, Frame]] = Mailbox()
        self._pending = threading.Event()
        self.grabber = FrameGrabber(camera, on_display=self._grabbed, on_error=self.failed.emit)

    def start(self) -> None:
        self.grabber.start()

    def _grabbed(self) -> None:            # the grabber's thread
        frame = self.grabber.display.take(timeout=0)
        if frame is None:
            return
        height, width = frame.image.shape[:2]
        image = QImage(frame.image.data, width, height, frame.image.strides[0],
                       QImage.Format.Format_RGB888).copy()
        self.ready.put((image, frame))
        if not self._pending.is_set():
            self._pending.set()
            self.frame_ready.emit()

    def take(self) -> tuple[QImage, Frame] | None:   # the UI thread
        self._pending.clear()
        return self.ready.take(timeout=0)

    def detach(self) -> "tuple[FrameGrabber, Camera]":
        """Stop handing frames to Qt (nothing of this object is touched by the grabber
        after this) and give the grabber and camera to whoever stops them."""
        self.grabber.on_display = self.grabber.on_error = None
        return self.grabber, self.camera


def stop_camera(grabber: FrameGrabber, camera: Camera) -> None:
    """Stop reading and close the device: waits for the frame being read (a slow document
    camera takes a good part of a second), so run it off the UI thread."""
    grabber.stop()
    camera.release()


class PreviewWidget(QWidget):
    """Paints the newest frame, scaled to fit. Space (a foot pedal types one) asks for a
    still while the picture has the focus."""

    still_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.setPalette(palette)
        self.image: QImage | None = None
        self.placeholder = ""
        self.frames_shown = 0
        self._grabbed_at: float | None = None
        self.latencies_ms: deque[float] = deque(maxlen=LATENCY_SAMPLES)
        self._feed: PreviewFeed | None = None

    def attach(self, feed: PreviewFeed | None) -> None:
        if self._feed is not None:
            self._feed.frame_ready.disconnect(self._show_newest)
        self._feed = feed
        if feed is not None:
            feed.frame_ready.connect(self._show_newest)
            self._fit_feed()
        else:
            self.image = None
            self.update()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._fit_feed()

    def _fit_feed(self) -> None:
        """Frames come already scaled to the widget (on the grabber's thread): painting is
        then a plain copy, never a scaling on the UI thread."""
        if self._feed is not None:
            ratio = self.devicePixelRatioF()
            self._feed.grabber.display_size = (max(1, round(self.width() * ratio)),
                                               max(1, round(self.height() * ratio)))

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.update()

    def _show_newest(self) -> None:
        if self._feed is None:
            return
        item = self._feed.take()
        if item is None:
            return
        self.image, frame = item
        self._grabbed_at = frame.grabbed_at
        self.repaint()          # paint now: the latency measured is grab → on screen

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        painter = QPainter(self)
        if self.image is None:
            painter.setPen(Qt.GlobalColor.lightGray)
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
        else:
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - size.width()) / 2
            y = (self.height() - size.height()) / 2
            if size == self.image.size():
                painter.drawImage(round(x), round(y), self.image)   # the usual case
            else:    # the widget was resized since the frame was made
                painter.drawImage(QRectF(x, y, size.width(), size.height()), self.image)
            if self._grabbed_at is not None:
                self.latencies_ms.append((time.monotonic() - self._grabbed_at) * 1000)
                self._grabbed_at = None
                self.frames_shown += 1
        if self.hasFocus():
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.still_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
