"""Sync with HQ in the background while the window is open.

A timer starts one pass (sync.engine.run_pass) every ``sync.interval_seconds`` on the job
runner's own sync lane, so offline work never waits for it: a pass holds the database only
for short transactions and does its network work outside them. "Sync now" starts a pass at
once. When HQ cannot be reached the next try comes sooner than the interval at first and
backs off to it, so a workstation that comes back online catches up quickly without
hammering a server that is down. Every wait is stretched or shortened by up to a tenth at
random, so a unit's workstations that started together (a power cut, HQ back after an
outage) drift apart instead of reaching HQ in the same second, pass after pass.
"""
from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from config.settings import get_setting
from core.errors import DomainError
from desktop.jobs import Job, JobRunner
from lawdesk.workspace import Workspace

FIRST_DELAY_MS = 3_000           # let the window settle before the first pass
RETRY_DELAYS_S = (15, 30, 60, 120, 300)
JITTER = 0.1                     # each wait is its length times 1 ± up to this
DEFAULT_INTERVAL_S = 60          # until the setting is first read (its shipped default)
log = logging.getLogger("lawdesk.desktop")


def jittered_ms(seconds: float, uniform: Callable[[float, float], float] = random.uniform
                ) -> int:
    return round(seconds * 1000 * uniform(1 - JITTER, 1 + JITTER))


@dataclass(frozen=True)
class PassOutcome:
    """What the last pass did: its summary (sync.engine.PassSummary) or the error."""

    at: datetime
    summary: Any | None
    error: Exception | None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(getattr(self.summary, "ok", False))


class BackgroundSync(QObject):
    started = Signal()
    progress = Signal(object, object, str)   # done, total, note (bytes can pass 2**31)
    finished = Signal(object)                # PassOutcome

    def __init__(self, workspace: Workspace, runner: JobRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.runner = workspace, runner
        self.job: Job | None = None
        self.last: PassOutcome | None = None
        self._failures = 0
        # sync.interval_seconds as last read (by each tick, off the UI thread).
        self._interval_s = DEFAULT_INTERVAL_S
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)

    # ----------------------------------------------------------------- control
    def start(self, first_delay_ms: int = FIRST_DELAY_MS) -> None:
        self._timer.start(first_delay_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self.job is not None:
            self.job.cancel()

    @property
    def running(self) -> bool:
        return self.job is not None

    def sync_now(self) -> bool:
        """Start a pass now; False when one is already running (it is not queued twice)."""
        if self.job is not None:
            return False
        self._timer.stop()
        self._run()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # ---------------------------------------------------------------- internals
    def _tick(self) -> None:
        """Whether to pass now is read from the database on the read lane, never on the
        UI thread; so is the interval to wait (desktop.thread_guard)."""
        database = self.workspace.db

        def look(_progress, _cancel) -> tuple[bool, int]:  # noqa: ANN001
            from sync.status import enrolled
            return enrolled(database), int(get_setting(database, "sync.interval_seconds"))

        self.runner.submit(look, on_success=self._looked, on_error=self._look_failed)

    def _looked(self, answer: tuple[bool, int]) -> None:
        enrolled, self._interval_s = answer
        if enrolled and self.job is None:
            self._run()
        else:
            self._schedule()

    def _look_failed(self, error: Exception) -> None:
        # A busy or closing database must not stop the timer: try again after a while.
        log.warning("background sync could not read its state: %s: %s",
                    type(error).__name__, error)
        self._schedule()

    def _run(self) -> None:
        from sync.engine import run_pass
        workspace = self.workspace
        self.started.emit()
        self.job = self.runner.submit(
            lambda progress, cancel: run_pass(workspace, progress=progress, cancel=cancel),
            on_success=self._succeeded, on_error=self._failed,
            on_progress=self.progress.emit, on_cancelled=self._cancelled, lane="sync")

    def _succeeded(self, summary: Any) -> None:
        ok = bool(getattr(summary, "ok", False))
        self._done(PassOutcome(self.workspace.clock.now(), summary, None), ok)

    def _failed(self, error: Exception) -> None:
        # Shown in the Sync area and the status bar; a fault that is not a refusal (HQ
        # unreachable is one: sync.errors) also goes to the log with its traceback.
        if not isinstance(error, DomainError):
            log.error("background sync pass failed: %s: %s\n%s", type(error).__name__, error,
                      getattr(error, "formatted_traceback", ""))
        self._done(PassOutcome(self.workspace.clock.now(), None, error), False)

    def _cancelled(self) -> None:
        self.job = None
        self._schedule()

    def _done(self, outcome: PassOutcome, ok: bool) -> None:
        self.job = None
        self.last = outcome
        self._failures = 0 if ok else self._failures + 1
        self._schedule()   # first, so that whoever hears "finished" can say when the next is
        self.finished.emit(outcome)

    def _schedule(self) -> None:
        interval = self._interval_s
        if self._failures:
            interval = min(interval, RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S)) - 1])
        self._timer.start(jittered_ms(interval))

    @property
    def next_in_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else -1

    @property
    def next_at(self) -> datetime | None:
        """When the next automatic pass starts, on the workspace's clock (None: none is
        due, e.g. one is running)."""
        remaining = self.next_in_ms
        if remaining < 0:
            return None
        return self.workspace.clock.now() + timedelta(milliseconds=remaining)
