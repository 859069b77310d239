"""How long the store's disk can go on recording, counted in seconds of the recording.

Storing a finished recording copies it into the store (the offload's pipeline: a staging
copy, read back, then linked), so until it is stored a recording needs its own size free a
second time. Seconds left = (free bytes - what the recording has written - RESERVE) / the
recording's bytes per second. The recorder warns at WARN_SECONDS (issue 18: "a clear warning
at 10 minutes of space left") and stops cleanly at STOP_SECONDS, before the disk is full,
leaving the room storing needs.
"""
from __future__ import annotations

import shutil
from pathlib import Path

WARN_SECONDS = 600
STOP_SECONDS = 2
# The database's growth, the manifests and the journal while the recording is stored.
RESERVE = 256 * 1024


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


def seconds_left(path: Path, bytes_per_second: int, written: int = 0,
                 reserve: int = RESERVE) -> float:
    """Seconds of recording the disk holding ``path`` still has room for (never below 0)."""
    room = free_bytes(path) - written - reserve
    return max(0.0, room / bytes_per_second)


class SpaceWatch:
    """The recorder's view of the disk: checked by its writer at each flush."""

    def __init__(self, path: Path, bytes_per_second: int, *, warn_s: float = WARN_SECONDS,
                 stop_s: float = STOP_SECONDS, reserve: int = RESERVE) -> None:
        self.path, self.rate = Path(path), int(bytes_per_second)
        self.warn_s, self.stop_s, self.reserve = warn_s, stop_s, reserve
        self.warned = False
        self.left_s = seconds_left(self.path, self.rate, 0, reserve)

    def check(self, written: int) -> str | None:
        """"stop", "warn" (once) or None, after measuring the seconds left."""
        self.left_s = seconds_left(self.path, self.rate, written, self.reserve)
        if self.left_s <= self.stop_s:
            return "stop"
        if self.left_s <= self.warn_s and not self.warned:
            self.warned = True
            return "warn"
        return None
