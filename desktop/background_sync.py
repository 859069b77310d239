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

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from config.settings import get_setting
from desktop.jobs import Job, JobRunner
from lawdesk.workspace import Workspace

FIRST_DELAY_MS = 3_000           # let the window settle before the first pass
RETRY_DELAYS_S = (15, 30, 60, 120, 300)
JITTER = 0.1                     # each wait is its length times 1 ± up to this


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
        from sync.link import get_link
        try:
            enrolled = get_link(self.workspace.db) is not None
        except Exception:  # noqa: BLE001 - a busy database must not stop the timer
            enrolled = False
        if enrolled and self.job is None:
            self._run()
        else:
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
        self._done(PassOutcome(self.workspace.clock.now(), None, error), False)

    def _cancelled(self) -> None:
        self.job = None
        self._schedule()

    def _done(self, outcome: PassOutcome, ok: bool) -> None:
        self.job = None
        self.last = outcome
        self._failures = 0 if ok else self._failures + 1
        self.finished.emit(outcome)
        self._schedule()

    def _schedule(self) -> None:
        interval = int(get_setting(self.workspace.db, "sync.interval_seconds"))
        if self._failures:
            interval = min(interval, RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S)) - 1])
        self._timer.start(jittered_ms(interval))

    @property
    def next_in_ms(self) -> int:
        return self._timer.remainingTime() if self._timer.isActive() else -1
