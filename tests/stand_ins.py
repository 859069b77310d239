"""What tests put in place of the machine's own state: the mount table, a clock the test
moves. Each replaces a source of facts the code reads, never the code under test."""
from __future__ import annotations

from datetime import datetime, timezone

from devices.offload.volumes import Volume


class Plugged:
    """Stands in for the mount table: the test plugs and unplugs volumes (``now``)."""

    def __init__(self) -> None:
        self.now: frozenset[Volume] = frozenset()

    def volumes(self) -> frozenset[Volume]:
        return self.now


class MovableClock:
    """A clock's source the test sets (``now``): pass it as ``Clock(source=...)``."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now
