"""One way to run long work off the UI thread.

A job is a plain function ``fn(progress, cancel)`` (see core.jobs). It runs in a
QThreadPool; progress, the result or the exception come back to the UI thread as queued
signals, so the function never touches a widget. Writes get their own single-thread pool
so two saves never race for SQLite's write lock.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.jobs import CancelToken, Cancelled
from desktop import ui_thread_gc


class _Signals(QObject):
    # object, not int: byte counts pass 2**31 (Qt's int) on any card over 2 GiB.
    progress = Signal(object, object, str)
    started = Signal()  # left the queue: a pool thread runs it now
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()


# Recorders offloading at once; more wait their turn. Each is a process reading one device
# and writing the store's disk, which four already keep busy.
OFFLOADS_AT_ONCE = 4
# The pool threads keep the window's priority: they run Python, and a lowered thread holding
# the interpreter lock makes the window's thread wait for it (measured: core.priority).
# Work that should yield the CPU lowers itself where it runs apart: an offload's process
# (lawdesk.offload_process), the camera's decoding threads (capture.camera).


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, token: CancelToken) -> None:
        super().__init__()
        self.fn, self.signals, self.token = fn, signals, token
        self.setAutoDelete(True)

    def run(self) -> None:
        if self.token.cancelled:
            # Cancelled while it waited for a free thread: it never starts (a queued offload
            # would otherwise start a process, only for it to end at once).
            self.signals.cancelled.emit()
            self.signals.finished.emit()
            return
        self.signals.started.emit()
        try:
            result = self.fn(self._progress, self.token)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # noqa: BLE001 - handed to the UI thread, never lost
            error.formatted_traceback = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        self.signals.finished.emit()

    def _progress(self, done: int, total: int, note: str = "") -> None:
        self.signals.progress.emit(done, total, note)


@dataclass(eq=False)  # jobs are kept in a set by identity
class Job:
    signals: _Signals
    token: CancelToken

    def cancel(self) -> None:
        self.token.cancel()


class JobRunner(QObject):
    """Owns the pools; the application makes one and hands it to every view."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read_pool = QThreadPool(self)
        self.read_pool.setMaxThreadCount(2)
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        # Sync with HQ has its own lane: a long upload must never hold up a save or an
        # offload queued behind it in the write lane.
        self.sync_pool = QThreadPool(self)
        self.sync_pool.setMaxThreadCount(1)
        # Offloads too: each runs for minutes (in a process of its own, its thread here only
        # waiting on a pipe), and recorders plugged in together offload side by side while
        # the library still refreshes and a newly plugged device is still recognised.
        self.offload_pool = QThreadPool(self)
        self.offload_pool.setMaxThreadCount(OFFLOADS_AT_ONCE)
        self._lanes = {"read": self.read_pool, "write": self.write_pool,
                       "sync": self.sync_pool, "offload": self.offload_pool}
        self._running: set[Job] = set()
        self.closed = False
        # From now on Python objects are freed on workers too: collect on the UI thread.
        self._collecting = ui_thread_gc.install() is not None

    def submit(self, fn: Callable[..., Any], *, on_success: Callable[[Any], None] | None = None,
               on_error: Callable[[Exception], None] | None = None,
               on_progress: Callable[[int, int, str], None] | None = None,
               on_cancelled: Callable[[], None] | None = None,
               on_started: Callable[[], None] | None = None,
               writes: bool = False, lane: str | None = None) -> Job:
        """Run ``fn(progress, cancel)`` off the UI thread. ``lane``: "read" (two at a time),
        "write" (one at a time; also ``writes=True``), "sync" (its own single thread) or
        "offload" (OFFLOADS_AT_ONCE at a time)."""
        signals = _Signals()
        job = Job(signals, CancelToken())
        if self.closed:
            # Shut down (the window closing): nothing new starts against a database that
            # is about to close. A timer that fires late is the usual caller.
            job.cancel()
            return job
        if on_success:
            signals.succeeded.connect(on_success)
        if on_error:
            signals.failed.connect(on_error)
        if on_progress:
            signals.progress.connect(on_progress)
        if on_cancelled:
            signals.cancelled.connect(on_cancelled)
        if on_started:
            signals.started.connect(on_started)
        self._running.add(job)
        signals.finished.connect(lambda: self._running.discard(job))
        lane = lane or ("write" if writes else "read")
        self._lanes[lane].start(_Runnable(fn, signals, job.token))
        return job

    @property
    def active(self) -> int:
        return len(self._running)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel what runs and wait for it, so the database closes cleanly. Nothing
        submitted after this runs."""
        first = not self.closed
        self.closed = True
        for job in list(self._running):
            job.cancel()
        finished = all(pool.waitForDone(timeout_ms) for pool in self._lanes.values())
        if first and self._collecting:
            ui_thread_gc.release()
        return finished
