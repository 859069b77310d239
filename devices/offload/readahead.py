"""Reading a recorder ahead of the offload, from the moment the command starts.

A device-bound offload should take the device's read time plus a short tail. Before the
offload's first read, though, LawDesk has seconds of its own to do: start the interpreter,
import the database layer, open the data folder, check the password (argon2, slow on
purpose). Meanwhile the recorder would sit idle. So the offload's entry points (`lawdesk
ingest`, the window's offload process) start a :class:`ReadAhead` first, with nothing but
the standard library and the profiles loaded: it scans the volume exactly as the offload
will (same profiles, same order) and reads its files into the kernel's page cache, at most
:func:`budget` bytes ahead of what the offload has read. Once the offload runs, it finds
those bytes in memory and reads the rest at the device's speed, the read-ahead still a
little ahead of it, so a read is always in flight at the device even while the offload's
own reader hands a chunk on.

How it reads: where the kernel takes advice (Linux), it asks for each chunk with
``posix_fadvise(WILLNEED)``, which starts the device's reads into the page cache, then
waits for the chunk by reading its last byte, so the bytes cross memory only once, into the
offload's own buffers. Reading them into a scratch buffer instead, as it does elsewhere,
copies every byte one more time: on the benchmark's unthrottled recorder that copy was a
fifth of the offload's CPU time. It waits for each chunk rather than asking for its whole
budget at once because a flood of requests queues every other read of the same disk behind
it: with the recorder's image on the system disk, the interpreter's own start-up (reading
its modules) took twice as long.

What it does not do: it keeps nothing (the pages stay in the kernel's cache until the
offload reads them and lets them go, see fileio.OsSource), writes nothing, and proves
nothing. The offload still reads every byte itself, hashes what it reads, and checks the
file did not change meanwhile; a read error here is ignored (the offload meets it again and
reports it). Before the user's login and permission are checked only the page cache is
warmed: nothing is stored, and anyone who can run the command can read the volume anyway.
"""
from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Iterable

from devices.offload.fileio import open_nonblocking
from devices.offload.profiles import load_profiles, recognise
from devices.offload.scan import scan_volume

# Bytes read ahead of the offload, at most: the four to six seconds LawDesk takes to start
# on a busy two-core machine, at USB 3's 120 MB/s (measured: with 384 MiB the device idled a
# second of each such start-up). Clean cached pages: the kernel takes them back whenever it
# needs the memory, and the offload then reads those bytes from the device itself ...
MOST_AHEAD = 768 << 20
# ... and at most this fraction of the memory available now (four recorders offloading at
# once hold a quarter of it at most).
MEMORY_SHARE = 16
CHUNK = 4 << 20
WILL_NEED = getattr(os, "POSIX_FADV_WILLNEED", None) if hasattr(os, "posix_fadvise") else None


