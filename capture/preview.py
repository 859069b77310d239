"""The live preview's plumbing, without Qt: a thread that reads the camera and keeps only
the newest frame.

A display never shows an old picture: the grabber puts each frame, downscaled and turned to
RGB for the screen, into a one-slot mailbox that replaces what is there, so at most one
frame ever waits for the screen, however slow the screen is. The full-size frame of the
moment stays with the grabber for a still (``latest``), and each full-size frame goes to
the sinks (a clip recorder queues it for its own writer thread) without waiting.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

import cv2
import numpy as np

from capture.camera import Camera, background_priority

T = TypeVar("T")
DISPLAY_SIZE = (960, 540)


@dataclass(frozen=True)
class Frame:
    image: np.ndarray
    seq: int
    grabbed_at: float      # time.monotonic() when the camera gave it


class Mailbox(Generic[T]):
    """One slot: ``put`` replaces the waiting item (counted in ``replaced``), ``take`` gets
    it or waits up to ``timeout`` seconds for one (None: none came)."""

    def __init__(self) -> None:
        self._item: T | None = None
        self._full = False
        self._ready = threading.Condition()
        self.replaced = 0

    def put(self, item: T) -> None:
        with self._ready:
            if self._full:
                self.replaced += 1
            self._item, self._full = item, True
            self._ready.notify()

    def take(self, timeout: float | None = None) -> T | None:
        with self._ready:
            if not self._full and timeout != 0:
                self._ready.wait_for(lambda: self._full, timeout)
            if not self._full:
                return None
            item, self._item, self._full = self._item, None, False
            return item

    def __len__(self) -> int:
        return 1 if self._full else 0


def display_copy(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``frame`` (BGR) fitted inside ``size`` keeping its shape, as contiguous RGB."""
    height, width = frame.shape[:2]
    scale = min(size[0] / width, size[1] / height)
    if scale != 1.0:
        frame = cv2.resize(frame, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_LINEAR)   # fast; a preview needs no more
    return np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))


class FrameGrabber(threading.Thread):
    """Reads ``camera`` until stopped. A file source is paced at its frame rate (as a live
    device paces itself) unless ``pace`` is False. ``on_display`` is called on this thread
    after each new display frame; a camera that fails ends the thread with ``error`` set and
    ``on_error`` called."""

    def __init__(self, camera: Camera, *, display_size: tuple[int, int] = DISPLAY_SIZE,
                 pace: bool | None = None, on_display: Callable[[], None] | None = None,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        super().__init__(name="camera-grabber", daemon=True)
        self.camera = camera
        self.display_size = display_size
        self.pace = camera.is_file if pace is None else pace
        self.display: Mailbox[Frame] = Mailbox()
        self.frames = 0
        self.error: Exception | None = None
        # Called on this thread; may be set to None from another (detaching a display).
        self.on_display, self.on_error = on_display, on_error
        self._latest: Frame | None = None
        # Each is called with every full-size frame and when it was read (monotonic).
        self._sinks: list[Callable[[np.ndarray, float], None]] = []
        self._lock = threading.Lock()
        self._halt = threading.Event()

    def add_sink(self, sink: Callable[[np.ndarray, float], None]) -> None:
        with self._lock:
            self._sinks = [*self._sinks, sink]

    def remove_sink(self, sink: Callable[[np.ndarray, float], None]) -> None:
        with self._lock:
            self._sinks = [s for s in self._sinks if s != sink]

    def latest(self) -> Frame | None:
        """The newest full-size frame (never written to: safe to encode as it is)."""
        return self._latest

    def stop(self, timeout: float = 5.0) -> None:
        self._halt.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout)

    @property
    def stopped(self) -> bool:
        return self._halt.is_set()

    def run(self) -> None:
        background_priority()
        period = 1.0 / self.camera.fps
        due = time.monotonic()
        while not self._halt.is_set():
            try:
                image = self.camera.read()
            except Exception as exc:  # noqa: BLE001 - handed to the window as it is
                self.error = exc
                on_error = self.on_error
                if on_error is not None:
                    on_error(exc)
                return
            now = time.monotonic()
            self.frames += 1
            self._latest = Frame(image, self.frames, now)
            for sink in self._sinks:
                sink(image, now)
            # display_size may be changed from the UI thread (a resize): read it once.
            size = self.display_size
            self.display.put(Frame(display_copy(image, size), self.frames, now))
            on_display = self.on_display
            if on_display is not None:
                on_display()
            if self.pace:
                due += period
                wait = due - time.monotonic()
                if wait > 0:
                    self._halt.wait(wait)
                else:
                    due = time.monotonic()   # behind: do not race to catch up
