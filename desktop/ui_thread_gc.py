"""The garbage collector runs on the UI thread only, once the window's job runner exists.

CPython collects on whichever thread happens to allocate past a threshold. A collection that
frees the Python wrapper of a Qt object destroys that Qt object on the collecting thread.
On a job runner's worker this deadlocked a test run: the worker, inside ``~QObject``,
held Qt's lock on the object's connections and waited for the interpreter lock, while the
UI thread held the interpreter lock and waited for that Qt lock to connect a signal (gdb
showed both threads). So automatic collection is switched off, and a timer on the UI
thread collects what the interpreter's own thresholds ask for, a few times a second: the
same collections, on the one thread that may destroy widgets.
"""
from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 200   # garbage made meanwhile waits at most this long


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self.users = 0   # job runners alive (see install and release)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is passed, as the interpreter would
        have; how many objects were found unreachable (0 when none was due)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


_collector: UiThreadCollector | None = None


def install() -> UiThreadCollector | None:
    """Collect on the UI thread from now on, until every job runner that installed it has
    released it; call on the UI thread, with the application made. None when there is no
    application to run the timer (nor, then, a window's worker to fear)."""
    global _collector
    app = QCoreApplication.instance()
    # The application's thread is the main one (desktop.app makes it there).
    if app is None or threading.current_thread() is not threading.main_thread():
        return None
    if _collector is None:
        _collector = UiThreadCollector(app)
    if _collector.users == 0:
        _collector.start()
    _collector.users += 1
    return _collector


def release() -> None:
    """A job runner is done (its workers finished): once none is left, the interpreter
    collects on its own again (tests run many windows, and much else, in one process)."""
    if _collector is not None and _collector.users > 0:
        _collector.users -= 1
        if _collector.users == 0:
            _collector.stop()
