"""The shape of long work: a plain function taking a progress callback and a cancel token.

The CLI drives it with a terminal progress bar, the desktop through its job runner; the
work itself knows neither.
"""
from __future__ import annotations

import threading
from typing import Callable, Protocol


class Cancelled(Exception):
    """Raised inside long work when its token was cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def when_cancelled(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once, on cancelling (at once if that already happened): for
        work that must pass the cancel on, e.g. to another process. It runs on the thread
        that cancels, so it must be quick and must not raise."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Progress(Protocol):
    def __call__(self, done: int, total: int, note: str = "") -> None: ...


def no_progress(done: int, total: int, note: str = "") -> None:
    """A progress sink for callers that do not show progress."""
