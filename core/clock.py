"""Time as the bureau sees it.

Stored instants are UTC; "today" (certificate validity, deadlines) is the calendar date in
the bureau's zone, China Standard Time by default, whatever zone the machine runs in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable
from zoneinfo import ZoneInfo

BUREAU_ZONE = "Asia/Shanghai"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Clock:
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(BUREAU_ZONE))
    source: Callable[[], datetime] = _utc_now

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        return self.source().astimezone(timezone.utc)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)


def fixed_clock(instant: datetime, zone: str = BUREAU_ZONE) -> Clock:
    """A clock stopped at ``instant``, for tests and reproducible reports."""
    return Clock(zone=ZoneInfo(zone), source=lambda: instant)


def iso_utc(instant: datetime) -> str:
    """The one textual form of an instant that goes into hashes: UTC, microseconds, 'Z'."""
    return instant.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
