"""The shape of long work: a plain function taking a progress callback and a cancel token.

The CLI drives it with a terminal progress bar, the desktop through its job runner; the
work itself knows neither.
"""
from __future__ import annotations

import threading
from typing import Protocol


class Cancelled(Exception):
    """Raised inside long work when its token was cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

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
