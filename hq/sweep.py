"""HQ's housekeeping in the background, while the server runs: expired uploads and their
part files, orphan part files, token nonces out of the replay window, and the enrollment
throttle's forgotten addresses.

Without it a part file stayed on HQ's disk until some workstation happened to create
another upload, up to UPLOAD_EXPIRY_S and beyond. The sweep runs in one daemon thread: at
start (an HQ that was down over a holiday finds everything that expired meanwhile) and then
every INTERVAL_S, or sooner when the earliest open upload expires before that. The work is
blocking file and database calls, so a thread, not the event loop; a failed round is logged
and the next one tries again.

hq.app attaches it to the application's lifespan (``attach``): started when the server
starts serving, stopped (and joined) when it shuts down. ``start(service)`` / ``stop(service)``
do the same by hand."""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, AsyncIterator

from sqlalchemy import func, select

from db.models import HqUpload

if TYPE_CHECKING:
    from fastapi import FastAPI

    from hq.service import HqService

log = logging.getLogger(__name__)

# The longest pause between two rounds (seconds).
INTERVAL_S = 600.0
# The shortest: a burst of uploads expiring together is swept in one round.
MIN_INTERVAL_S = 1.0


class Sweeper:
    def __init__(self, service: "HqService", *, interval_s: float = INTERVAL_S) -> None:
        self.service = service
        self.interval_s = interval_s
        self.rounds = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="hq-sweep", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def sweep_once(self) -> int:
        """One round; returns how many uploads, part files and nonces went."""
        from hq.auth import purge_nonces
        removed = self.service.uploads.sweep() + purge_nonces(self.service)
        self.service.enroll_throttle.prune()
        self.rounds += 1
        return removed

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep_once()
                pause = self._pause()
            except Exception:  # noqa: BLE001 - a bad round must not end the sweeping
                log.exception("HQ sweep failed; trying again later")
                pause = self.interval_s
            self._stop.wait(pause)

    def _pause(self) -> float:
        """Until the earliest open upload expires, within [MIN_INTERVAL_S, interval_s]."""
        with self.service.db.read() as session:
            earliest: datetime | None = session.execute(
                select(func.min(HqUpload.expires_at))).scalar()
        if earliest is None:
            return self.interval_s
        if earliest.tzinfo is None:  # an aggregate may come back naive (UTC) on SQLite
            earliest = earliest.replace(tzinfo=timezone.utc)
        until = (earliest - self.service.clock.now()).total_seconds()
        return min(self.interval_s, max(MIN_INTERVAL_S, until))


def start(service: "HqService", *, interval_s: float = INTERVAL_S) -> Sweeper:
    """Start the service's sweeper (once; a second call returns the running one)."""
    if service.sweeper is None:
        service.sweeper = Sweeper(service, interval_s=interval_s)
    service.sweeper.start()
    return service.sweeper


def stop(service: "HqService") -> None:
    if service.sweeper is not None:
        service.sweeper.stop()
        service.sweeper = None


def attach(app: "FastAPI") -> None:
    """Run the sweep for as long as the application is served, around whatever lifespan
    the application already has."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        start(application.state.hq)
        try:
            async with inner(application) as state:
                yield state
        finally:
            stop(application.state.hq)

    app.router.lifespan_context = lifespan
