"""Reading a stream once and handing every chunk to several consumers at the same time.

The reader runs in the calling thread; each consumer (a hash, a file being written) runs in
a thread of its own behind a small bounded queue, so reading, hashing and writing overlap
(os.read, os.write, hashlib and cryptography's hashes all release the GIL on large buffers)
while memory stays at a few chunks whatever the file size.
"""
from __future__ import annotations

import hashlib
import os
import queue
import threading
from pathlib import Path
from typing import Callable, Sequence

from core.jobs import CancelToken, Cancelled

CHUNK = 4 << 20   # 4 MiB: large enough for fast syscalls and hashing, small enough to stay flat
DEPTH = 4         # chunks queued per consumer
_POLL = 0.1       # seconds between looks at the stop flag while a queue waits
_EOF = object()

Sink = Callable[[bytes], object]


class _Stage(threading.Thread):
    def __init__(self, sink: Sink, stop: threading.Event) -> None:
        super().__init__(daemon=True, name="lawdesk-pump")
        self.sink, self.stop = sink, stop
        self.queue: queue.Queue = queue.Queue(DEPTH)
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                try:
                    item = self.queue.get(timeout=_POLL)
                except queue.Empty:
                    continue
                if item is _EOF:
                    return
                self.sink(item)
        except BaseException as error:  # noqa: BLE001 - handed back to the reader
            self.error = error
            self.stop.set()

    def put(self, item: object) -> bool:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False


def pump(read: Callable[[int], bytes], sinks: Sequence[Sink], *,
         cancel: CancelToken | None = None,
         on_chunk: Callable[[int], None] | None = None, chunk: int = CHUNK) -> int:
    """Read with ``read(n)`` until it returns b"", giving every chunk to every sink in order.

    Returns the number of bytes read. The first error of the reader or of any sink stops
    every stage and is raised here; a cancelled token raises Cancelled."""
    stop = threading.Event()
    stages = [_Stage(sink, stop) for sink in sinks]
    for stage in stages:
        stage.start()
    total = 0
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            data = read(chunk)
            if not data:
                break
            total += len(data)
            for stage in stages:
                if not stage.put(data):
                    break
            if stop.is_set():
                break
            if on_chunk is not None:
                on_chunk(total)
        for stage in stages:
            stage.put(_EOF)
    except BaseException:
        stop.set()
        raise
    finally:
        for stage in stages:
            stage.join()
    for stage in stages:
        if stage.error is not None:
            raise stage.error
    return total


def open_read(path: Path) -> int:
    """Open a file to read, never through a symbolic link, without updating its access time
    where the platform allows."""
    flags = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0))
    noatime = getattr(os, "O_NOATIME", 0)
    if noatime:
        try:
            return os.open(path, flags | noatime)
        except PermissionError:  # O_NOATIME needs the file's owner; fine without it
            pass
    return os.open(path, flags)


def drop_cache(fd: int) -> None:
    """Ask the kernel to forget the file's cached pages, so the next read comes from disk."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def sha256_of_fd(fd: int, *, cancel: CancelToken | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = pump(lambda n: os.read(fd, n), [digest.update], cancel=cancel, on_chunk=on_chunk)
    return size, digest.hexdigest()


def sha256_of_file(path: Path, *, from_disk: bool = False, cancel: CancelToken | None = None,
                   on_chunk: Callable[[int], None] | None = None) -> tuple[int, str]:
    """Size and SHA-256 of a file. ``from_disk``: drop its cached pages first, so what is
    hashed is what the disk holds, not what the kernel still remembers writing."""
    fd = open_read(path)
    try:
        if from_disk:
            drop_cache(fd)
        return sha256_of_fd(fd, cancel=cancel, on_chunk=on_chunk)
    finally:
        os.close(fd)


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