def budget() -> int:
    """How far ahead to read: MOST_AHEAD, less on a machine short of memory."""
    try:
        with open("/proc/meminfo", "rb") as info:
            for line in info:
                if line.startswith(b"MemAvailable:"):
                    return min(MOST_AHEAD, int(line.split()[1]) * 1024 // MEMORY_SHARE)
    except (OSError, ValueError, IndexError):
        pass
    return MOST_AHEAD


class ReadAhead:
    """One volume read ahead in a thread of its own; :meth:`close` stops it."""

    def __init__(self, root: Path | str, *, ahead: int | None = None) -> None:
        self.root = Path(root).expanduser()  # as the offload takes it
        self.ahead = budget() if ahead is None else ahead
        self._lock = threading.Condition()
        self._fetched: dict[str, int] = {}    # bytes read ahead, by file (relative path)
        self._consumed: dict[str, int] = {}   # bytes the offload has read, by file
        self._held = 0                        # read ahead and not yet read by the offload
        self._wanted: set[str] | None = None  # the files the offload will read; None: all
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="lawdesk-read-ahead",
                                        daemon=True)
        self._thread.start()

    # ------------------------------------------------------- told by the offload
    def expect(self, relatives: Iterable[str]) -> None:
        """The files the offload will read (it skips what an earlier one verified)."""
        with self._lock:
            self._wanted = set(relatives)
            for relative in list(self._fetched):
                if relative not in self._wanted:
                    self._forget(relative)
            self._lock.notify_all()

    def consumed(self, relative: str, offset: int) -> None:
        """The offload has read ``relative`` up to ``offset`` (and let those pages go)."""
        with self._lock:
            before = self._consumed.get(relative, 0)
            if offset <= before:
                return
            fetched = self._fetched.get(relative, 0)
            self._held -= max(0, min(offset, fetched) - min(before, fetched))
            self._consumed[relative] = offset
            self._lock.notify_all()

    def close(self) -> None:
        with self._lock:
            self._stopped = True
            self._lock.notify_all()
        self._thread.join(timeout=5)

    def __enter__(self) -> "ReadAhead":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- the thread
    def _run(self) -> None:
        if not hasattr(os, "preadv"):  # Windows: the offload reads the device itself only
            return
        try:
            profiles = load_profiles()
            scan = scan_volume(self.root, recognise(self.root, profiles).profile)
        except Exception:  # noqa: BLE001 - the offload meets it again and reports it
            return
        buffer = bytearray(CHUNK if WILL_NEED is None else 0)  # only reads need room
        for entry in scan.files:
            if not self._wait_for_room(entry.relative):
                return
            if self._skipped(entry.relative):
                continue
            try:
                self._read(entry.path, entry.relative, entry.size, buffer)
            except OSError:
                continue  # the offload meets it again and reports it

    def _read(self, path: Path, relative: str, size: int, buffer: bytearray) -> None:
        fd = open_nonblocking(path)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return
            _sequential(fd)
            while True:
                with self._lock:
                    if not self._wait_for_room_locked(relative) or self._skipped_locked(
                            relative):
                        return
                    # Where the offload has got to already, there is no point in reading.
                    offset = max(self._fetched.get(relative, 0),
                                 self._consumed.get(relative, 0))
                if offset >= size:
                    return
                count = _fetch(fd, offset, min(CHUNK, size - offset), buffer)
                if count <= 0:
                    return
                self._fetched_range(relative, offset, offset + count)
        finally:
            os.close(fd)

    def _fetched_range(self, relative: str, start: int, end: int) -> None:
        with self._lock:
            if self._skipped_locked(relative):
                return
            # Held for the offload: what it has not read yet (it may have passed us).
            self._held += max(0, end - max(start, self._consumed.get(relative, 0)))
            self._fetched[relative] = max(self._fetched.get(relative, 0), end)

    def _skipped(self, relative: str) -> bool:
        with self._lock:
            return self._wanted is not None and relative not in self._wanted

    def _wait_for_room(self, relative: str) -> bool:
        with self._lock:
            return self._wait_for_room_locked(relative)

    def _wait_for_room_locked(self, relative: str) -> bool:
        """Wait until less than ``ahead`` bytes are held for the offload; False once
        stopped."""
        while not self._stopped and self._held >= self.ahead and not self._skipped_locked(
                relative):
            self._lock.wait()
        return not self._stopped

    def _skipped_locked(self, relative: str) -> bool:
        return self._wanted is not None and relative not in self._wanted

    def _forget(self, relative: str) -> None:
        """A file the offload will not read: what was read of it is no longer held (its
        pages go as the kernel sees fit; they are clean)."""
        fetched = self._fetched.pop(relative, 0)
        self._held -= max(0, fetched - self._consumed.get(relative, 0))


def _fetch(fd: int, offset: int, length: int, buffer: bytearray) -> int:
    """Read ``length`` bytes at ``offset`` into the page cache; how many were there (see
    the module's text). Where advice is not taken, read them into ``buffer``."""
    if WILL_NEED is not None:
        os.posix_fadvise(fd, offset, length, WILL_NEED)
        return length if os.pread(fd, 1, offset + length - 1) else 0
    return os.preadv(fd, [memoryview(buffer)[:length]], offset)


def _sequential(fd: int) -> None:
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
        except OSError:
            pass
