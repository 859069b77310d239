"""How an offload reports progress: ``progress(done, total, note)``.

``done`` and ``total`` are bytes of the whole offload (files skipped because an earlier
offload verified them count as done at once). ``note`` says what one file is doing, as one
line a person can read and a program can parse with :func:`parse_note`::

    "<phase> <index>/<count> <file bytes done>/<file size> <path on the volume>"

for example ``"copy 3/12 1048576/4194304 DCIM/J001234_22010001_20260615101500_0001.MP4"``.
Phases in order: ``copy`` (reading the device once into the hashes and the staging file,
which is flushed, read back and hashed again behind the writer), then one of ``stored``,
``duplicate``, ``resumed``, ``failed`` or ``unreadable`` (failed because the device did not
give the file: a read error, or the device gone; the window counts these against the
recorder, see devices.offload.rate). The last call of an offload has
``done == total`` and the note ``"finished"`` or ``"cancelled"``.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from core.jobs import Progress

PHASES = ("copy", "stored", "duplicate", "resumed", "failed", "unreadable")
FINAL_PHASES = frozenset({"stored", "duplicate", "resumed", "failed", "unreadable"})
UNREADABLE = "unreadable"
# Failures that are the device's: its read failed, or it went away mid-read.
DEVICE_FAILURES = frozenset({"read_error", "device_gone"})
_NOTE = re.compile(r"^(?P<phase>[a-z]+) (?P<index>\d+)/(?P<count>\d+) "
                   r"(?P<done>\d+)/(?P<size>\d+) (?P<path>.*)$", re.DOTALL)
INTERVAL = 0.05  # at most twenty updates a second per offload, but every phase change


@dataclass(frozen=True)
class FileProgress:
    phase: str
    index: int          # 1-based
    count: int
    done: int           # bytes of this file copied (or verified)
    size: int
    path: str

    @property
    def finished(self) -> bool:
        return self.phase in FINAL_PHASES


def file_note(phase: str, index: int, count: int, done: int, size: int, path: str) -> str:
    return f"{phase} {index}/{count} {done}/{size} {path}"


def parse_note(note: str) -> FileProgress | None:
    """The file progress a note describes, or None for other notes ("finished", "")."""
    match = _NOTE.match(note)
    if match is None:
        return None
    return FileProgress(match["phase"], int(match["index"]), int(match["count"]),
                        int(match["done"]), int(match["size"]), match["path"])


class Reporter:
    """Overall bytes plus per-file notes, throttled, safe to call from two threads."""

    def __init__(self, progress: Progress, total: int, count: int) -> None:
        self.progress, self.total, self.count = progress, total, count
        self.done = 0
        self._lock = threading.Lock()
        self._last = 0.0

    def advance(self, amount: int) -> None:
        with self._lock:
            self.done += amount

    def file(self, phase: str, index: int, done: int, size: int, path: str, *,
             force: bool = False) -> None:
        now = time.monotonic()
        with self._lock:  # three threads report; the callback sees one call at a time
            if not force and now - self._last < INTERVAL:
                return
            self._last = now
            overall = min(self.done, self.total)
            self.progress(overall, self.total,
                          file_note(phase, index, self.count, done, size, path))

    def finish(self, note: str) -> None:
        with self._lock:
            self.progress(self.total, self.total, note)
